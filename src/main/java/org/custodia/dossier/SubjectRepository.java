package org.custodia.dossier;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Enforcement subjects (JDBC). Identifiers are looked up by HMAC only. */
@ApplicationScoped
public class SubjectRepository {
  private static final String COLUMNS = "id, unit_id, kind, name, identifier_display, created_at";

  private final AgroalDataSource db;

  SubjectRepository(AgroalDataSource db) {
    this.db = db;
  }

  public Optional<Subject> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM subject WHERE id = ?", SubjectRepository::subject, id);
  }

  public List<Subject> byIds(Collection<UUID> ids) {
    return Jdbc.list(
        db,
        "SELECT " + COLUMNS + " FROM subject WHERE id = ANY (?::uuid[]) ORDER BY id",
        SubjectRepository::subject,
        (Object) ids.stream().map(UUID::toString).toArray(String[]::new));
  }

  public void insert(Subject s, byte[] identifierHmac) {
    Jdbc.update(
        db,
        "INSERT INTO subject (id, unit_id, kind, name, identifier_hmac, identifier_display,"
            + " created_at) VALUES (?,?,?,?,?,?,?)",
        s.id(),
        s.unitId(),
        s.kind(),
        s.name(),
        identifierHmac,
        s.identifier(),
        s.createdAt());
  }

  /** Subjects after {@code after}; {@code identifierHmac} matches exactly, {@code q} the name. */
  public List<Subject> list(
      UUID unit, String q, SubjectKind kind, byte[] identifierHmac, UUID after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM subject WHERE true");
    if (unit != null) {
      sql.append(" AND unit_id = ?");
      args.add(unit);
    }
    if (kind != null) {
      sql.append(" AND kind = ?");
      args.add(kind.name());
    }
    if (identifierHmac != null) {
      sql.append(" AND identifier_hmac = ?");
      args.add(identifierHmac);
    }
    FreeText.append(sql, args, "search_text", q);
    Jdbc.keysetTail(sql, args, after, limit);
    return Jdbc.list(db, sql.toString(), SubjectRepository::subject, args.toArray());
  }

  private static Subject subject(ResultSet rs) throws SQLException {
    return new Subject(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        SubjectKind.valueOf(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        Jdbc.instant(rs, 6));
  }
}
