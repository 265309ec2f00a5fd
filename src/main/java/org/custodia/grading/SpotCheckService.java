package org.custodia.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.CaseType;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.custodia.security.User;
import org.custodia.security.UserService;
import org.custodia.support.Ids;
import org.custodia.support.Page;
import org.custodia.support.Text;

/**
 * Spot checks (抽查): a supervisor draws N dossiers of a unit whose decision date lies in a period,
 * reproducibly from a seed ({@link SpotCheckDraw}), assigns them to reviewers who can see the unit,
 * watches progress and exports the results as CSV.
 */
@ApplicationScoped
@Transactional
public class SpotCheckService {
  public static final int MAX_SIZE = 500;
  public static final int MAX_SEED = 128;
  private static final DateTimeFormatter REPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final SpotCheckRepository spotChecks;
  private final CaseService cases;
  private final ReviewService reviews;
  private final UnitService units;
  private final UserService users;
  private final GradingConfig config;
  private final AuditService audit;
  private final Caller caller;

  SpotCheckService(
      SpotCheckRepository spotChecks,
      CaseService cases,
      ReviewService reviews,
      UnitService units,
      UserService users,
      GradingConfig config,
      AuditService audit,
      Caller caller) {
    this.spotChecks = spotChecks;
    this.cases = cases;
    this.reviews = reviews;
    this.units = units;
    this.users = users;
    this.config = config;
    this.audit = audit;
    this.caller = caller;
  }

