package org.custodia.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.jboss.logging.Logger;

/**
 * Records every refused request (401/403) in the audit log, with the actor when known, the address,
 * and the path as target. Written in its own transaction: a denial changes no state.
 */
@ApplicationScoped
public class DenialRecorder {
  private static final Logger LOG = Logger.getLogger(DenialRecorder.class);

  private final AuditService audit;
  private final Instance<Caller> caller;
  private final Instance<RoutingContext> routing;
  private final ExecutorService offload =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "audit-denials");
            t.setDaemon(true);
            return t;
          });

  DenialRecorder(AuditService audit, Instance<Caller> caller, Instance<RoutingContext> routing) {
    this.audit = audit;
    this.caller = caller;
    this.routing = routing;
  }

  /** Records a denial of the current request. */
  public void denied(int status, String path) {
    denied(status, path, null);
  }

  /** Records a denial of the current request, saying why (e.g. {@code csrf}). */
  public void denied(int status, String path, String reason) {
    AuditEvent event = event(status, path, reason == null ? null : Map.of("reason", reason));
    if (Context.isOnEventLoopThread()) {
      offload.execute(() -> write(event));
    } else {
      write(event);
    }
  }

  /**
   * Records a request for a record of another unit: answered "not found" so that ids cannot be
   * probed, audited so that probing is visible. Written in its own transaction: the request's own
   * rolls back with the refusal.
   */
  public void outOfScope(String what, Object id) {
    String path = currentPath();
    Map<String, Object> extra = new java.util.TreeMap<>();
    extra.put("status", 404);
    extra.put("reason", "out-of-scope");
    if (path != null) {
      extra.put("path", path);
    }
    AuditEvent event = event(403, path, extra);
    AuditEvent scoped =
        new AuditEvent(
            event.v(),
            event.type(),
            event.actor(),
            event.role(),
            event.unit(),
            new AuditEvent.Target(what, id == null ? null : id.toString()),
            event.time(),
            event.requestId(),
            event.details());
    if (Context.isOnEventLoopThread()) {
      offload.execute(() -> write(scoped));
    } else {
      write(scoped);
    }
  }

  private String currentPath() {
    try {
      return routing.isResolvable() ? routing.get().request().path() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Records a refused login (details say why; the typed username is never recorded). */
  public void loginRefused(String reason, String userId) {
    loginRefused(reason, userId, "/api/v1/auth/login");
  }

  /** Records a refused login at {@code path} (the API's or the web UI's sign-in). */
  public void loginRefused(String reason, String userId, String path) {
    write(event(401, path, Map.of("reason", reason, "userId", userId == null ? "" : userId)));
  }

  private AuditEvent event(int status, String path, Map<String, Object> extra) {
    AuditEvent.Actor actor;
    String role = null;
    String unit = null;
    String requestId = null;
    Caller c = caller.get();
    try {
      requestId = c.requestId();
      if (status == 403 && c.authenticated()) {
        actor = c.actor();
        role = c.roleName();
        unit = c.unitId() == null ? null : c.unitId().toString();
      } else {
        actor = new AuditEvent.Actor("ANONYMOUS", null, c.address());
      }
    } catch (RuntimeException e) {
      // the identity itself failed (bad token): record what the request shows
      actor = new AuditEvent.Actor("ANONYMOUS", null, address());
    }
    String method = null;
    try {
      method = routing.isResolvable() ? routing.get().request().method().name() : null;
    } catch (RuntimeException ignored) {
      // no HTTP request in scope
    }
    Map<String, Object> details = new java.util.TreeMap<>();
    details.put("status", status);
    if (method != null) {
      details.put("method", method);
    }
    if (extra != null) {
      details.putAll(extra);
    }

    return new AuditEvent(
        AuditEvent.VERSION,
        status == 401 ? "access.unauthenticated" : "access.denied",
        actor,
        role,
        unit,
        new AuditEvent.Target("path", path),
        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
        requestId,
        details);
  }

  private String address() {
    try {
      return routing.isResolvable() ? routing.get().request().remoteAddress().hostAddress() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void write(AuditEvent event) {
    try {
      QuarkusTransaction.requiringNew().run(() -> audit.append(event));
    } catch (RuntimeException e) {
      LOG.warnf("could not audit a denied request: %s", e.getClass().getSimpleName());
    }
  }
}
