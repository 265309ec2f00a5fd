package org.custodia.grading;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.dossier.CaseType;
import org.custodia.support.Jdbc;

/** Spot checks and their drawn cases (JDBC). */
@ApplicationScoped
public class SpotCheckRepository {
  private static final String COLUMNS =
      "s.id, s.unit_id, s.period_from, s.period_to, s.case_type, s.size, s.seed,"
          + " s.candidate_count, s.created_by, s.created_at,"
          + " (SELECT count(*) FROM spot_check_case d WHERE d.spot_check_id = s.id)";

  private final AgroalDataSource db;

  SpotCheckRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** A drawn case as stored. */
  public record DrawnRow(
      UUID spotCheckId,
      int position,
      UUID caseId,
      String drawKey,
      UUID assigneeId,
      Instant assignedAt) {}

  public void insert(SpotCheck.Summary s) {
    Jdbc.update(
        db,
        "INSERT INTO spot_check (id, unit_id, period_from, period_to, case_type, size, seed,"
            + " candidate_count, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        s.id(),
        s.unitId(),
        Date.valueOf(s.from()),
        Date.valueOf(s.to()),
        s.caseType(),
        s.size(),
        s.seed(),
        s.candidateCount(),
        s.createdBy(),
        s.createdAt());
  }

  public void insertDrawn(DrawnRow d) {
    Jdbc.update(
        db,
        "INSERT INTO spot_check_case (spot_check_id, position, case_id, draw_key) VALUES"
            + " (?,?,?,?)",
        d.spotCheckId(),
        d.position(),
        d.caseId(),
        d.drawKey());
  }

  public void assign(UUID spotCheckId, UUID caseId, UUID assigneeId, Instant at) {
    Jdbc.update(
        db,
        "UPDATE spot_check_case SET assignee_id = ?, assigned_at = ? WHERE spot_check_id = ? AND"
            + " case_id = ?",
        assigneeId,
        at,
        spotCheckId,
        caseId);
  }

  public Optional<SpotCheck.Summary> byId(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM spot_check s WHERE s.id = ?",
        SpotCheckRepository::summary,
        id);
  }

  public Optional<SpotCheck.Summary> lock(UUID id) {
    Jdbc.one(db, "SELECT id FROM spot_check WHERE id = ? FOR UPDATE", rs -> 1, id);
    return byId(id);
  }

  /** Newest first, keyset-paged by id, of one unit when given. */
  public List<SpotCheck.Summary> list(UUID unitId, UUID before, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM spot_check s WHERE true");
    List<Object> args = new ArrayList<>();
    if (unitId != null) {
      sql.append(" AND s.unit_id = ?");
      args.add(unitId);
    }
    if (before != null) {
      sql.append(" AND s.id < ?");
      args.add(before);
    }
    sql.append(" ORDER BY s.id DESC LIMIT ?");
    args.add(limit);
    return Jdbc.list(db, sql.toString(), SpotCheckRepository::summary, args.toArray());
  }

  /** The drawn cases of a spot check in draw order. */
  public List<DrawnRow> drawn(UUID spotCheckId) {
    return Jdbc.list(
        db,
        "SELECT spot_check_id, position, case_id, draw_key, assignee_id, assigned_at FROM"
            + " spot_check_case WHERE spot_check_id = ? ORDER BY position",
        SpotCheckRepository::drawnRow,
        spotCheckId);
  }

  /** The drawn cases assigned to {@code assignee}, newest spot check first. */
  public List<DrawnRow> assignedTo(UUID assignee) {
    return Jdbc.list(
        db,
        "SELECT spot_check_id, position, case_id, draw_key, assignee_id, assigned_at FROM"
            + " spot_check_case WHERE assignee_id = ? ORDER BY spot_check_id DESC, position"
            + " LIMIT 1000",
        SpotCheckRepository::drawnRow,
        assignee);
  }

  private static DrawnRow drawnRow(ResultSet rs) throws SQLException {
    return new DrawnRow(
        rs.getObject(1, UUID.class),
        rs.getInt(2),
        rs.getObject(3, UUID.class),
        rs.getString(4),
        rs.getObject(5, UUID.class),
        Jdbc.instant(rs, 6));
  }

  private static SpotCheck.Summary summary(ResultSet rs) throws SQLException {
    String type = rs.getString(5);
    return new SpotCheck.Summary(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        localDate(rs.getDate(3)),
        localDate(rs.getDate(4)),
        type == null ? null : CaseType.valueOf(type),
        rs.getInt(6),
        rs.getString(7),
        rs.getInt(8),
        rs.getInt(11),
        rs.getObject(9, UUID.class),
        Jdbc.instant(rs, 10));
  }

  private static LocalDate localDate(Date d) {
    return d == null ? null : d.toLocalDate();
  }
}
