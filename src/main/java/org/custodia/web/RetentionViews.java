package org.custodia.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.dossier.SubjectService;
import org.custodia.error.CustodiaException;
import org.custodia.fixity.FixityService;
import org.custodia.retention.Hold;
import org.custodia.retention.HoldService;
import org.custodia.retention.Retention;
import org.custodia.retention.RetentionService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.User;
import org.custodia.security.UserService;

/**
 * Retention, legal holds and the fixity mark as the pages show them: names instead of ids, and what
 * the signed-in role may do (the same role rules as the API's {@code @RolesAllowed}; the services
 * decide everything else). Templates read the panels as {@code {inject:retentionViews.…}}: the
 * record page's panel, the dossier page's case-file panel and record marks, the subject page's
 * holds.
 */
@RequestScoped
@Named("retentionViews")
public class RetentionViews {
  private final RetentionService retention;
  private final HoldService holds;
  private final FixityService fixity;
  private final EvidenceService evidence;
  private final CaseService cases;
  private final SubjectService subjects;
  private final UserService users;
  private final Caller caller;
  private final WebContext web;
  private final org.custodia.security.UnitService units;
  private final Map<UUID, String> names = new HashMap<>();

  RetentionViews(
      RetentionService retention,
      HoldService holds,
      FixityService fixity,
      EvidenceService evidence,
      CaseService cases,
      SubjectService subjects,
      UserService users,
      Caller caller,
      WebContext web,
      org.custodia.security.UnitService units) {
    this.retention = retention;
    this.holds = holds;
    this.fixity = fixity;
    this.evidence = evidence;
    this.cases = cases;
    this.subjects = subjects;
    this.users = users;
    this.caller = caller;
    this.web = web;
    this.units = units;
  }

  /** The units a list may be filtered by: all for those who see all units, none otherwise. */
  public List<org.custodia.security.Unit> units() {
    return caller.global() ? units.list(null, null, null, 200) : List.of();
  }

  /** A unit's name (empty when unknown). */
  public String unitName(UUID id) {
    return id == null ? "" : units.byId(id).map(org.custodia.security.Unit::name).orElse("");
  }

  /** A hold as tables show it. */
  public record HoldRow(
      Hold hold,
      String scope,
      String target,
      String targetHref,
      String placer,
      String lifter,
      boolean active,
      boolean canLift,
      boolean mine) {}

  /** An object of a record whose last check failed: ORIGINAL, THUMBNAIL…; MISMATCH or MISSING. */
  public record Failed(String object, String result) {}

  /** The fixity mark of one record: UNCHECKED, OK or FAILED, when, and the failed objects. */
  public record Mark(String status, Instant checkedAt, UUID runId, List<Failed> failed) {
    public boolean failedMark() {
      return "FAILED".equals(status);
    }
  }

  /** A case the record is or was linked to, its file's retention end, and whether it decides. */
  public record CaseRow(
      UUID id, String caseNo, String type, String status, Instant endsAt, boolean deciding) {}

  /** The record page's retention panel. */
  public record EvidencePanel(
      UUID evidenceId,
      Retention retention,
      String retentionClass,
      String basis,
      String why,
      List<CaseRow> cases,
      StoreLock store,
      boolean storeKeepsLonger,
      List<HoldRow> holds,
      boolean holdDetails,
      Mark mark,
      boolean canChange,
      boolean canPlace,
      List<String> classes,
      String error,
      String reason,
      String chosen) {

    public boolean disposed() {
      return "DISPOSED".equals(retention.state());
    }

    /** Where the panel's forms come back to: the record's page. */
    public String back() {
      return "/evidence/" + evidenceId;
    }
  }

