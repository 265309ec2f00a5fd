package org.custodia.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.custodia.support.Jdbc;

/**
 * Viewing sessions of every instance (table {@code viewing_session}; JDBC, joins the caller's
 * transaction when there is one).
 */
@ApplicationScoped
public class ViewingSessionRepository {
  private final AgroalDataSource db;

  ViewingSessionRepository(AgroalDataSource db) {
    this.db = db;
  }

  /**
   * Marks a request of the session at the database's time, in one statement: inserts the session,
   * or moves its last-seen on and, when it had been idle longer than {@code idle}, opens it anew
   * for {@code request}. True when {@code request} opened it. Two requests racing are serialised by
   * the row (the second waits until the first's transaction ends), so exactly one opens a session.
   */
  public boolean touch(
      String viewer,
      String access,
      String targetType,
      String targetId,
      UUID request,
      Duration idle) {
    return Jdbc.one(
            db,
            """
            INSERT INTO viewing_session AS s
              (viewer, access, target_type, target_id, opened_by, opened_at, last_seen)
            VALUES (?, ?, ?, ?, ?, now(), now())
            ON CONFLICT (viewer, access, target_type, target_id) DO UPDATE SET
              opened_by = CASE WHEN s.last_seen < now() - ? * interval '1 microsecond'
                          THEN excluded.opened_by ELSE s.opened_by END,
              opened_at = CASE WHEN s.last_seen < now() - ? * interval '1 microsecond'
                          THEN now() ELSE s.opened_at END,
              last_seen = greatest(s.last_seen, now())
            RETURNING opened_by = ?
            """,
            rs -> rs.getBoolean(1),
            viewer,
            access,
            targetType,
            targetId,
            request,
            micros(idle),
            micros(idle),
            request)
        .orElseThrow();
  }

  /** Deletes sessions idle longer than {@code idle}; returns how many. */
  public int deleteIdle(Duration idle) {
    return Jdbc.update(
        db,
        "DELETE FROM viewing_session WHERE last_seen < now() - ? * interval '1 microsecond'",
        micros(idle));
  }

  private static long micros(Duration d) {
    return d.toNanos() / 1_000;
  }
}
