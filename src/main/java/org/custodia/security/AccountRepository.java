package org.custodia.security;

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

/** Users and stations (JDBC; joins the caller's transaction when there is one). */
@ApplicationScoped
public class AccountRepository {
  private final AgroalDataSource db;

  AccountRepository(AgroalDataSource db) {
    this.db = db;
  }

  private static final String USER_COLUMNS =
      "id, username, password_hash, role, unit_id, enabled, created_at, password_changed_at";
  private static final String STATION_COLUMNS =
      "id, unit_id, name, location, enabled, created_at, token_issued_at";

  public Optional<User> userById(UUID id) {
    return Jdbc.one(
        db, "SELECT " + USER_COLUMNS + " FROM app_user WHERE id = ?", AccountRepository::user, id);
  }

  public Optional<User> userByName(String username) {
    return Jdbc.one(
        db,
        "SELECT " + USER_COLUMNS + " FROM app_user WHERE username = ?",
        AccountRepository::user,
        username);
  }

  public long countUsers() {
    return Jdbc.one(db, "SELECT count(*) FROM app_user", rs -> rs.getLong(1)).orElse(0L);
  }

  public void insertUser(User u) {
    Jdbc.update(
        db,
        "INSERT INTO app_user (" + USER_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)",
        u.id(),
        u.username(),
        u.passwordHash(),
        u.role().name(),
        u.unitId(),
        u.enabled(),
        u.createdAt(),
        u.passwordChangedAt());
  }

  public void updateUser(UUID id, Role role, UUID unitId, boolean enabled) {
    Jdbc.update(
        db,
        "UPDATE app_user SET role = ?, unit_id = ?, enabled = ? WHERE id = ?",
        role.name(),
        unitId,
        enabled,
        id);
  }

  /**
   * Locks the row of user {@code id} and those of every enabled administrator until the transaction
   * ends, all in id order (two callers queue instead of deadlocking), and returns the ids of the
   * enabled administrators as committed once the locks are held: a change another transaction made
   * to them before this one got the lock is seen.
   */
  public List<UUID> lockUserAndEnabledAdmins(UUID id) {
    return Jdbc.list(
            db,
            "SELECT id, role = 'ADMIN' AND enabled FROM app_user"
                + " WHERE id = ? OR (role = 'ADMIN' AND enabled) ORDER BY id FOR UPDATE",
            rs -> rs.getBoolean(2) ? rs.getObject(1, UUID.class) : null,
            id)
        .stream()
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  public void updatePassword(UUID id, String hash, Instant changedAt) {
    Jdbc.update(
        db,
        "UPDATE app_user SET password_hash = ?, password_changed_at = ? WHERE id = ?",
        hash,
        changedAt,
        id);
  }

  /** Users after {@code after} (keyset), optionally of one unit only. */
  public List<User> users(UUID unit, UUID after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + USER_COLUMNS + " FROM app_user WHERE true");
    if (unit != null) {
      sql.append(" AND unit_id = ?");
      args.add(unit);
    }
    Jdbc.keysetTail(sql, args, after, limit);
    return Jdbc.list(db, sql.toString(), AccountRepository::user, args.toArray());
  }

  public Optional<Station> stationById(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + STATION_COLUMNS + " FROM station WHERE id = ?",
        AccountRepository::station,
        id);
  }

  public Optional<Station> stationByTokenHash(byte[] hash) {
    return Jdbc.one(
        db,
        "SELECT " + STATION_COLUMNS + " FROM station WHERE token_hash = ?",
        AccountRepository::station,
        hash);
  }

  public void insertStation(Station s, byte[] tokenHash) {
    Jdbc.update(
        db,
        "INSERT INTO station (" + STATION_COLUMNS + ", token_hash) VALUES (?,?,?,?,?,?,?,?)",
        s.id(),
        s.unitId(),
        s.name(),
        s.location(),
        s.enabled(),
        s.createdAt(),
        s.tokenIssuedAt(),
        tokenHash);
  }

  public void updateStationToken(UUID id, byte[] tokenHash, Instant issuedAt) {
    Jdbc.update(
        db,
        "UPDATE station SET token_hash = ?, token_issued_at = ?, enabled = true WHERE id = ?",
        tokenHash,
        issuedAt,
        id);
  }

  public void disableStation(UUID id) {
    Jdbc.update(db, "UPDATE station SET enabled = false WHERE id = ?", id);
  }

  public List<Station> stations(UUID unit, UUID after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + STATION_COLUMNS + " FROM station WHERE true");
    if (unit != null) {
      sql.append(" AND unit_id = ?");
      args.add(unit);
    }
    Jdbc.keysetTail(sql, args, after, limit);
    return Jdbc.list(db, sql.toString(), AccountRepository::station, args.toArray());
  }

  /** Claims the one-time admin bootstrap; false when it already ran. */
  public boolean claimBootstrap(UUID adminId) {
    return Jdbc.update(
            db,
            "INSERT INTO bootstrap (id, admin_id) VALUES (1, ?) ON CONFLICT DO NOTHING",
            adminId)
        == 1;
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        Role.valueOf(rs.getString(4)),
        rs.getObject(5, UUID.class),
        rs.getBoolean(6),
        Jdbc.instant(rs, 7),
        Jdbc.instant(rs, 8));
  }

  private static Station station(ResultSet rs) throws SQLException {
    return new Station(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getBoolean(5),
        Jdbc.instant(rs, 6),
        Jdbc.instant(rs, 7));
  }
}