  /**
   * What the store itself keeps of the record's original, taken from the retention view (which has
   * asked the store already): its retain-until (the bucket's default retention may set it later
   * than the class's date), legal hold, whether the store enforces them (S3 Object Lock) or only
   * the service; {@code present} false when the original is not in the store (lost, or deleted by a
   * disposal).
   */
  public record StoreLock(
      Instant retainUntil, boolean legalHold, boolean storeEnforced, boolean present) {
    static StoreLock of(Retention r) {
      if (r.store() == null) {
        return new StoreLock(null, false, false, false);
      }
      return r.store().objects().stream()
          .filter(o -> "original".equals(o.object()))
          .findFirst()
          .filter(o -> !Boolean.TRUE.equals(o.missing()))
          .map(
              o ->
                  new StoreLock(
                      o.retainUntil(), o.legalHold(), "STORE".equals(o.enforcedBy()), true))
          .orElse(new StoreLock(null, false, false, false));
    }
  }

  /** The dossier page's panel: the case file's retention and the holds on the case. */
  public record CasePanel(
      UUID caseId, RetentionService.CaseFileTerm term, List<HoldRow> holds, boolean canPlace) {}

  /** The marks of a dossier's records: retention class, hold, disposed, fixity failed. */
  public record RecordMarks(Map<UUID, RetentionService.Summary> retention, Set<UUID> failing) {
    public RetentionService.Summary of(UUID id) {
      return retention.get(id);
    }

    public boolean failed(UUID id) {
      return failing.contains(id);
    }
  }

  /** The scopes a hold is placed on, for the holds page's form. */
  public List<String> scopes() {
    return java.util.Arrays.stream(Hold.Scope.values()).map(Enum::name).toList();
  }

  static final List<String> CLASSES = List.of("NON_EVIDENCE", "WITH_CASE", "PERMANENT");

  /** PUT /api/v1/evidence/{id}/retention: supervisors and administrators. */
  public boolean canChange() {
    return is(Role.SUPERVISOR) || is(Role.ADMIN);
  }

  /** GET /api/v1/holds: administrators, supervisors, auditors see who placed a hold and why. */
  public boolean holdDetails() {
    return canChange() || is(Role.AUDITOR);
  }

  public EvidencePanel evidencePanel(UUID id) {
    return evidencePanel(evidence.get(id), "", "", "");
  }

  EvidencePanel evidencePanel(Evidence e, String error, String reason, String chosen) {
    Retention r = retention.get(e.id());
    StoreLock store = StoreLock.of(r);
    boolean longer =
        store.retainUntil() != null
            && r.earliestDeletion() != null
            && store.retainUntil().isAfter(r.earliestDeletion());
    List<HoldRow> rows =
        holdDetails() ? r.holds().stream().map(h -> row(holds.get(h))).toList() : List.of();
    boolean open = r.cases().stream().anyMatch(c -> c.endsAt() == null);
    Retention.CaseTerm longest =
        open
            ? null
            : r.cases().stream()
                .max(java.util.Comparator.comparing(Retention.CaseTerm::endsAt))
                .orElse(null);
    boolean byCase =
        longest != null
            && r.earliestDeletion() != null
            && !longest.endsAt().isBefore(r.earliestDeletion())
            && r.retentionClass() == org.custodia.retention.RetentionClass.WITH_CASE;
    List<CaseRow> caseRows =
        r.cases().stream()
            .map(
                c ->
                    new CaseRow(
                        c.caseId(),
                        caseNo(c.caseId()),
                        c.type().name(),
                        c.status().name(),
                        c.endsAt(),
                        byCase && c == longest))
            .toList();
    String why =
        "DISPOSED".equals(r.state())
            ? "disposed"
            : switch (r.retentionClass()) {
              case PERMANENT -> "permanent";
              case WITH_CASE ->
                  r.cases().isEmpty()
                      ? "noCase"
                      : open ? "openCase" : byCase ? "longestCase" : "floor";
              default -> "nonEvidence";
            };
    return new EvidencePanel(
        e.id(),
        r,
        r.retentionClass().name(),
        r.basis() == null ? "" : r.basis().getOrDefault(basisLanguage(), ""),
        why,
        caseRows,
        store,
        longer,
        rows,
        holdDetails(),
        mark(e),
        canChange() && !"DISPOSED".equals(r.state()),
        canChange() && !"DISPOSED".equals(r.state()),
        CLASSES,
        error,
        reason,
        chosen);
  }

