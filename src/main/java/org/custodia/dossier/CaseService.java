package org.custodia.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.audit.ViewingAudit;
import org.custodia.digest.Sha256;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.UnitService;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;
import org.custodia.support.Page;
import org.custodia.support.Text;

/**
 * Cases and their dossiers. Every action needs at least two responsible officers, each certified
 * and not auxiliary staff at the time of the action ({@link OfficerService#requireEnforcing}).
 */
@ApplicationScoped
@Transactional
public class CaseService {
  public static final String RULE_TOO_FEW_OFFICERS = "too-few-responsible-officers";
  public static final String RULE_STATUS = "invalid-status-transition";
  static final int MIN_RESPONSIBLE = 2;

  /** The audit event of a dossier view, recorded once per viewing session of user and case. */
  public static final String EVENT_VIEWED = "case.viewed";

  private final CaseRepository cases;
  private final SubjectRepository subjects;
  private final OfficerRepository officers;
  private final OfficerService officerService;
  private final UnitService units;
  private final AuditService audit;
  private final ViewingAudit viewings;
  private final Caller caller;
  private final jakarta.enterprise.event.Event<CaseChanged> changed;
  private final jakarta.enterprise.event.Event<ActionsChanged> actionsChanged;

  CaseService(
      CaseRepository cases,
      SubjectRepository subjects,
      OfficerRepository officers,
      OfficerService officerService,
      UnitService units,
      AuditService audit,
      ViewingAudit viewings,
      Caller caller,
      jakarta.enterprise.event.Event<CaseChanged> changed,
      jakarta.enterprise.event.Event<ActionsChanged> actionsChanged) {
    this.cases = cases;
    this.subjects = subjects;
    this.officers = officers;
    this.officerService = officerService;
    this.units = units;
    this.audit = audit;
    this.viewings = viewings;
    this.caller = caller;
    this.changed = changed;
    this.actionsChanged = actionsChanged;
  }

  public record NewAction(ActionType type, Instant from, Instant to, List<UUID> officerIds) {}

  public record NewCase(
      UUID unitId,
      String caseNo,
      CaseType type,
      CaseStatus status,
      String title,
      String notes,
      LocalDate decisionDate,
      List<UUID> subjectIds,
      List<UUID> officerIds,
      List<NewAction> actions) {}

  public record CaseChange(CaseStatus status, LocalDate decisionDate, String title, String notes) {}

