package org.custodia.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.custodia.support.Jdbc;

/** Reads audit events back for listing, filtered on the columns copied out of the entry. */
@ApplicationScoped
class AuditEventRepository {
  private final AgroalDataSource dataSource;

  AuditEventRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Events in queue order after {@code afterId}, at most {@code limit}. */
  List<AuditReader.EventRow> list(AuditReader.EventFilter f, long afterId, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT id, leaf_index, entry FROM audit_entry WHERE id > ?");
    List<Object> args = new ArrayList<>();
    args.add(afterId);
    if (!f.allUnits()) {
      sql.append(" AND unit_id = ?");
      args.add(f.unit());
    }
    condition(sql, args, "target_type = ?", f.targetType());
    condition(sql, args, "target_id = ?", f.targetId());
    condition(sql, args, "actor_id = ?", f.actorId());
    condition(sql, args, "event_type = ?", f.type());
    condition(sql, args, "occurred_at >= ?", f.from());
    condition(sql, args, "occurred_at < ?", f.to());
    sql.append(" ORDER BY id LIMIT ?");
    args.add(limit);
    return Jdbc.list(
        dataSource,
        sql.toString(),
        rs -> {
          long index = rs.getLong(2);
          Long leaf = rs.wasNull() ? null : index;
          return new AuditReader.EventRow(rs.getLong(1), leaf, CanonicalJson.parse(rs.getBytes(3)));
        },
        args.toArray());
  }

  private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      args.add(value);
    }
  }
}
