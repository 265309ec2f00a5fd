package org.custodia.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.UUID;
import org.custodia.audit.AuditActor;
import org.custodia.audit.AuditEvent;
import org.custodia.error.CustodiaException;

/**
 * Who is calling, in the current request: the authenticated user or station, their role and unit,
 * and where the request came from. The one place unit scoping is decided.
 */
@RequestScoped
public class Caller implements AuditActor {
  public static final String ATTR_KIND = "custodia.kind";
  public static final String ATTR_ID = "custodia.id";
  public static final String ATTR_UNIT = "custodia.unit";

  /** Set when the request was authenticated by a browser session cookie: the session id. */
  public static final String ATTR_SESSION = "custodia.session";

  /** Set with {@link #ATTR_SESSION}: the session's CSRF token. */
  public static final String ATTR_CSRF = "custodia.csrf";

  private final SecurityIdentity identity;
  private final Instance<RoutingContext> routing;
  private final Instance<DenialRecorder> denials;

  Caller(
      SecurityIdentity identity,
      Instance<RoutingContext> routing,
      Instance<DenialRecorder> denials) {
    this.identity = identity;
    this.routing = routing;
    this.denials = denials;
  }

  public boolean authenticated() {
    return !identity.isAnonymous();
  }

  /** The user or station id. */
  public UUID id() {
    Object id = identity.getAttribute(ATTR_ID);
    return id == null ? null : (UUID) id;
  }

  /** The user's name (a station's principal name for stations); null when anonymous. */
  public String name() {
    return identity.isAnonymous() ? null : identity.getPrincipal().getName();
  }

  /** The browser session that authenticated this request; null for bearer tokens. */
  public UUID sessionId() {
    Object id = identity.getAttribute(ATTR_SESSION);
    return id == null ? null : (UUID) id;
  }

  /** The CSRF token of the browser session that authenticated this request, else null. */
  public String csrfToken() {
    Object token = identity.getAttribute(ATTR_CSRF);
    return token == null ? null : token.toString();
  }

  public Role role() {
    for (Role role : Role.values()) {
      if (identity.hasRole(role.name())) {
        return role;
      }
    }
    return null;
  }

  public String roleName() {
    Role role = role();
    return role == null ? null : role.name();
  }

  /** The caller's unit; null for admins and supervisors without one. */
  public UUID unitId() {
    Object unit = identity.getAttribute(ATTR_UNIT);
    return unit == null ? null : (UUID) unit;
  }

  /** Whether the caller sees every unit. */
  public boolean global() {
    Role role = role();
    return role != null && role.global();
  }

  /** Whether the caller may see records of {@code unit}. */
  public boolean sees(UUID unit) {
    return global() || (unit != null && unit.equals(unitId()));
  }

  /**
   * Refuses access to a record of another unit as "not found", so that ids of other units' records
   * cannot be probed; the refusal is audited as a denial, so that probing is visible.
   */
  public void requireSees(UUID unit, String what, UUID id) {
    if (!sees(unit)) {
      denials.get().outOfScope(what, id);
      throw CustodiaException.notFound(what);
    }
  }

  @Override
  public AuditEvent.Actor actor() {
    String kind = identity.isAnonymous() ? "ANONYMOUS" : (String) identity.getAttribute(ATTR_KIND);
    UUID id = id();
    return new AuditEvent.Actor(kind, id == null ? null : id.toString(), address());
  }

  @Override
  public String actorRole() {
    return roleName();
  }

  @Override
  public String actorUnit() {
    UUID unit = unitId();
    return unit == null ? null : unit.toString();
  }

  public String address() {
    if (!routing.isResolvable()) {
      return null;
    }
    try {
      RoutingContext rc = routing.get();
      return rc.request().remoteAddress() == null
          ? null
          : rc.request().remoteAddress().hostAddress();
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public String requestId() {
    if (!routing.isResolvable()) {
      return null;
    }
    try {
      Object id = routing.get().get(RequestIds.KEY);
      return id == null ? null : id.toString();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
