package org.custodia.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.custodia.security.Caller;

/**
 * Appends audit events. {@link #record} joins the caller's transaction, so an event commits or
 * rolls back together with the state change it records. Events are queued here; the integrator
 * gives them their place in the Merkle tree.
 */
@ApplicationScoped
public class AuditService {
  private final AgroalDataSource dataSource;
  private final Caller caller;

  AuditService(AgroalDataSource dataSource, Caller caller) {
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
            caller.roleName(),
            caller.unitId() == null ? null : caller.unitId().toString(),
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

  /** RFC 6962 leaf hash: SHA-256(0x00 || entry). */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest sha256 = sha256();
    sha256.update((byte) 0x00);
    return sha256.digest(entry);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
