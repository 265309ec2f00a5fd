package org.custodia.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custodia.support.Jdbc;

/**
 * Counted login attempts per throttling key (table {@code login_throttle}; JDBC, joins the caller's
 * transaction). Times are the database's, so every instance counts on one clock.
 */
@ApplicationScoped
public class LoginThrottleRepository {
  private final AgroalDataSource db;

  LoginThrottleRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** The attempts of a key within the window, oldest first, and the database's time. */
  public record Counted(List<Instant> attempts, Instant now) {}

  /**
   * Locks the key's row until the transaction ends (inserting it empty when absent) and returns its
   * attempts younger than {@code window}: a second instance counting the same key waits here until
   * the first has counted.
   */
  public Counted lock(byte[] key, Duration window) {
    return Jdbc.one(
            db,
            """
            INSERT INTO login_throttle AS t (key, attempts, updated_at) VALUES (?, '{}', now())
            ON CONFLICT (key) DO UPDATE SET updated_at = t.updated_at
            RETURNING ARRAY(SELECT a FROM unnest(t.attempts) a
                            WHERE a > now() - ? * interval '1 microsecond' ORDER BY a),
                      now()
            """,
            rs -> new Counted(instants(rs.getArray(1)), Jdbc.instant(rs, 2)),
            key,
            micros(window))
        .orElseThrow();
  }

  /**
   * Counts an attempt at the transaction's time ({@link Counted#now()} of {@link #lock}) and drops
   * those older than {@code window}.
   */
  public void count(byte[] key, Duration window) {
    Jdbc.update(
        db,
        """
        UPDATE login_throttle SET updated_at = now(),
          attempts = ARRAY(SELECT a FROM unnest(attempts) a
                           WHERE a > now() - ? * interval '1 microsecond' ORDER BY a) || now()
        WHERE key = ?
        """,
        micros(window),
        key);
  }

  /** Takes back one attempt counted at {@code at} (a login that succeeded), in one statement. */
  public void takeBack(byte[] key, Instant at) {
    Jdbc.update(
        db,
        """
        UPDATE login_throttle
           SET attempts = attempts[:array_position(attempts, ?::timestamptz) - 1]
                          || attempts[array_position(attempts, ?::timestamptz) + 1:]
         WHERE key = ? AND array_position(attempts, ?::timestamptz) IS NOT NULL
        """,
        at,
        at,
        key,
        at);
  }

  public void delete(byte[] key) {
    Jdbc.update(db, "DELETE FROM login_throttle WHERE key = ?", key);
  }

  /** Deletes the keys with no attempt counted within {@code window}; returns how many. */
  public int deleteStale(Duration window) {
    return Jdbc.update(
        db,
        "DELETE FROM login_throttle WHERE updated_at < now() - ? * interval '1 microsecond'",
        micros(window));
  }

  private static List<Instant> instants(Array array) throws java.sql.SQLException {
    List<Instant> out = new ArrayList<>();
    for (Object t : (Object[]) array.getArray()) {
      out.add(((Timestamp) t).toInstant());
    }
    return out;
  }

  private static long micros(Duration d) {
    return d.toNanos() / 1_000;
  }
}
