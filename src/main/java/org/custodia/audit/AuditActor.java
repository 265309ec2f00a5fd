package org.custodia.audit;

/**
 * Who the current request acts for, as the audit log records it. The audit core owns this type and
 * knows nothing of authentication; the security feature supplies the implementation (the caller of
 * the request).
 */
public interface AuditActor {
  /** Kind (USER, STATION, ANONYMOUS), id and address of the acting party. */
  AuditEvent.Actor actor();

  /** The acting party's role, or null. */
  String actorRole();

  /** The acting party's unit, or null when it has none. */
  String actorUnit();

  /** The request's correlation id, or null outside a request. */
  String requestId();
}
