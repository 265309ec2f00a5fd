package org.custodia.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Reviews (JDBC). A submitted row cannot change: the trigger case_review_frozen refuses it. */
@ApplicationScoped
public class ReviewRepository {
  private static final TypeReference<List<Review.Entry>> ENTRIES = new TypeReference<>() {};

  /** A review is current while no submitted review corrects it. */
  static final String CURRENT =
      " NOT EXISTS (SELECT 1 FROM case_review k WHERE k.corrects = r.id AND k.state = 'SUBMITTED')";

  private static final String COLUMNS =
      "r.id, r.case_id, r.unit_id, r.reviewer_id, r.state, r.criteria_version, r.grade, r.entries,"
          + " r.finding, r.corrects, (SELECT k.id FROM case_review k WHERE k.corrects = r.id AND"
          + " k.state = 'SUBMITTED'), r.created_at, r.updated_at, r.submitted_at";

  private final AgroalDataSource db;
  private final ObjectMapper json;

  ReviewRepository(AgroalDataSource db, ObjectMapper json) {
    this.db = db;
    this.json = json;
  }

  public Optional<Review> byId(UUID id) {
    return Jdbc.one(db, "SELECT " + COLUMNS + " FROM case_review r WHERE r.id = ?", this::row, id);
  }

  public Optional<Review> lock(UUID id) {
    Jdbc.one(db, "SELECT id FROM case_review WHERE id = ? FOR UPDATE", rs -> 1, id);
    return byId(id);
  }

  public void insert(Review r) {
    Jdbc.update(
        db,
        "INSERT INTO case_review (id, case_id, unit_id, reviewer_id, state, criteria_version,"
            + " grade, entries, finding, corrects, created_at, updated_at, submitted_at)"
            + " VALUES (?,?,?,?,?,?,?,?::jsonb,?,?,?,?,?)",
        r.id(),
        r.caseId(),
        r.unitId(),
        r.reviewerId(),
        r.state(),
        r.criteriaVersion(),
        r.grade(),
        entries(r.entries()),
        r.finding(),
        r.corrects(),
        r.createdAt(),
        r.updatedAt(),
        r.submittedAt());
  }

  /** Writes a draft's content, or submits it; the trigger refuses both on a submitted row. */
  public void update(Review r) {
    Jdbc.update(
        db,
        "UPDATE case_review SET state = ?, criteria_version = ?, grade = ?, entries = ?::jsonb,"
            + " finding = ?, updated_at = ?, submitted_at = ? WHERE id = ?",
        r.state(),
        r.criteriaVersion(),
        r.grade(),
        entries(r.entries()),
        r.finding(),
        r.updatedAt(),
        r.submittedAt(),
        r.id());
  }

  /** The case's reviews, oldest first: the submitted ones and the drafts of {@code author}. */
  public List<Review> forCase(UUID caseId, UUID author) {
    return Jdbc.list(
        db,
        "SELECT "
            + COLUMNS
            + " FROM case_review r WHERE r.case_id = ? AND (r.state = 'SUBMITTED' OR"
            + " r.reviewer_id = ?) ORDER BY r.id",
        this::row,
        caseId,
        author);
  }

  /**
   * Newest first, keyset-paged by id; {@code unitId} already scoped; drafts only of {@code author}.
   * From/to apply to the time reviewed: submission, or creation for a draft.
   */
  public List<Review> search(Review.Filter f, UUID author, UUID before, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + COLUMNS
                + " FROM case_review r WHERE (r.state = 'SUBMITTED' OR r.reviewer_id = ?)");
    List<Object> args = new ArrayList<>();
    args.add(author);
    if (f.unitId() != null) {
      sql.append(" AND r.unit_id = ?");
      args.add(f.unitId());
    }
    if (f.grade() != null) {
      sql.append(" AND r.grade = ?");
      args.add(f.grade());
    }
    if (f.reviewerId() != null) {
      sql.append(" AND r.reviewer_id = ?");
      args.add(f.reviewerId());
    }
    if (f.state() != null) {
      sql.append(" AND r.state = ?");
      args.add(f.state());
    }
    if (f.from() != null) {
      sql.append(" AND coalesce(r.submitted_at, r.created_at) >= ?");
      args.add(f.from());
    }
    if (f.to() != null) {
      sql.append(" AND coalesce(r.submitted_at, r.created_at) < ?");
      args.add(f.to());
    }
    if (before != null) {
      sql.append(" AND r.id < ?");
      args.add(before);
    }
    sql.append(" ORDER BY r.id DESC LIMIT ?");
    args.add(limit);
    return Jdbc.list(db, sql.toString(), this::row, args.toArray());
  }

  /**
   * The current submitted review of a case submitted at or after {@code since}, the latest one when
   * there are several.
   */
  public Optional<Review> currentSince(UUID caseId, Instant since) {
    return Jdbc.one(
        db,
        "SELECT "
            + COLUMNS
            + " FROM case_review r WHERE r.case_id = ? AND r.state = 'SUBMITTED' AND"
            + " r.submitted_at >= ? AND"
            + CURRENT
            + " ORDER BY r.submitted_at DESC, r.id DESC LIMIT 1",
        this::row,
        caseId,
        since);
  }

  /** Counts of current submitted reviews per unit and grade, submitted in [from, to). */
  public List<Review.Distribution> distribution(UUID unitId, Instant from, Instant to) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT r.unit_id, count(*) FILTER (WHERE r.grade = 'EXCELLENT'), count(*) FILTER"
                + " (WHERE r.grade = 'GOOD'), count(*) FILTER (WHERE r.grade = 'PASS'), count(*)"
                + " FILTER (WHERE r.grade = 'FAIL'), count(*) FROM case_review r WHERE r.state ="
                + " 'SUBMITTED' AND"
                + CURRENT);
    List<Object> args = new ArrayList<>();
    if (unitId != null) {
      sql.append(" AND r.unit_id = ?");
      args.add(unitId);
    }
    if (from != null) {
      sql.append(" AND r.submitted_at >= ?");
      args.add(from);
    }
    if (to != null) {
      sql.append(" AND r.submitted_at < ?");
      args.add(to);
    }
    sql.append(" GROUP BY r.unit_id ORDER BY r.unit_id");
    return Jdbc.list(
        db,
        sql.toString(),
        rs ->
            new Review.Distribution(
                rs.getObject(1, UUID.class),
                rs.getInt(2),
                rs.getInt(3),
                rs.getInt(4),
                rs.getInt(5),
                rs.getInt(6)),
        args.toArray());
  }

  private String entries(List<Review.Entry> entries) {
    try {
      return json.writeValueAsString(entries);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write review entries", e);
    }
  }

  private Review row(ResultSet rs) throws SQLException {
    List<Review.Entry> entries;
    try {
      entries = json.readValue(rs.getString(8), ENTRIES);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable review entries", e);
    }
    String grade = rs.getString(7);
    return new Review(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        ReviewState.valueOf(rs.getString(5)),
        rs.getString(6),
        grade == null ? null : Grade.valueOf(grade),
        entries,
        rs.getString(9),
        rs.getObject(10, UUID.class),
        rs.getObject(11, UUID.class),
        Jdbc.instant(rs, 12),
        Jdbc.instant(rs, 13),
        Jdbc.instant(rs, 14));
  }
}