  /** The mark a direct evidence read carries ({@code fixity} of {@code GET /api/v1/evidence}). */
  @SuppressWarnings("unchecked")
  static Mark mark(Evidence e) {
    Object f = e.details() == null ? null : e.details().get("fixity");
    if (!(f instanceof Map<?, ?> m)) {
      return new Mark("UNCHECKED", null, null, List.of());
    }
    List<Failed> failed =
        m.get("failed") instanceof List<?> l
            ? l.stream()
                .map(o -> (Map<String, String>) o)
                .map(o -> new Failed(o.get("object"), o.get("result")))
                .toList()
            : List.of();
    return new Mark(
        String.valueOf(m.get("status")),
        (Instant) m.get("checkedAt"),
        (UUID) m.get("runId"),
        failed);
  }

  public CasePanel casePanel(UUID caseId) {
    List<HoldRow> rows =
        holdDetails()
            ? holds.search(null, Hold.Scope.CASE, caseId, null, null, 100).items().stream()
                .map(this::row)
                .toList()
            : List.of();
    return new CasePanel(caseId, retention.caseFile(caseId), rows, canChange());
  }

  /** The subject page's holds (those who may see holds) and its hold form. */
  public CasePanel subjectPanel(UUID subjectId) {
    List<HoldRow> rows =
        holdDetails()
            ? holds.search(null, Hold.Scope.SUBJECT, subjectId, null, null, 100).items().stream()
                .map(this::row)
                .toList()
            : List.of();
    return new CasePanel(subjectId, null, rows, canChange());
  }

  /** The marks of every record ever linked to a case (its dossier's records among them). */
  public RecordMarks caseMarks(UUID caseId) {
    return marks(evidence.linkedTo(caseId, null));
  }

  /** The marks of every record linked to a subject or to its cases (its page's records). */
  public RecordMarks subjectMarks(UUID subjectId) {
    return marks(evidence.linkedTo(null, subjectId));
  }

  private RecordMarks marks(List<UUID> ids) {
    return new RecordMarks(retention.summaries(ids), fixity.failing(ids));
  }

  HoldRow row(Hold h) {
    String target;
    String href;
    try {
      switch (h.scope()) {
        case EVIDENCE -> {
          target = InboxPage.name(evidence.visible(h.targetId()));
          href = "/evidence/" + h.targetId();
        }
        case CASE -> {
          target = cases.get(h.targetId()).caseNo();
          href = "/cases/" + h.targetId();
        }
        default -> {
          target = subjects.get(h.targetId()).name();
          href = "/subjects/" + h.targetId();
        }
      }
    } catch (CustodiaException gone) {
      target = h.targetId().toString();
      href = null;
    }
    boolean active = h.active(Instant.now());
    boolean mine = h.placedBy().equals(caller.id());
    return new HoldRow(
        h,
        h.scope().name(),
        target,
        href,
        name(h.placedBy()),
        h.liftedBy() == null ? null : name(h.liftedBy()),
        active,
        active && canChange() && !mine,
        mine);
  }

  private String caseNo(UUID id) {
    try {
      return cases.get(id).caseNo();
    } catch (CustodiaException gone) {
      return id.toString();
    }
  }

  String name(UUID user) {
    return names.computeIfAbsent(user, u -> users.byId(u).map(User::username).orElse(u.toString()));
  }

  private String basisLanguage() {
    return web.english() ? "en" : "zh-CN";
  }

  private boolean is(Role role) {
    return caller.authenticated() && caller.role() == role;
  }
}
