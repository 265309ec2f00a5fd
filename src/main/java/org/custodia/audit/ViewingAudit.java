package org.custodia.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Audits accesses once per viewing session ({@link ViewingSessions}): the first access of the
 * current caller to a target, for one event type, is recorded in its own transaction (committed
 * before the caller gets anything), together with the session it opens; further ones within the
 * idle window, on this instance or another, are not. Used for evidence bytes ({@code
 * evidence.streamed}, …) and dossier views ({@code case.viewed}).
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
   * is open; true when it recorded. The session is opened in the transaction that writes the event:
   * if the write fails neither is kept (the next access tries again) and the failure propagates, so
   * the access is refused rather than left unaudited.
   */
  public boolean recordOnce(
      String type, AuditEvent.Target target, Supplier<Map<String, Object>> details) {
    AuditEvent.Actor who = actor.actor();
    String viewer = who == null || who.id() == null ? null : who.kind() + ":" + who.id();
    if (viewer == null) {
      QuarkusTransaction.requiringNew().run(() -> audit.record(type, target, details.get()));
      return true;
    }
    if (sessions.seenHere(viewer, type, target)) {
      return false;
    }
    try {
      return QuarkusTransaction.requiringNew()
          .call(
              () -> {
                if (!sessions.touch(viewer, type, target)) {
                  return false;
                }
                audit.record(type, target, details.get());
                return true;
              });
    } catch (RuntimeException e) {
      sessions.forget(viewer, type, target);
      throw e;
    }
  }
}