  /** Draws a spot check; fewer candidates than asked: all of them ({@code allCandidatesDrawn}). */
  public SpotCheck draw(SpotCheck.Request r) {
    if (r.unitId() == null || !caller.sees(r.unitId()) || !units.exists(r.unitId())) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
    if (r.from() == null) {
      throw CustodiaException.invalid("from", "from (first decision date) is required");
    }
    if (r.to() == null) {
      throw CustodiaException.invalid("to", "to (last decision date) is required");
    }
    if (r.to().isBefore(r.from())) {
      throw CustodiaException.invalid("to", "to must not be before from");
    }
    if (r.size() < 1 || r.size() > MAX_SIZE) {
      throw CustodiaException.invalid("size", "size must be between 1 and " + MAX_SIZE);
    }
    String seed = r.seed() == null ? SpotCheckDraw.newSeed() : r.seed();
    Text.require("seed", seed);
    if (seed.isEmpty() || seed.length() > MAX_SEED) {
      throw CustodiaException.invalid("seed", "seed must be 1 to " + MAX_SEED + " characters");
    }
    List<CaseRecords.CaseSummary> candidates =
        cases.decidedBetween(r.unitId(), r.from(), r.to(), r.caseType());
    List<SpotCheckDraw.Drawn> drawn =
        SpotCheckDraw.draw(
            seed, candidates.stream().map(CaseRecords.CaseSummary::id).toList(), r.size());
    SpotCheck.Summary summary =
        new SpotCheck.Summary(
            Ids.newId(),
            r.unitId(),
            r.from(),
            r.to(),
            r.caseType(),
            r.size(),
            seed,
            candidates.size(),
            drawn.size(),
            caller.id(),
            now());
    spotChecks.insert(summary);
    for (int i = 0; i < drawn.size(); i++) {
      spotChecks.insertDrawn(
          new SpotCheckRepository.DrawnRow(
              summary.id(), i + 1, drawn.get(i).caseId(), drawn.get(i).key(), null, null));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unitId", r.unitId().toString());
    details.put("from", r.from().toString());
    details.put("to", r.to().toString());
    if (r.caseType() != null) {
      details.put("caseType", r.caseType().name());
    }
    details.put("size", r.size());
    details.put("seed", seed);
    details.put("candidateCount", candidates.size());
    details.put("caseIds", drawn.stream().map(d -> d.caseId().toString()).toList());
    audit.record("spot-check.drawn", AuditEvent.Target.of("spot-check", summary.id()), details);
    return detail(summary);
  }

  /**
   * Assigns drawn cases: each explicit assignment first, then the other drawn cases in draw order
   * round-robin over {@code roundRobin}. An assignee must be an enabled reviewer of the unit or a
   * supervisor; an earlier assignment of a case is replaced.
   */
  public SpotCheck assign(UUID id, List<SpotCheck.Assignment> explicit, List<UUID> roundRobin) {
    SpotCheck.Summary summary =
        spotChecks.lock(id).orElseThrow(() -> CustodiaException.notFound("spot check"));
    caller.requireSees(summary.unitId(), "spot check", id);
    explicit = explicit == null ? List.of() : explicit;
    roundRobin = roundRobin == null ? List.of() : roundRobin;
    if (explicit.isEmpty() && roundRobin.isEmpty()) {
      throw CustodiaException.invalid("assignments", "name assignments, roundRobin or both");
    }
    List<SpotCheckRepository.DrawnRow> drawn = spotChecks.drawn(id);
    Map<UUID, UUID> plan = new LinkedHashMap<>();
    for (int i = 0; i < explicit.size(); i++) {
      SpotCheck.Assignment a = explicit.get(i);
      String at = "assignments[" + i + "]";
      if (drawn.stream().noneMatch(d -> d.caseId().equals(a.caseId()))) {
        throw CustodiaException.invalid(at + ".caseId", "the case is not drawn in this spot check");
      }
      if (plan.containsKey(a.caseId())) {
        throw CustodiaException.invalid(at + ".caseId", "the case is assigned twice");
      }
      requireEligible(a.reviewerId(), summary.unitId(), at + ".reviewerId");
      plan.put(a.caseId(), a.reviewerId());
    }
    for (int i = 0; i < roundRobin.size(); i++) {
      requireEligible(roundRobin.get(i), summary.unitId(), "roundRobin[" + i + "]");
    }
    if (!roundRobin.isEmpty()) {
      int next = 0;
      for (SpotCheckRepository.DrawnRow d : drawn) {
        if (!plan.containsKey(d.caseId())) {
          plan.put(d.caseId(), roundRobin.get(next++ % roundRobin.size()));
        }
      }
    }
    Instant now = now();
    List<Map<String, Object>> changes = new ArrayList<>();
    for (var p : plan.entrySet()) {
      SpotCheckRepository.DrawnRow before =
          drawn.stream().filter(d -> d.caseId().equals(p.getKey())).findFirst().orElseThrow();
      spotChecks.assign(id, p.getKey(), p.getValue(), now);
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("caseId", p.getKey().toString());
      change.put("reviewerId", p.getValue().toString());
      if (before.assigneeId() != null) {
        change.put("previousReviewerId", before.assigneeId().toString());
      }
      changes.add(change);
    }
    audit.record(
        "spot-check.assigned",
        AuditEvent.Target.of("spot-check", id),
        Map.of("assignments", changes));
    return detail(summary);
  }

  /** A spot check with its progress. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SpotCheck get(UUID id) {
    return detail(visible(id));
  }

  /** Spot checks, newest first, of one unit when given. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<SpotCheck.Summary> list(UUID unitId, UUID before, int limit) {
    UUID scoped = caller.global() ? unitId : caller.unitId();
    if (!caller.global() && unitId != null && !unitId.equals(caller.unitId())) {
      return new Page<>(List.of(), null);
    }
    return Page.of(spotChecks.list(scoped, before, limit + 1), limit, SpotCheck.Summary::id);
  }

  /** The drawn cases assigned to the caller ("my assignments"), newest spot check first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<SpotCheck.Assigned> assignedToCaller() {
    List<SpotCheck.Assigned> out = new ArrayList<>();
    Map<UUID, SpotCheck.Summary> checks = new HashMap<>();
    for (SpotCheckRepository.DrawnRow d : spotChecks.assignedTo(caller.id())) {
      SpotCheck.Summary s =
          checks.computeIfAbsent(d.spotCheckId(), k -> spotChecks.byId(k).orElseThrow());
      if (!caller.sees(s.unitId())) {
        continue; // moved to another unit since: the case is no longer theirs to review
      }
      CaseRecords.Dossier c = cases.get(d.caseId());
      out.add(
          new SpotCheck.Assigned(
              s.id(),
              s.unitId(),
              d.position(),
              d.caseId(),
              c.caseNo(),
              c.type(),
              d.assignedAt(),
              reviewed(d.caseId(), s.createdAt())));
    }
    return out;
  }

  /** The results as CSV (docs/reviews.md); the export is audited. */
  public byte[] resultsCsv(UUID id) {
    SpotCheck check = detail(visible(id));
    String unitName = units.byId(check.unitId()).map(Unit::name).orElse("");
    Map<UUID, String> names = new HashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (SpotCheck.Item item : check.items()) {
      SpotCheck.Reviewed r = item.review();
      UUID reviewer = r != null ? r.reviewerId() : item.assigneeId();
      String finding =
          r == null ? null : reviews.find(r.reviewId()).map(Review::finding).orElse(null);
      rows.add(
          java.util.Arrays.asList(
              Integer.toString(item.position()),
              item.caseNo(),
              unitName,
              chinese(item.caseType()),
              reviewer == null
                  ? ""
                  : names.computeIfAbsent(
                      reviewer, u -> users.byId(u).map(User::username).orElse(u.toString())),
              r == null ? "" : r.grade().chinese(),
              finding,
              r == null ? "" : REPORT_TIME.format(r.submittedAt().atZone(config.reportZone()))));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rows", rows.size());
    details.put(
        "reviewIds",
        check.items().stream()
            .filter(i -> i.review() != null)
            .map(i -> i.review().reviewId().toString())
            .toList());
    audit.record("spot-check.exported", AuditEvent.Target.of("spot-check", id), details);
    return ResultsCsv.write(rows);
  }

  static String chinese(CaseType type) {
    return switch (type) {
      case INSPECTION -> "行政检查";
      case PENALTY -> "行政处罚";
      case COERCIVE_MEASURE -> "行政强制";
      case LICENSING -> "行政许可";
    };
  }

  private SpotCheck.Summary visible(UUID id) {
    SpotCheck.Summary s =
        spotChecks.byId(id).orElseThrow(() -> CustodiaException.notFound("spot check"));
    caller.requireSees(s.unitId(), "spot check", id);
    return s;
  }

  private void requireEligible(UUID userId, UUID unitId, String field) {
    if (userId == null) {
      throw CustodiaException.invalid(field, field + " is required");
    }
    Optional<User> user = users.byId(userId);
    if (user.isEmpty()) {
      throw CustodiaException.invalid(field, "no such user");
    }
    User u = user.get();
    boolean eligible =
        u.enabled()
            && (u.role() == Role.SUPERVISOR
                || (u.role() == Role.REVIEWER && unitId.equals(u.unitId())));
    if (!eligible) {
      throw new CustodiaException(
          ProblemType.REVIEWER_NOT_ELIGIBLE,
          "the user cannot review this unit's dossiers: an assignee must be an enabled reviewer"
              + " of the unit or a supervisor",
          field);
    }
  }

  private SpotCheck detail(SpotCheck.Summary s) {
    List<SpotCheck.Item> items = new ArrayList<>();
    int assigned = 0;
    int[] grades = new int[Grade.values().length];
    int reviewed = 0;
    for (SpotCheckRepository.DrawnRow d : spotChecks.drawn(s.id())) {
      CaseRecords.Dossier c = cases.get(d.caseId());
      SpotCheck.Reviewed r = reviewed(d.caseId(), s.createdAt());
      if (d.assigneeId() != null) {
        assigned++;
      }
      if (r != null) {
        reviewed++;
        grades[r.grade().ordinal()]++;
      }
      items.add(
          new SpotCheck.Item(
              d.position(),
              d.caseId(),
              c.caseNo(),
              c.type(),
              d.drawKey(),
              d.assigneeId(),
              d.assignedAt(),
              r));
    }
    return new SpotCheck(
        s.id(),
        s.unitId(),
        s.from(),
        s.to(),
        s.caseType(),
        s.size(),
        s.seed(),
        s.candidateCount(),
        s.drawnCount(),
        s.candidateCount() <= s.size(),
        s.createdBy(),
        s.createdAt(),
        new SpotCheck.Progress(
            items.size(),
            assigned,
            reviewed,
            grades[Grade.EXCELLENT.ordinal()],
            grades[Grade.GOOD.ordinal()],
            grades[Grade.PASS.ordinal()],
            grades[Grade.FAIL.ordinal()]),
        items);
  }

  private SpotCheck.Reviewed reviewed(UUID caseId, Instant since) {
    return reviews
        .currentSince(caseId, since)
        .map(r -> new SpotCheck.Reviewed(r.id(), r.reviewerId(), r.grade(), r.submittedAt()))
        .orElse(null);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
