package org.custodia.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Small JDBC helpers. Connections come from the (JTA-aware) data source, so statements inside a
 * {@code @Transactional} method share its transaction.
 */
public final class Jdbc {
  private Jdbc() {}

  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public static <T> Optional<T> one(DataSource db, String sql, Row<T> row, Object... args) {
    List<T> rows = list(db, sql, row, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public static <T> List<T> list(DataSource db, String sql, Row<T> row, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  public static int update(DataSource db, String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /**
   * Appends the keyset-pagination tail shared by the list queries: rows after {@code after} (by id,
   * when given), in id order, at most {@code limit}.
   */
  public static void keysetTail(StringBuilder sql, List<Object> args, Object after, int limit) {
    if (after != null) {
      sql.append(" AND id > ?");
      args.add(after);
    }
    sql.append(" ORDER BY id LIMIT ?");
    args.add(limit);
  }

  public static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg instanceof Instant instant) {
        ps.setTimestamp(i + 1, Timestamp.from(instant));
      } else if (arg instanceof Enum<?> e) {
        ps.setString(i + 1, e.name());
      } else {
        ps.setObject(i + 1, arg);
      }
    }
  }

  public static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }
}