  public CaseRecords.Dossier create(NewCase n) {
    if (!caller.sees(n.unitId()) || !units.exists(n.unitId())) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
    CaseStatus status = n.status() == null ? CaseStatus.OPEN : n.status();
    requireDecisionDate(status, n.decisionDate());
    Set<UUID> subjectIds = new LinkedHashSet<>();
    for (int i = 0; i < n.subjectIds().size(); i++) {
      UUID id = n.subjectIds().get(i);
      String field = "subjectIds[" + i + "]";
      if (subjectIds.contains(id)) {
        throw CustodiaException.invalid(field, "the subject is listed twice");
      }
      Subject subject =
          subjects
              .byId(id)
              .filter(s -> s.unitId().equals(n.unitId()))
              .orElseThrow(() -> CustodiaException.invalid(field, "no such subject in the unit"));
      subjectIds.add(subject.id());
    }
    List<UUID> caseOfficers = n.officerIds() == null ? List.of() : n.officerIds();
    Set<UUID> officerIds = new LinkedHashSet<>();
    for (int i = 0; i < caseOfficers.size(); i++) {
      String field = "officerIds[" + i + "]";
      if (!officerIds.add(requireInUnit(caseOfficers.get(i), n.unitId(), field))) {
        throw CustodiaException.invalid(field, "the officer is listed twice");
      }
    }
    List<CaseRecords.Action> actions = new ArrayList<>();
    List<NewAction> requested = n.actions() == null ? List.of() : n.actions();
    for (int i = 0; i < requested.size(); i++) {
      CaseRecords.Action action =
          checkAction(requested.get(i), n.unitId(), caseOfficers, "actions[" + i + "]");
      actions.add(action);
      officerIds.addAll(action.officerIds());
    }
    Instant now = Instant.now();
    CaseRepository.CaseRow row =
        new CaseRepository.CaseRow(
            Ids.newId(),
            n.unitId(),
            Text.unpadded("caseNo", n.caseNo()),
            n.type(),
            status,
            n.title(),
            n.notes(),
            n.decisionDate(),
            now,
            now);
    try {
      cases.insert(row);
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.DUPLICATE_CASE_NO, "a case with this number exists", "caseNo");
      }
      throw e;
    }
    subjectIds.forEach(s -> cases.addSubject(row.id(), s));
    officerIds.forEach(o -> cases.addOfficer(row.id(), o));
    actions.forEach(a -> cases.insertAction(row.id(), a));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unitId", row.unitId().toString());
    details.put("type", row.type().name());
    details.put("status", row.status().name());
    details.put("subjectIds", subjectIds.stream().map(UUID::toString).toList());
    details.put("officerIds", officerIds.stream().map(UUID::toString).toList());
    details.put("actionIds", actions.stream().map(a -> a.id().toString()).toList());
    audit.record("case.created", AuditEvent.Target.of("case", row.id()), details);
    actionsChanged.fire(new ActionsChanged(row.id()));
    return dossier(row);
  }

  /** Adds an action to an open case; its responsible officers join the case. */
  public CaseRecords.Action addAction(UUID caseId, NewAction n) {
    CaseRepository.CaseRow row = visibleLocked(caseId);
    if (row.status() == CaseStatus.CLOSED || row.status() == CaseStatus.REVOKED) {
      throw new CustodiaException(
          ProblemType.INVALID_STATUS_TRANSITION,
          "Case is closed",
          "actions cannot be added to a closed case",
          "status");
    }
    CaseRecords.Action action = checkAction(n, row.unitId(), cases.officerIds(caseId), "action");
    cases.insertAction(caseId, action);
    action.officerIds().forEach(o -> cases.addOfficer(caseId, o));
    cases.update(
        new CaseRepository.CaseRow(
            row.id(),
            row.unitId(),
            row.caseNo(),
            row.type(),
            row.status(),
            row.title(),
            row.notes(),
            row.decisionDate(),
            row.createdAt(),
            Instant.now()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("actionId", action.id().toString());
    details.put("type", action.type().name());
    details.put("officerIds", action.officerIds().stream().map(UUID::toString).toList());
    audit.record("case.action-added", AuditEvent.Target.of("case", caseId), details);
    actionsChanged.fire(new ActionsChanged(caseId));
    return action;
  }

  /**
   * Corrects an action of an open case (a mistyped window, type or officers) under the rules of a
   * new one. The action keeps its id; what it said before is kept as a revision with the reason,
   * and the correction is audited with both. The same values again change nothing.
   */
  public Corrected correctAction(UUID caseId, UUID actionId, NewAction n, String reason) {
    CaseRepository.CaseRow row = visibleLocked(caseId);
    CaseRecords.Action before =
        cases.actions(caseId).stream()
            .filter(a -> a.id().equals(actionId))
            .findFirst()
            .orElseThrow(() -> CustodiaException.notFound("action"));
    if (row.status() == CaseStatus.CLOSED || row.status() == CaseStatus.REVOKED) {
      throw new CustodiaException(
          ProblemType.INVALID_STATUS_TRANSITION,
          "Case is closed",
          "the actions of a closed case cannot be corrected",
          "status");
    }
    CaseRecords.Action checked = checkAction(n, row.unitId(), before.officerIds(), "action");
    CaseRecords.Action after =
        new CaseRecords.Action(
            actionId, checked.type(), checked.from(), checked.to(), checked.officerIds());
    if (after.type() == before.type()
        && after.from().equals(before.from())
        && after.to().equals(before.to())
        && Set.copyOf(after.officerIds()).equals(Set.copyOf(before.officerIds()))) {
      return new Corrected(before, false);
    }
    Instant now = Instant.now();
    String by = caller.id() == null ? null : caller.id().toString();
    int revision = cases.insertRevision(Ids.newId(), before, reason, now, by);
    cases.correctAction(after);
    after.officerIds().forEach(o -> cases.addOfficer(caseId, o));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("actionId", actionId.toString());
    details.put("revision", revision);
    details.put("before", actionDetails(before));
    details.put("after", actionDetails(after));
    details.put("reasonSha256", Sha256.hexOfText(reason));
    audit.record("case.action-corrected", AuditEvent.Target.of("case", caseId), details);
    actionsChanged.fire(new ActionsChanged(caseId));
    return new Corrected(after, true);
  }

  /** An action as corrected, and whether anything changed. */
  public record Corrected(CaseRecords.Action action, boolean changed) {}

  /** The earlier values of an action of a case the caller may see, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CaseRecords.ActionRevision> actionRevisions(UUID caseId, UUID actionId) {
    get(caseId).actions().stream()
        .filter(a -> a.id().equals(actionId))
        .findFirst()
        .orElseThrow(() -> CustodiaException.notFound("action"));
    return cases.revisions(actionId);
  }

  private static Map<String, Object> actionDetails(CaseRecords.Action a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", a.type().name());
    m.put("from", a.from().toString());
    m.put("to", a.to().toString());
    m.put("officerIds", a.officerIds().stream().map(UUID::toString).toList());
    return m;
  }

  public CaseRecords.Dossier update(UUID caseId, CaseChange change) {
    CaseRepository.CaseRow row = visibleLocked(caseId);
    CaseStatus status = change.status() == null ? row.status() : change.status();
    if (status != row.status() && !allowed(row.status(), status)) {
      throw new CustodiaException(
          ProblemType.INVALID_STATUS_TRANSITION,
          "a " + row.status() + " case cannot become " + status,
          "status");
    }
    LocalDate decision = change.decisionDate() == null ? row.decisionDate() : change.decisionDate();
    requireDecisionDate(status, decision);
    CaseRepository.CaseRow updated =
        new CaseRepository.CaseRow(
            row.id(),
            row.unitId(),
            row.caseNo(),
            row.type(),
            status,
            change.title() == null ? row.title() : change.title(),
            change.notes() == null ? row.notes() : change.notes(),
            decision,
            row.createdAt(),
            Instant.now());
    cases.update(updated);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("fromStatus", row.status().name());
    details.put("toStatus", status.name());
    if (decision != null) {
      details.put("decisionDate", decision.toString());
    }
    details.put("titleChanged", change.title() != null);
    details.put("notesChanged", change.notes() != null);
    audit.record("case.updated", AuditEvent.Target.of("case", caseId), details);
    if (status != row.status() || !java.util.Objects.equals(decision, row.decisionDate())) {
      cases.insertStatusEvent(
          Ids.newId(),
          caseId,
          row.status(),
          status,
          row.decisionDate(),
          decision,
          updated.updatedAt(),
          caller.id() == null ? null : caller.id().toString());
      changed.fire(new CaseChanged(caseId, status));
    }
    return dossier(updated);
  }

  /** A case whoever asks: for the service's own work (retention), never for a caller. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<CaseRecords.CaseSummary> find(UUID id) {
    return cases.summaryById(id);
  }

  /**
   * Ids of CLOSED cases after {@code after} in id order, whoever asks: for the service's own work
   * (the periodic four-property check), never for a caller.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<UUID> closedIds(UUID after, int limit) {
    return cases.closedIds(after, limit);
  }

  /** A dossier whoever asks: for the service's own work (compliance), never for a caller. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<CaseRecords.Dossier> findDossier(UUID id) {
    return cases.byId(id).map(this::dossier);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public CaseRecords.Dossier get(UUID id) {
    CaseRepository.CaseRow row =
        cases.byId(id).orElseThrow(() -> CustodiaException.notFound("case"));
    caller.requireSees(row.unitId(), "case", id);
    return dossier(row);
  }

  /**
   * Reads a dossier for a person looking at it and records {@value #EVENT_VIEWED} once per viewing
   * session of the caller and case (not once per request: a page reloaded, its timeline fetched,
   * are the same viewing). {@code via} names what was looked at first (dossier, timeline, page).
   * Another unit's case is "not found", audited as a denial, exactly as {@link #get}.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CaseRecords.Dossier view(UUID id, String via) {
    CaseRecords.Dossier dossier = get(id);
    viewings.recordOnce(
        EVENT_VIEWED,
        AuditEvent.Target.of("case", id),
        () -> {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("unitId", dossier.unitId().toString());
          details.put("via", via);
          return details;
        });
    return dossier;
  }

  /**
   * Cases of a unit the caller may see whose decision date lies in [from, to] (both inclusive), of
   * {@code type} when given, in id order: the candidates of a spot check.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CaseRecords.CaseSummary> decidedBetween(
      UUID unitId, LocalDate from, LocalDate to, CaseType type) {
    if (!caller.sees(unitId)) {
      return List.of();
    }
    return cases.decidedBetween(unitId, from, to, type);
  }

  private CaseRepository.CaseRow visibleLocked(UUID id) {
    CaseRepository.CaseRow row =
        cases.lock(id).orElseThrow(() -> CustodiaException.notFound("case"));
    caller.requireSees(row.unitId(), "case", id);
    return row;
  }

  private CaseRecords.Action checkAction(
      NewAction n, UUID unitId, List<UUID> caseOfficers, String field) {
    if (!n.to().isAfter(n.from())) {
      throw CustodiaException.invalid(field + ".to", "an action must end after it starts");
    }
    boolean defaulted = n.officerIds() == null || n.officerIds().isEmpty();
    List<UUID> requested = defaulted ? caseOfficers : n.officerIds();
    String officersField = defaulted ? "officerIds" : field + ".officerIds";
    Set<UUID> responsible = new LinkedHashSet<>(requested);
    if (responsible.size() < MIN_RESPONSIBLE) {
      throw new CustodiaException(
          ProblemType.TOO_FEW_RESPONSIBLE_OFFICERS,
          "an enforcement action needs at least " + MIN_RESPONSIBLE + " responsible officers",
          officersField);
    }
    int j = 0;
    for (UUID officer : responsible) {
      String f = officersField + "[" + j++ + "]";
      requireInUnit(officer, unitId, f);
      officerService.requireEnforcing(officer, n.from(), f);
      officerService.requireEnforcing(officer, n.to(), f);
    }
    return new CaseRecords.Action(
        Ids.newId(), n.type(), n.from(), n.to(), List.copyOf(responsible));
  }

  private UUID requireInUnit(UUID officerId, UUID unitId, String field) {
    return officers
        .byId(officerId)
        .filter(o -> o.unitId().equals(unitId))
        .map(Officer::id)
        .orElseThrow(() -> CustodiaException.invalid(field, "no such officer in the unit"));
  }

  private CaseRecords.Dossier dossier(CaseRepository.CaseRow row) {
    List<Officer> caseOfficers =
        cases.officerIds(row.id()).stream().map(id -> officers.byId(id).orElseThrow()).toList();
    return new CaseRecords.Dossier(
        row.id(),
        row.unitId(),
        row.caseNo(),
        row.type(),
        row.status(),
        row.title(),
        row.notes(),
        row.decisionDate(),
        row.createdAt(),
        row.updatedAt(),
        subjects.byIds(cases.subjectIds(row.id())),
        caseOfficers,
        cases.actions(row.id()));
  }

  private static boolean allowed(CaseStatus from, CaseStatus to) {
    return switch (from) {
      case OPEN -> true;
      case DECIDED -> to == CaseStatus.CLOSED || to == CaseStatus.REVOKED;
      case CLOSED -> to == CaseStatus.REVOKED;
      case REVOKED -> false;
    };
  }

  private static void requireDecisionDate(CaseStatus status, LocalDate decisionDate) {
    if (status == CaseStatus.DECIDED && decisionDate == null) {
      throw CustodiaException.invalid("decisionDate", "a decided case needs its decision date");
    }
  }

  /**
   * One page of the case search in {@code sort} order, from a cursor of that order, within what the
   * caller may see.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<CaseRecords.CaseSummary> search(
      CaseQuery.Filter filter, CaseQuery.Sort sort, String cursor, int limit) {
    CaseSearch result = browse(filter, sort, cursor, limit, false);
    return new Page<>(result.items(), result.nextCursor());
  }

  /**
   * A page of the search as a person pages through it: the page, the cursors of the next and the
   * previous page (null at either end), and — when {@code counted} — how many cases match in all.
   */
  public record CaseSearch(
      List<CaseRecords.CaseSummary> items, String nextCursor, String previousCursor, Long total) {}

  /** {@link #search} with a previous-page cursor, and the total when {@code counted}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CaseSearch browse(
      CaseQuery.Filter filter, CaseQuery.Sort sort, String cursor, int limit, boolean counted) {
    CaseQuery.Filter scoped = scoped(filter);
    CaseQuery.Position at = CaseCursor.decode(cursor, sort);
    List<CaseRecords.CaseSummary> rows = cases.search(scoped, sort, at, limit + 1);
    boolean more = rows.size() > limit;
    List<CaseRecords.CaseSummary> shown = new ArrayList<>(more ? rows.subList(0, limit) : rows);
    boolean backward = at != null && at.backward();
    if (backward) {
      java.util.Collections.reverse(shown);
    }
    // forward: a next page when more rows came; a previous one whenever we started after a case
    // backward: a previous page when more rows came; the next one is where we came from
    boolean hasNext = backward ? at != null : more;
    boolean hasPrevious = backward ? more : at != null;
    String next =
        hasNext && !shown.isEmpty() ? CaseCursor.encode(sort, shown.getLast(), false) : null;
    String previous =
        hasPrevious && !shown.isEmpty() ? CaseCursor.encode(sort, shown.getFirst(), true) : null;
    return new CaseSearch(List.copyOf(shown), next, previous, counted ? cases.count(scoped) : null);
  }

  /** How many cases the caller may see match the search. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long count(CaseQuery.Filter filter) {
    return cases.count(scoped(filter));
  }

  /**
   * The filter restricted to what the caller may see ({@link Scope#unit}): a unit-scoped caller
   * only ever searches their own unit, whatever unit the filter names.
   */
  private CaseQuery.Filter scoped(CaseQuery.Filter f) {
    return new CaseQuery.Filter(
        Scope.unit(caller, f.unitId()),
        f.q(),
        f.caseNo(),
        f.subjectId(),
        f.officerId(),
        f.type(),
        f.status(),
        f.from(),
        f.to(),
        f.subject(),
        f.officer());
  }
}
