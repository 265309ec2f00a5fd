package org.custodia.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

@ApplicationScoped
public class UnitRepository {
  private final AgroalDataSource db;

  UnitRepository(AgroalDataSource db) {
    this.db = db;
  }

  public Optional<Unit> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT id, code, name, created_at FROM unit WHERE id = ?", UnitRepository::unit, id);
  }

  public boolean exists(UUID id) {
    return byId(id).isPresent();
  }

  public void insert(Unit unit) {
    Jdbc.update(
        db,
        "INSERT INTO unit (id, code, name, created_at) VALUES (?,?,?,?)",
        unit.id(),
        unit.code(),
        unit.name(),
        unit.createdAt());
  }

  /**
   * Units after {@code after}, restricted to {@code only} when not null; {@code q} matches code or
   * name.
   */
  public List<Unit> list(UUID only, String q, UUID after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT id, code, name, created_at FROM unit WHERE true");
    if (only != null) {
      sql.append(" AND id = ?");
      args.add(only);
    }
    if (q != null && !q.isBlank()) {
      sql.append(" AND (code ILIKE ? OR name ILIKE ?)");
      String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      args.add(like);
      args.add(like);
    }
    Jdbc.keysetTail(sql, args, after, limit);
    return Jdbc.list(db, sql.toString(), UnitRepository::unit, args.toArray());
  }

  private static Unit unit(ResultSet rs) throws SQLException {
    return new Unit(
        rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4));
  }
}
