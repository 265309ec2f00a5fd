package org.custodia.fixity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import org.custodia.audit.AuditService;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.support.Ids;
import org.custodia.support.Page;

/**
 * Fixity runs as callers see them: who may start one (administrators anything, a unit's auditor its
 * unit's records), what each may see (a run covering one unit: whoever sees the unit; a run of
 * several or all units: administrators and supervisors), progress and the report.
 */
@ApplicationScoped
public class FixityService {
  private final FixityRepository runs;
  private final EvidenceService evidence;
  private final CaseService cases;
  private final Caller caller;
  private final AuditService audit;

  FixityService(
      FixityRepository runs,
      EvidenceService evidence,
      CaseService cases,
      Caller caller,
      AuditService audit) {
    this.runs = runs;
    this.evidence = evidence;
    this.cases = cases;
    this.caller = caller;
    this.audit = audit;
  }

  /** Starts a run; its objects are listed and checked by the workers. */
  @Transactional
  public FixityRun start(FixityBodies.NewRun body) {
    FixityBodies.NewRun b = body == null ? new FixityBodies.NewRun(null, null, null, null) : body;
    String scope = b.scope() != null ? b.scope() : caller.global() ? "all" : "unit";
    UUID unit = null;
    UUID caseId = null;
    List<UUID> ids = null;
    FixityRun.Scope s;
    switch (scope) {
      case "all" -> {
        if (!caller.global()) {
          throw new CustodiaException(
              ProblemType.FORBIDDEN,
              "a unit's auditor checks the records of its unit: scope unit, case or evidence",
              "scope");
        }
        s = FixityRun.Scope.ALL;
      }
      case "unit" -> {
        unit = b.unitId() != null ? b.unitId() : caller.unitId();
        if (unit == null) {
          throw CustodiaException.invalid("unitId", "required with scope unit");
        }
        caller.requireSees(unit, "unit", unit);
        s = FixityRun.Scope.UNIT;
      }
      case "case" -> {
        if (b.caseId() == null) {
          throw CustodiaException.invalid("caseId", "required with scope case");
        }
        caseId = b.caseId();
        unit = cases.get(caseId).unitId();
        s = FixityRun.Scope.CASE;
      }
      default -> {
        if (b.evidenceIds() == null || b.evidenceIds().isEmpty()) {
          throw CustodiaException.invalid("evidenceIds", "required with scope evidence");
        }
        Set<UUID> units = new LinkedHashSet<>();
        Set<UUID> distinct = new LinkedHashSet<>(b.evidenceIds());
        for (UUID id : distinct) {
          Evidence e = evidence.visible(id);
          units.add(e.unitId());
        }
        ids = new ArrayList<>(distinct);
        unit = units.size() == 1 ? units.iterator().next() : null;
        s = FixityRun.Scope.EVIDENCE;
      }
    }
    if (s != FixityRun.Scope.EVIDENCE && b.evidenceIds() != null) {
      throw CustodiaException.invalid("evidenceIds", "only with scope evidence");
    }
    UUID id = Ids.newId();
    runs.insertRun(id, s, unit, caseId, ids, caller.id());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("scope", s.name());
    if (unit != null) {
      details.put("unitId", unit.toString());
    }
    if (caseId != null) {
      details.put("caseId", caseId.toString());
    }
    if (ids != null) {
      details.put("evidence", ids.size());
    }
    audit.record("fixity.run-requested", FixityJobs.target(id), details);
    return runs.run(id).orElseThrow();
  }

  /** A run the caller may see, with its report once DONE (the report's reading is audited). */
  @Transactional
  public FixityRun get(UUID id) {
    FixityRun run = runs.run(id).orElseThrow(() -> CustodiaException.notFound("fixity run"));
    caller.requireSees(run.unitId(), "fixity run", id);
    if (run.state() != FixityRun.State.DONE) {
      return run;
    }
    audit.record(
        "fixity.report-viewed",
        FixityJobs.target(id),
        Map.of("problems", run.progress().problems()));
    return run.withReport(() -> new ReportIterator(id));
  }

  /**
   * Which of several records (the caller already may see them: a dossier's) failed their last
   * check: the red mark of lists, as {@code fixity.status} FAILED is on each record's own read.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Set<UUID> failing(java.util.Collection<UUID> evidenceIds) {
    return runs.failing(evidenceIds);
  }

  /** Runs the caller may see, newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<FixityRun> list(UUID before, int limit) {
    UUID unit = caller.global() ? null : caller.unitId();
    if (!caller.global() && unit == null) {
      return new Page<>(List.of(), null);
    }
    return Page.of(runs.runs(unit, before, limit + 1), limit, FixityRun::id);
  }

  /** Reads a run's report page by page as it is written out: constant memory, any size. */
  private final class ReportIterator implements Iterator<FixityItem> {
    private final UUID runId;
    private List<FixityItem> page = List.of();
    private int next;
    private long after;
    private boolean last;

    ReportIterator(UUID runId) {
      this.runId = runId;
    }

    @Override
    public boolean hasNext() {
      if (next < page.size()) {
        return true;
      }
      if (last) {
        return false;
      }
      page = runs.items(runId, after, 1000);
      next = 0;
      last = page.size() < 1000;
      if (!page.isEmpty()) {
        after = page.get(page.size() - 1).seq();
      }
      return !page.isEmpty();
    }

    @Override
    public FixityItem next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(next++);
    }
  }
}
