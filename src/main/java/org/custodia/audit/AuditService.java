package org.custodia.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Appends audit events. {@link #record} joins the caller's transaction, so an event commits or
 * rolls back together with the state change it records. Events are queued here; the integrator
 * gives them their place in the Merkle tree.
 */
@ApplicationScoped
public class AuditService {
  private final AgroalDataSource dataSource;
  private final AuditActor caller;

  AuditService(AgroalDataSource dataSource, AuditActor caller) {
    this.dataSource = dataSource;
    this.caller = caller;
  }

  /** Records an event by the current caller, inside the current transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(String type, AuditEvent.Target target, Map<String, Object> details) {
    append(
        new AuditEvent(
            AuditEvent.VERSION,
            type,
            caller.actor(),
            caller.actorRole(),
            caller.actorUnit(),
            target,
            now(),
            caller.requestId(),
            details == null || details.isEmpty() ? null : details));
  }

  /** Records an event by the service itself (bootstrap, scheduled jobs). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordSystem(String type, AuditEvent.Target target, Map<String, Object> details) {
    append(
        new AuditEvent(
            AuditEvent.VERSION,
            type,
            new AuditEvent.Actor("SYSTEM", null, null),
            null,
            null,
            target,
            now(),
            UUID.randomUUID().toString(),
            details == null || details.isEmpty() ? null : details));
  }

  /** Records a fully built event (denials, whose actor may not be the authenticated caller). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(AuditEvent event) {
    try (Connection c = dataSource.getConnection()) {
      AuditQueue.enqueue(c, event);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot append audit event", e);
    }
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
