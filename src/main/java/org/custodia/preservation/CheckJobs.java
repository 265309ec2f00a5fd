package org.custodia.preservation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.custodia.audit.AuditService;
import org.custodia.storage.StorageUnavailableException;
import org.custodia.support.Ids;
import org.jboss.logging.Logger;

/**
 * The work of a check, each step in its own transaction: claiming a queued check under a lease,
 * recording progress (which renews the lease) after each record, and keeping the report with its
 * audit event. A check whose worker died is claimed again when its lease lapses and runs from the
 * start; one the store could not serve is queued again, and FAILED after {@code max-attempts}.
 */
@ApplicationScoped
class CheckJobs {
  private static final Logger LOG = Logger.getLogger(CheckJobs.class);

  private final CheckRepository checks;
  private final FourPropertyCheck check;
  private final AuditService audit;
  private final PreservationConfig config;

  CheckJobs(
      CheckRepository checks,
      FourPropertyCheck check,
      AuditService audit,
      PreservationConfig config) {
    this.checks = checks;
    this.check = check;
    this.audit = audit;
    this.config = config;
  }

  Optional<CheckRepository.Claim> claim(String owner) {
    return QuarkusTransaction.requiringNew().call(() -> checks.claim(owner, config.lease()));
  }

  /** Runs one claimed check to its end (or until its lease is lost). */
  void run(CheckRepository.Claim c, String owner) {
    run(c, owner, () -> true);
  }

  private void run(CheckRepository.Claim c, String owner, BooleanSupplier keepGoing) {
    try {
      CheckReport report =
          check.check(
              c.caseId(),
              (done, total) ->
                  keepGoing.getAsBoolean()
                      && QuarkusTransaction.requiringNew()
                          .call(() -> checks.progress(c.id(), owner, done, total, config.lease())));
      if (report == null) {
        LOG.infof("four-property check %s: lease taken over", c.id());
        return;
      }
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                if (checks.done(c.id(), owner, report)) {
                  audit.recordSystem(
                      "four-property-check.finished",
                      PreservationService.target(c.id()),
                      finished(c.caseId(), report));
                }
              });
      LOG.infof("four-property check %s of case %s: %s", c.id(), c.caseId(), report.result());
    } catch (StorageUnavailableException e) {
      LOG.warnf("four-property check %s: the object store is unavailable", c.id());
      retryOrFail(c, owner, e);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warnf("four-property check %s: %s", c.id(), e.toString());
      retryOrFail(c, owner, e);
    }
  }

  /**
   * Inserts a check of the case RUNNING under this thread's lease and runs it at once (no worker
   * can claim it meanwhile); returns it as it ended.
   */
  CheckRun runInline(
      UUID caseId, UUID unitId, CheckRun.Trigger trigger, BooleanSupplier keepGoing) {
    String owner =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/inline-"
            + Thread.currentThread().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    UUID id = Ids.newId();
    CheckRepository.Claim claim =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  CheckRepository.Claim c =
                      checks.insertRunning(id, caseId, unitId, trigger, owner, config.lease());
                  audit.recordSystem(
                      "four-property-check.requested",
                      PreservationService.target(id),
                      PreservationService.details(caseId, trigger));
                  return c;
                });
    run(claim, owner, keepGoing);
    return QuarkusTransaction.requiringNew().call(() -> checks.byId(id).orElseThrow());
  }

  private void retryOrFail(CheckRepository.Claim c, String owner, Exception e) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              if (c.attempt() < config.maxAttempts()) {
                checks.release(c.id(), owner);
              } else if (checks.failed(c.id(), owner, "check failed: " + e)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("caseId", c.caseId().toString());
                d.put("attempts", c.attempt());
                d.put("failure", String.valueOf(e.getMessage()));
                audit.recordSystem(
                    "four-property-check.failed", PreservationService.target(c.id()), d);
              }
            });
  }

  /** The audit event's details: overall and per-property results, and the failing item codes. */
  static Map<String, Object> finished(UUID caseId, CheckReport report) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("caseId", caseId.toString());
    d.put("result", report.result().name());
    d.put("records", report.records());
    Map<String, Object> properties = new LinkedHashMap<>();
    for (CheckReport.PropertyReport p : report.properties()) {
      properties.put(p.property().name(), p.result().name());
    }
    d.put("properties", properties);
    List<String> failed =
        report.properties().stream()
            .flatMap(p -> p.items().stream())
            .filter(i -> i.result() == CheckReport.Result.FAIL)
            .map(CheckReport.Item::code)
            .distinct()
            .toList();
    d.put("failed", failed);
    return d;
  }
}
