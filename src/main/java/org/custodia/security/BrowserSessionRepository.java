package org.custodia.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Browser sessions of the web UI (JDBC; joins the caller's transaction when there is one). */
@ApplicationScoped
public class BrowserSessionRepository {
  private final AgroalDataSource db;

  BrowserSessionRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** A session as stored (the token itself is never stored, only its hash). */
  public record Row(
      UUID id,
      UUID userId,
      long passwordStamp,
      String csrfToken,
      Instant createdAt,
      Instant lastSeenAt,
      Instant expiresAt) {}

  private static final String COLUMNS =
      "id, user_id, password_stamp, csrf_token, created_at, last_seen_at, expires_at";

  public void insert(Row s, byte[] tokenHash) {
    Jdbc.update(
        db,
        "INSERT INTO browser_session (" + COLUMNS + ", token_hash) VALUES (?,?,?,?,?,?,?,?)",
        s.id(),
        s.userId(),
        s.passwordStamp(),
        s.csrfToken(),
        s.createdAt(),
        s.lastSeenAt(),
        s.expiresAt(),
        tokenHash);
  }

  public Optional<Row> byTokenHash(byte[] tokenHash) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM browser_session WHERE token_hash = ?",
        BrowserSessionRepository::row,
        tokenHash);
  }

  /** Moves last-seen forward (never back). */
  public void touch(UUID id, Instant seen) {
    Jdbc.update(
        db,
        "UPDATE browser_session SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?",
        seen,
        id,
        seen);
  }

  public int delete(UUID id) {
    return Jdbc.update(db, "DELETE FROM browser_session WHERE id = ?", id);
  }

  /** Ends every session of {@code userId}; returns how many there were. */
  public int deleteAllOf(UUID userId) {
    return Jdbc.update(db, "DELETE FROM browser_session WHERE user_id = ?", userId);
  }

  /** Removes sessions that can no longer be used (expired, or idle since before {@code idle}). */
  public int deleteStale(Instant now, Instant idleSince) {
    return Jdbc.update(
        db,
        "DELETE FROM browser_session WHERE expires_at <= ? OR last_seen_at < ?",
        now,
        idleSince);
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getLong(3),
        rs.getString(4),
        Jdbc.instant(rs, 5),
        Jdbc.instant(rs, 6),
        Jdbc.instant(rs, 7));
  }
}
