package org.custodia.fixity;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** The fixity tables: runs, their items (the report) and each object's last check. */
@ApplicationScoped
class FixityRepository {
  private static final HexFormat HEX = HexFormat.of();
  private static final String RUN_COLUMNS =
      "id, scope, unit_id, case_id, evidence_ids, scheduled, state, requested_by, created_at,"
          + " planned_at, finished_at, objects_done, objects_total, bytes_done, bytes_total,"
          + " problems";
  private static final String ITEM_COLUMNS =
      "id, target, evidence_id, bucket, object_key, expected_sha256, expected_sm3, expected_size,"
          + " actual_sha256, actual_sm3, actual_size, result, detail, checked_at";

  private final AgroalDataSource db;

  FixityRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** A claimed planning job: the run and where its listing had got to. */
  record PlanClaim(FixityRun run, UUID cursor) {}

  /** A claimed object to check. */
  record ItemClaim(
      long id,
      UUID runId,
      FixityItem.Target target,
      UUID evidenceId,
      String bucket,
      String objectKey,
      String objectVersion,
      byte[] sha256,
      byte[] sm3,
      Long size,
      int attempts) {}

  void insertRun(
      UUID id,
      FixityRun.Scope scope,
      UUID unitId,
      UUID caseId,
      List<UUID> evidenceIds,
      UUID requestedBy) {
    Jdbc.update(
        db,
        "INSERT INTO fixity_run (id, scope, unit_id, case_id, evidence_ids, state, requested_by)"
            + " VALUES (?,?,?,?,?::uuid[], 'PLANNING', ?)",
        id,
        scope,
        unitId,
        caseId,
        evidenceIds == null
            ? null
            : evidenceIds.stream().map(UUID::toString).toArray(String[]::new),
        requestedBy);
  }

  /** Starts a scheduled full scan unless one is under way; false when one is. */
  boolean insertScheduled(UUID id) {
    return Jdbc.update(
            db,
            "INSERT INTO fixity_run (id, scope, scheduled, state) VALUES (?, 'ALL', true,"
                + " 'PLANNING') ON CONFLICT DO NOTHING",
            id)
        == 1;
  }

  Optional<FixityRun> run(UUID id) {
    return Jdbc.one(
        db, "SELECT " + RUN_COLUMNS + " FROM fixity_run WHERE id = ?", FixityRepository::run, id);
  }

  /** Runs newest first, before {@code before} (a run id; null: from the newest). */
  List<FixityRun> runs(UUID unitId, UUID before, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + RUN_COLUMNS + " FROM fixity_run r WHERE true");
    List<Object> args = new java.util.ArrayList<>();
    if (unitId != null) {
      sql.append(" AND unit_id = ?");
      args.add(unitId);
    }
    if (before != null) {
      sql.append(" AND (created_at, id) < (SELECT created_at, id FROM fixity_run WHERE id = ?)");
      args.add(before);
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    args.add(limit);
    return Jdbc.list(db, sql.toString(), FixityRepository::run, args.toArray());
  }

  /** The scheduled full scan under way, if any. */
  Optional<FixityRun> activeScheduled() {
    return Jdbc.one(
        db,
        "SELECT " + RUN_COLUMNS + " FROM fixity_run WHERE scheduled AND state <> 'DONE'",
        FixityRepository::run);
  }

  /** The start of the newest full scan (scope ALL) that finished. */
  Optional<Instant> lastFullScanStarted() {
    return Jdbc.one(
        db,
        "SELECT created_at FROM fixity_run WHERE scope = 'ALL' AND state = 'DONE'"
            + " ORDER BY created_at DESC LIMIT 1",
        rs -> Jdbc.instant(rs, 1));
  }

  /** The start of the newest scheduled scan, whatever its state. */
  Optional<Instant> lastScheduledStarted() {
    return Jdbc.one(
        db,
        // a row only when there is one: max() of no rows is a NULL row, not an empty Optional
        "SELECT created_at FROM fixity_run WHERE scheduled ORDER BY created_at DESC LIMIT 1",
        rs -> Jdbc.instant(rs, 1));
  }

