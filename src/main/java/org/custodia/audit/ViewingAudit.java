package org.custodia.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Audits accesses once per viewing session ({@link ViewingSessions}): the first access of the
 * current caller to a target, for one event type, is recorded in its own transaction (committed
 * before the caller gets anything); further ones within the idle window are not. Used for evidence
 * bytes ({@code evidence.streamed}, …) and dossier views ({@code case.viewed}).
 */
@ApplicationScoped
public class ViewingAudit {
  private final AuditService audit;
  private final AuditActor actor;
  private final ViewingSessions sessions;

  ViewingAudit(AuditService audit, AuditActor actor, ViewingSessions sessions) {
    this.audit = audit;
    this.actor = actor;
    this.sessions = sessions;
  }

  /**
   * Records {@code type} on {@code target} with {@code details} unless the caller's session of it
   * is open; true when it recorded. If the write fails the session is forgotten (the next access
   * tries again) and the failure propagates, so the access is refused rather than left unaudited.
   */
  public boolean recordOnce(
      String type, AuditEvent.Target target, Supplier<Map<String, Object>> details) {
    AuditEvent.Actor who = actor.actor();
    String viewer = who == null || who.id() == null ? null : who.kind() + ":" + who.id();
    if (viewer != null && !sessions.touch(viewer, type, target)) {
      return false;
    }
    try {
      QuarkusTransaction.requiringNew().run(() -> audit.record(type, target, details.get()));
    } catch (RuntimeException e) {
      if (viewer != null) {
        sessions.forget(viewer, type, target);
      }
      throw e;
    }
    return true;
  }
}
