package org.custodia.dossier;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Officers and their certificate history (JDBC). */
@ApplicationScoped
public class OfficerRepository {
  private static final String COLUMNS =
      "id, unit_id, name, role, certificate_no, certificate_status, certificate_valid_from,"
          + " certificate_valid_until, next_review_date, created_at, user_id";

  private final AgroalDataSource db;

  OfficerRepository(AgroalDataSource db) {
    this.db = db;
  }

  public Optional<Officer> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM officer WHERE id = ?", OfficerRepository::officer, id);
  }

  /** Locks the officer row for the rest of the transaction. */
  public Optional<Officer> lock(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM officer WHERE id = ? FOR UPDATE",
        OfficerRepository::officer,
        id);
  }

  public void insert(Officer o) {
    Jdbc.update(
        db,
        "INSERT INTO officer (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        o.id(),
        o.unitId(),
        o.name(),
        o.role(),
        o.certificateNo(),
        o.certificateStatus(),
        date(o.certificateValidFrom()),
        date(o.certificateValidUntil()),
        date(o.nextReviewDate()),
        o.createdAt(),
        o.userId());
  }

  /** The officer the user account {@code userId} acts as, if one is linked. */
  public Optional<Officer> byUser(UUID userId) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM officer WHERE user_id = ?",
        OfficerRepository::officer,
        userId);
  }

  /** Links (or, with null, unlinks) the user account acting as the officer. */
  public void updateUser(UUID id, UUID userId) {
    Jdbc.update(db, "UPDATE officer SET user_id = ? WHERE id = ?", userId, id);
  }

  public void updateCertificate(
      UUID id, CertificateStatus status, LocalDate from, LocalDate until, LocalDate nextReview) {
    Jdbc.update(
        db,
        "UPDATE officer SET certificate_status = ?, certificate_valid_from = ?,"
            + " certificate_valid_until = ?, next_review_date = ? WHERE id = ?",
        status,
        date(from),
        date(until),
        date(nextReview),
        id);
  }

  public void insertEvent(CertificateEvent e) {
    Jdbc.update(
        db,
        "INSERT INTO officer_certificate_event (id, officer_id, previous_status, status,"
            + " valid_from, valid_until, next_review_date, reason, changed_at, changed_by)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?)",
        e.id(),
        e.officerId(),
        e.previousStatus(),
        e.status(),
        date(e.validFrom()),
        date(e.validUntil()),
        date(e.nextReviewDate()),
        e.reason(),
        e.changedAt(),
        e.changedBy());
  }

  public List<CertificateEvent> history(UUID officerId) {
    return Jdbc.list(
        db,
        "SELECT id, officer_id, previous_status, status, valid_from, valid_until,"
            + " next_review_date, reason, changed_at, changed_by FROM officer_certificate_event"
            + " WHERE officer_id = ? ORDER BY changed_at, id",
        rs ->
            new CertificateEvent(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                status(rs.getString(3)),
                status(rs.getString(4)),
                localDate(rs, 5),
                localDate(rs, 6),
                localDate(rs, 7),
                rs.getString(8),
                Jdbc.instant(rs, 9),
                rs.getString(10)),
        officerId);
  }

  /** Officers after {@code after} (keyset), optionally of one unit, role or status. */
  public List<Officer> list(
      UUID unit, String q, OfficerRole role, CertificateStatus status, UUID after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM officer WHERE true");
    if (unit != null) {
      sql.append(" AND unit_id = ?");
      args.add(unit);
    }
    if (role != null) {
      sql.append(" AND role = ?");
      args.add(role.name());
    }
    if (status != null) {
      sql.append(" AND certificate_status = ?");
      args.add(status.name());
    }
    FreeText.append(sql, args, "search_text", q);
    Jdbc.keysetTail(sql, args, after, limit);
    return Jdbc.list(db, sql.toString(), OfficerRepository::officer, args.toArray());
  }

  private static Officer officer(ResultSet rs) throws SQLException {
    return new Officer(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        OfficerRole.valueOf(rs.getString(4)),
        rs.getString(5),
        status(rs.getString(6)),
        localDate(rs, 7),
        localDate(rs, 8),
        localDate(rs, 9),
        Jdbc.instant(rs, 10),
        rs.getObject(11, UUID.class));
  }

  private static CertificateStatus status(String s) {
    return s == null ? null : CertificateStatus.valueOf(s);
  }

  static Date date(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  static LocalDate localDate(ResultSet rs, int column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }
}
