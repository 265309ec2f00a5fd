package org.custodia.dossier;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Cases with their subjects, officers and actions (JDBC). */
@ApplicationScoped
public class CaseRepository {
  private final AgroalDataSource db;

  CaseRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** The case row, for the service. */
  public record CaseRow(
      UUID id,
      UUID unitId,
      String caseNo,
      CaseType type,
      CaseStatus status,
      String title,
      String notes,
      LocalDate decisionDate,
      Instant createdAt,
      Instant updatedAt) {}

  private static final String ROW_COLUMNS =
      "id, unit_id, case_no, type, status, title, notes, decision_date, created_at, updated_at";

  public Optional<CaseRow> byId(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + ROW_COLUMNS + " FROM enforcement_case WHERE id = ?",
        CaseRepository::row,
        id);
  }

  public Optional<CaseRow> lock(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + ROW_COLUMNS + " FROM enforcement_case WHERE id = ? FOR UPDATE",
        CaseRepository::row,
        id);
  }

  public void insert(CaseRow c) {
    Jdbc.update(
        db,
        "INSERT INTO enforcement_case (" + ROW_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
        c.id(),
        c.unitId(),
        c.caseNo(),
        c.type(),
        c.status(),
        c.title(),
        c.notes(),
        OfficerRepository.date(c.decisionDate()),
        c.createdAt(),
        c.updatedAt());
  }

  public void update(CaseRow c) {
    Jdbc.update(
        db,
        "UPDATE enforcement_case SET status = ?, title = ?, notes = ?, decision_date = ?,"
            + " updated_at = ? WHERE id = ?",
        c.status(),
        c.title(),
        c.notes(),
        OfficerRepository.date(c.decisionDate()),
        c.updatedAt(),
        c.id());
  }

  public void addSubject(UUID caseId, UUID subjectId) {
    Jdbc.update(
        db,
        "INSERT INTO case_subject (case_id, subject_id) VALUES (?,?) ON CONFLICT DO NOTHING",
        caseId,
        subjectId);
  }

  public void addOfficer(UUID caseId, UUID officerId) {
    Jdbc.update(
        db,
        "INSERT INTO case_officer (case_id, officer_id) VALUES (?,?) ON CONFLICT DO NOTHING",
        caseId,
        officerId);
  }

  public void insertAction(UUID caseId, CaseRecords.Action a) {
    Jdbc.update(
        db,
        "INSERT INTO case_action (id, case_id, type, from_at, to_at) VALUES (?,?,?,?,?)",
        a.id(),
        caseId,
        a.type(),
        a.from(),
        a.to());
    for (UUID officer : a.officerIds()) {
      Jdbc.update(
          db,
          "INSERT INTO case_action_officer (action_id, officer_id) VALUES (?,?)",
          a.id(),
          officer);
    }
  }

  /** Keeps a change of a case's status or decision date with the values before and after. */
  public void insertStatusEvent(
      UUID id,
      UUID caseId,
      CaseStatus fromStatus,
      CaseStatus toStatus,
      LocalDate fromDecision,
      LocalDate toDecision,
      Instant at,
      String by) {
    Jdbc.update(
        db,
        "INSERT INTO case_status_event (id, case_id, from_status, to_status, from_decision_date,"
            + " to_decision_date, changed_at, changed_by) VALUES (?,?,?,?,?,?,?,?)",
        id,
        caseId,
        fromStatus,
        toStatus,
        fromDecision,
        toDecision,
        at,
        by);
  }

  /** Replaces an action's values, keeping its id; the previous values go to a revision first. */
  public void correctAction(CaseRecords.Action a) {
    Jdbc.update(
        db,
        "UPDATE case_action SET type = ?, from_at = ?, to_at = ? WHERE id = ?",
        a.type(),
        a.from(),
        a.to(),
        a.id());
    Jdbc.update(db, "DELETE FROM case_action_officer WHERE action_id = ?", a.id());
    for (UUID officer : a.officerIds()) {
      Jdbc.update(
          db,
          "INSERT INTO case_action_officer (action_id, officer_id) VALUES (?,?)",
          a.id(),
          officer);
    }
  }

  /** Keeps {@code before} as the next revision of its action; answers the revision's number. */
  public int insertRevision(
      UUID id, CaseRecords.Action before, String reason, Instant at, String by) {
    return Jdbc.one(
            db,
            "INSERT INTO case_action_revision (id, action_id, revision, type, from_at, to_at,"
                + " officer_ids, reason, corrected_at, corrected_by) SELECT ?, ?,"
                + " coalesce(max(revision), 0) + 1, ?, ?, ?, ?::uuid[], ?, ?, ? FROM"
                + " case_action_revision WHERE action_id = ? RETURNING revision",
            rs -> rs.getInt(1),
            id,
            before.id(),
            before.type(),
            before.from(),
            before.to(),
            before.officerIds().stream().map(UUID::toString).toArray(String[]::new),
            reason,
            at,
            by,
            before.id())
        .orElseThrow();
  }

  /** An action's earlier values, oldest first. */
  public List<CaseRecords.ActionRevision> revisions(UUID actionId) {
    return Jdbc.list(
        db,
        "SELECT revision, type, from_at, to_at, officer_ids, reason, corrected_at, corrected_by"
            + " FROM case_action_revision WHERE action_id = ? ORDER BY revision",
        rs -> {
          List<UUID> officers = new ArrayList<>();
          for (Object o : (Object[]) rs.getArray(5).getArray()) {
            officers.add((UUID) o);
          }
          return new CaseRecords.ActionRevision(
              rs.getInt(1),
              ActionType.valueOf(rs.getString(2)),
              Jdbc.instant(rs, 3),
              Jdbc.instant(rs, 4),
              List.copyOf(officers),
              rs.getString(6),
              Jdbc.instant(rs, 7),
              rs.getString(8));
        },
        actionId);
  }

  public List<UUID> subjectIds(UUID caseId) {
    return Jdbc.list(
        db,
        "SELECT subject_id FROM case_subject WHERE case_id = ? ORDER BY subject_id",
        rs -> rs.getObject(1, UUID.class),
        caseId);
  }

  public List<UUID> officerIds(UUID caseId) {
    return Jdbc.list(
        db,
        "SELECT officer_id FROM case_officer WHERE case_id = ? ORDER BY officer_id",
        rs -> rs.getObject(1, UUID.class),
        caseId);
  }

  public List<CaseRecords.Action> actions(UUID caseId) {
    Map<UUID, CaseRecords.Action> actions = new LinkedHashMap<>();
    Jdbc.list(
            db,
            "SELECT a.id, a.type, a.from_at, a.to_at, o.officer_id FROM case_action a"
                + " LEFT JOIN case_action_officer o ON o.action_id = a.id WHERE a.case_id = ?"
                + " ORDER BY a.from_at, a.id, o.officer_id",
            rs ->
                new Object[] {
                  rs.getObject(1, UUID.class),
                  ActionType.valueOf(rs.getString(2)),
                  Jdbc.instant(rs, 3),
                  Jdbc.instant(rs, 4),
                  rs.getObject(5, UUID.class)
                },
            caseId)
        .forEach(
            r -> {
              CaseRecords.Action action =
                  actions.computeIfAbsent(
                      (UUID) r[0],
                      id ->
                          new CaseRecords.Action(
                              id,
                              (ActionType) r[1],
                              (Instant) r[2],
                              (Instant) r[3],
                              new ArrayList<>()));
              if (r[4] != null) {
                action.officerIds().add((UUID) r[4]);
              }
            });
    return List.copyOf(actions.values());
  }

  public List<CaseRecords.CaseSummary> search(
      CaseQuery.Filter filter, CaseQuery.Sort sort, CaseQuery.Position at, int limit) {
    SqlQuery query = CaseQuery.build(filter, sort, at, limit);
    return Jdbc.list(db, query.sql(), CaseRepository::summary, query.argArray());
  }

  public long count(CaseQuery.Filter filter) {
    SqlQuery query = CaseQuery.count(filter);
    return Jdbc.one(db, query.sql(), rs -> rs.getLong(1), query.argArray()).orElse(0L);
  }

  /** Ids of CLOSED cases after {@code after}, in id order. */
  List<UUID> closedIds(UUID after, int limit) {
    return Jdbc.list(
        db,
        "SELECT id FROM enforcement_case WHERE status = 'CLOSED' AND id > ? ORDER BY id LIMIT ?",
        rs -> rs.getObject(1, UUID.class),
        after == null ? new UUID(0, 0) : after,
        limit);
  }

  public Optional<CaseRecords.CaseSummary> summaryById(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + CaseQuery.COLUMNS + " FROM enforcement_case c WHERE c.id = ?",
        CaseRepository::summary,
        id);
  }

  public List<CaseRecords.CaseSummary> decidedBetween(
      UUID unitId, LocalDate from, LocalDate to, CaseType type) {
    return Jdbc.list(
        db,
        "SELECT "
            + CaseQuery.COLUMNS
            + " FROM enforcement_case c WHERE c.unit_id = ? AND c.decision_date BETWEEN ? AND ?"
            + " AND (?::text IS NULL OR c.type = ?) ORDER BY c.id",
        CaseRepository::summary,
        unitId,
        OfficerRepository.date(from),
        OfficerRepository.date(to),
        type == null ? null : type.name(),
        type == null ? null : type.name());
  }

  private static CaseRow row(ResultSet rs) throws SQLException {
    return new CaseRow(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        CaseType.valueOf(rs.getString(4)),
        CaseStatus.valueOf(rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        OfficerRepository.localDate(rs, 8),
        Jdbc.instant(rs, 9),
        Jdbc.instant(rs, 10));
  }

  private static CaseRecords.CaseSummary summary(ResultSet rs) throws SQLException {
    return new CaseRecords.CaseSummary(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        CaseType.valueOf(rs.getString(4)),
        CaseStatus.valueOf(rs.getString(5)),
        rs.getString(6),
        OfficerRepository.localDate(rs, 7),
        Jdbc.instant(rs, 8),
        Jdbc.instant(rs, 9));
  }
}
