package org.custodia.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodia.audit.AuditReader;
import org.custodia.integrity.Signing;
import org.custodia.security.Role;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /admin/status}: the facts health and metrics expose, read from the same beans — every
 * health check ({@code /q/health}: object store with Object Lock, audit log, spool …), the signing
 * generation and TSA ({@link Signing#status()}), the audit log's size and last checkpoint ({@link
 * AuditReader#backlog()}, as the {@code custodia_audit_*} gauges), and the media queue by state
 * (the {@code custodia_media_jobs} gauges).
 */
@Path("/admin/status")
@Produces(MediaType.TEXT_HTML)
public class StatusPage {
  static final List<String> JOB_STATES = List.of("QUEUED", "RUNNING", "DEAD", "FAILED");

  /** One health check as {@code /q/health} answers it. */
  public record Check(String name, boolean up, Map<String, Object> data) {}

  /** The page. */
  public record View(
      Instant at,
      List<Check> checks,
      Boolean objectLock,
      Signing.Status signing,
      AuditReader.Backlog audit,
      Instant lastCheckpoint,
      Map<String, Long> jobs) {
    public boolean allUp() {
      return checks.stream().allMatch(Check::up);
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance status(View view);
  }

  private final Instance<HealthCheck> health;
  private final Signing signing;
  private final AuditReader audit;
  private final MeterRegistry metrics;

  StatusPage(
      @Any Instance<HealthCheck> health,
      Signing signing,
      AuditReader audit,
      MeterRegistry metrics) {
    this.health = health;
    this.signing = signing;
    this.audit = audit;
    this.metrics = metrics;
  }

  @GET
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance status() {
    List<Check> checks = new ArrayList<>();
    Boolean lock = null;
    for (HealthCheck check : health) {
      HealthCheckResponse r;
      try {
        r = check.call();
      } catch (RuntimeException e) {
        checks.add(
            new Check(check.getClass().getSimpleName(), false, Map.of("error", e.toString())));
        continue;
      }
      Map<String, Object> data = new LinkedHashMap<>(r.getData().orElse(Map.of()));
      checks.add(new Check(r.getName(), r.getStatus() == HealthCheckResponse.Status.UP, data));
      if (data.get("objectLockEnforced") instanceof Boolean b) {
        lock = b;
      }
    }
    checks.sort(Comparator.comparing(Check::name));
    AuditReader.Backlog backlog = audit.backlog();
    Instant now = Instant.now();
    Instant last = backlog.checkpointAge() == null ? null : now.minus(backlog.checkpointAge());
    Map<String, Long> jobs = new LinkedHashMap<>();
    for (String state : JOB_STATES) {
      Gauge g = metrics.find("custodia.media.jobs").tag("state", state).gauge();
      double v = g == null ? Double.NaN : g.value();
      jobs.put(state, Double.isNaN(v) ? null : (long) v);
    }
    return Templates.status(new View(now, checks, lock, signing.status(), backlog, last, jobs));
  }
}