  // --- planning

  Optional<PlanClaim> claimPlanning(String owner, Duration lease) {
    return Jdbc.one(
            db,
            "WITH next AS (SELECT id FROM fixity_run WHERE state = 'PLANNING'"
                + " AND (lease_owner IS NULL OR lease_until < now())"
                + " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " UPDATE fixity_run r SET lease_owner = ?, lease_until = now() + ? * interval"
                + " '1 millisecond' FROM next WHERE r.id = next.id RETURNING r.id, r.plan_cursor",
            rs -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)},
            owner,
            lease.toMillis())
        .map(r -> new PlanClaim(run(r[0]).orElseThrow(), r[1]));
  }

  /** Saves how far planning got and renews its lease; false when the lease is no longer ours. */
  boolean planned(UUID runId, String owner, UUID cursor, Duration lease) {
    return Jdbc.update(
            db,
            "UPDATE fixity_run SET plan_cursor = ?, lease_until = now() + ? * interval"
                + " '1 millisecond' WHERE id = ? AND lease_owner = ? AND state = 'PLANNING'",
            cursor,
            lease.toMillis(),
            runId,
            owner)
        == 1;
  }

  /** Adds an object to a run, unless it is there (a resumed planning lists a page again). */
  void insertItem(
      UUID runId,
      FixityItem.Target target,
      UUID evidenceId,
      String bucket,
      String key,
      String version,
      byte[] sha256,
      byte[] sm3,
      Long size) {
    Jdbc.update(
        db,
        "INSERT INTO fixity_item (run_id, target, evidence_id, bucket, object_key, object_version,"
            + " expected_sha256, expected_sm3, expected_size, prior_checked_at, state)"
            + " VALUES (?,?,?,?,?,?,?,?,?, (SELECT last_checked_at FROM fixity_object"
            + " WHERE bucket = ? AND object_key = ?), 'PENDING')"
            + " ON CONFLICT (run_id, bucket, object_key) DO NOTHING",
        runId,
        target,
        evidenceId,
        bucket,
        key,
        version,
        sha256,
        sm3,
        size,
        bucket,
        key);
  }

  /** Ends planning: totals from the items, RUNNING (DONE when there is nothing to check). */
  boolean startRunning(UUID runId, String owner) {
    return Jdbc.update(
            db,
            "UPDATE fixity_run r SET state = CASE WHEN t.n = 0 THEN 'DONE' ELSE 'RUNNING' END,"
                + " finished_at = CASE WHEN t.n = 0 THEN now() END,"
                + " planned_at = now(), lease_owner = NULL, lease_until = NULL,"
                + " objects_total = t.objects, bytes_total = t.bytes"
                + " FROM (SELECT count(*) AS n,"
                + " count(*) FILTER (WHERE target <> 'SCAN') AS objects,"
                + " coalesce(sum(expected_size), 0) AS bytes FROM fixity_item WHERE run_id = ?) t"
                + " WHERE r.id = ? AND r.lease_owner = ? AND r.state = 'PLANNING'",
            runId,
            runId,
            owner)
        == 1;
  }

  // --- checking

  /** Runs being checked, requested ones before scheduled ones, oldest first. */
  List<UUID> runningRuns() {
    return Jdbc.list(
        db,
        "SELECT id FROM fixity_run WHERE state = 'RUNNING' ORDER BY scheduled, created_at",
        rs -> rs.getObject(1, UUID.class));
  }

  /** Claims the object of a run checked longest ago (never checked first). */
  Optional<ItemClaim> claimItem(UUID runId, String owner, Duration lease) {
    return Jdbc.one(
        db,
        "WITH next AS (SELECT id FROM fixity_item WHERE run_id = ? AND state = 'PENDING'"
            + " AND (lease_owner IS NULL OR lease_until < now())"
            + " ORDER BY prior_checked_at NULLS FIRST, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
            + " UPDATE fixity_item i SET lease_owner = ?, lease_until = now() + ? * interval"
            + " '1 millisecond', attempts = i.attempts + 1 FROM next WHERE i.id = next.id"
            + " RETURNING i.id, i.run_id, i.target, i.evidence_id, i.bucket, i.object_key,"
            + " i.object_version, i.expected_sha256, i.expected_sm3, i.expected_size, i.attempts",
        rs ->
            new ItemClaim(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                FixityItem.Target.valueOf(rs.getString(3)),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBytes(8),
                rs.getBytes(9),
                (Long) rs.getObject(10),
                rs.getInt(11)),
        runId,
        owner,
        lease.toMillis());
  }

  boolean renew(long itemId, String owner, Duration lease) {
    return Jdbc.update(
            db,
            "UPDATE fixity_item SET lease_until = now() + ? * interval '1 millisecond'"
                + " WHERE id = ? AND lease_owner = ? AND state = 'PENDING'",
            lease.toMillis(),
            itemId,
            owner)
        == 1;
  }

  void release(long itemId, String owner) {
    Jdbc.update(
        db,
        "UPDATE fixity_item SET lease_owner = NULL, lease_until = NULL"
            + " WHERE id = ? AND lease_owner = ? AND state = 'PENDING'",
        itemId,
        owner);
  }

  /** For tests and operators: the lease of an item lapses now (its worker is presumed dead). */
  int lapse(long itemId) {
    return Jdbc.update(
        db,
        "UPDATE fixity_item SET lease_until = now() - interval '1 second' WHERE id = ?",
        itemId);
  }

  /**
   * Records an item's result, if its lease is still ours; locks the run first, so that of two
   * workers finishing a run's last items one sees the other's and ends the run. Joins the caller's
   * transaction.
   */
  boolean complete(
      ItemClaim c,
      String owner,
      FixityItem.Result result,
      byte[] sha256,
      byte[] sm3,
      Long size,
      String detail) {
    Jdbc.one(
        db, "SELECT id FROM fixity_run WHERE id = ? FOR UPDATE", rs -> rs.getObject(1), c.runId());
    int n =
        Jdbc.update(
            db,
            "UPDATE fixity_item SET state = 'DONE', result = ?, actual_sha256 = ?,"
                + " actual_sm3 = ?, actual_size = ?, detail = ?, checked_at = now(),"
                + " lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ? AND lease_owner = ? AND state = 'PENDING'",
            result,
            sha256,
            sm3,
            size,
            detail,
            c.id(),
            owner);
    if (n == 0) {
      return false;
    }
    if (c.target() != FixityItem.Target.SCAN && result != FixityItem.Result.ERROR) {
      Jdbc.update(
          db,
          "INSERT INTO fixity_object (bucket, object_key, evidence_id, target, last_checked_at,"
              + " last_result, last_run_id) VALUES (?,?,?,?, now(), ?, ?)"
              + " ON CONFLICT (bucket, object_key) DO UPDATE SET evidence_id = excluded.evidence_id,"
              + " target = excluded.target, last_checked_at = excluded.last_checked_at,"
              + " last_result = excluded.last_result, last_run_id = excluded.last_run_id",
          c.bucket(),
          c.objectKey(),
          c.evidenceId(),
          c.target(),
          result,
          c.runId());
    }
    boolean counts = c.target() != FixityItem.Target.SCAN;
    Jdbc.update(
        db,
        "UPDATE fixity_run SET objects_done = objects_done + ?, bytes_done = bytes_done + ?,"
            + " problems = problems + ? WHERE id = ?",
        counts ? 1 : 0,
        counts && c.size() != null ? c.size() : 0L,
        result.problem() ? 1 : 0,
        c.runId());
    return true;
  }

  /** Ends a run whose every item is done; true when this call ended it. */
  boolean finishIfDone(UUID runId) {
    return Jdbc.update(
            db,
            "UPDATE fixity_run SET state = 'DONE', finished_at = now() WHERE id = ?"
                + " AND state = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM fixity_item"
                + " WHERE run_id = ? AND state = 'PENDING')",
            runId,
            runId)
        == 1;
  }

  /** Records an object found in a bucket that nothing records; false when already reported. */
  boolean insertForeign(UUID runId, String bucket, String key, long size, String detail) {
    int n =
        Jdbc.update(
            db,
            "INSERT INTO fixity_item (run_id, target, bucket, object_key, actual_size, state,"
                + " result, detail, checked_at) VALUES (?, 'FOREIGN', ?, ?, ?, 'DONE', 'FOREIGN',"
                + " ?, now()) ON CONFLICT (run_id, bucket, object_key) DO NOTHING",
            runId,
            bucket,
            key,
            size,
            detail);
    if (n == 1) {
      Jdbc.update(db, "UPDATE fixity_run SET problems = problems + 1 WHERE id = ?", runId);
    }
    return n == 1;
  }

  /** One page of a run's report, in the order the items were listed. */
  List<FixityItem> items(UUID runId, long after, int limit) {
    return Jdbc.list(
        db,
        "SELECT "
            + ITEM_COLUMNS
            + " FROM fixity_item WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?",
        FixityRepository::item,
        runId,
        after,
        limit);
  }

  /** The last checks of an item's objects: result, when, by which run. */
  record LastCheck(String target, String result, Instant checkedAt, UUID runId) {}

  List<LastCheck> lastChecks(UUID evidenceId) {
    return Jdbc.list(
        db,
        "SELECT target, last_result, last_checked_at, last_run_id FROM fixity_object"
            + " WHERE evidence_id = ? ORDER BY last_checked_at DESC",
        rs ->
            new LastCheck(
                rs.getString(1), rs.getString(2), Jdbc.instant(rs, 3), rs.getObject(4, UUID.class)),
        evidenceId);
  }

  /** The evidence ids among {@code ids} whose last check of some object failed. */
  java.util.Set<UUID> failing(java.util.Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return java.util.Set.of();
    }
    return new java.util.HashSet<>(
        Jdbc.list(
            db,
            "SELECT DISTINCT evidence_id FROM fixity_object WHERE evidence_id = ANY(?::uuid[])"
                + " AND last_result IN ('MISMATCH', 'MISSING')",
            rs -> rs.getObject(1, UUID.class),
            (Object) ids.stream().map(UUID::toString).toArray(String[]::new)));
  }

  long countLastResult(String result) {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM fixity_object WHERE last_result = ?",
            rs -> rs.getLong(1),
            result)
        .orElse(0L);
  }

  private static FixityRun run(ResultSet rs) throws SQLException {
    Array ids = rs.getArray(5);
    List<UUID> evidenceIds = null;
    if (ids != null) {
      evidenceIds = new java.util.ArrayList<>();
      for (Object o : (Object[]) ids.getArray()) {
        evidenceIds.add(o instanceof UUID u ? u : UUID.fromString(o.toString()));
      }
    }
    return new FixityRun(
        rs.getObject(1, UUID.class),
        FixityRun.Scope.valueOf(rs.getString(2)),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        evidenceIds,
        rs.getBoolean(6),
        FixityRun.State.valueOf(rs.getString(7)),
        rs.getObject(8, UUID.class),
        Jdbc.instant(rs, 9),
        Jdbc.instant(rs, 10),
        Jdbc.instant(rs, 11),
        new FixityRun.Progress(
            rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16)),
        null);
  }

  private static FixityItem item(ResultSet rs) throws SQLException {
    String result = rs.getString(12);
    return new FixityItem(
        rs.getLong(1),
        FixityItem.Target.valueOf(rs.getString(2)),
        rs.getObject(3, UUID.class),
        rs.getString(4),
        rs.getString(5),
        hashes(rs.getBytes(6), rs.getBytes(7), (Long) rs.getObject(8)),
        hashes(rs.getBytes(9), rs.getBytes(10), (Long) rs.getObject(11)),
        result == null ? null : FixityItem.Result.valueOf(result),
        rs.getString(13),
        Jdbc.instant(rs, 14));
  }

  private static FixityItem.Hashes hashes(byte[] sha256, byte[] sm3, Long size) {
    if (sha256 == null && sm3 == null && size == null) {
      return null;
    }
    return new FixityItem.Hashes(
        sha256 == null ? null : HEX.formatHex(sha256),
        sm3 == null ? null : HEX.formatHex(sm3),
        size);
  }
}
