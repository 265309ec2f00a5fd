package org.custodia.media;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Ids;
import org.custodia.support.Jdbc;

/**
 * The media job queue in PostgreSQL. Workers claim with {@code FOR UPDATE SKIP LOCKED}, so any
 * number of instances share it without a coordinator; a claim is a lease that expires when its
 * worker stops renewing it. Every state change checks the lease owner, so a worker whose lease was
 * taken over cannot overwrite the new owner's result.
 */
@ApplicationScoped
public class JobQueue {
  /** What the current kinds of work are called. */
  public static final String PROCESS = "PROCESS";

  private static final String COLUMNS =
      "id, kind, evidence_id, state, attempts, max_attempts, run_after, lease_owner, lease_until,"
          + " progress, last_error, created_at, finished_at";
  private static final int MAX_ERROR = 2000;

  private final AgroalDataSource db;

  JobQueue(AgroalDataSource db) {
    this.db = db;
  }

  /**
   * Queues a job in the caller's transaction (or its own); a second job of the same kind for the
   * same evidence is not created.
   */
  @Transactional
  public void enqueue(String kind, UUID evidenceId, int maxAttempts) {
    Jdbc.update(
        db,
        "INSERT INTO media_job (id, kind, evidence_id, max_attempts) VALUES (?,?,?,?)"
            + " ON CONFLICT (evidence_id, kind) DO NOTHING",
        Ids.newId(),
        kind,
        evidenceId,
        maxAttempts);
  }

  /**
   * Claims the next ready job of {@code kind}: a queued job whose {@code run_after} has come, or a
   * running one whose lease has expired. Jobs whose lease expired on their last attempt are
   * declared DEAD first.
   */
  @Transactional
  public Optional<MediaJob> claim(String kind, String owner, Duration lease) {
    Jdbc.update(
        db,
        "UPDATE media_job SET state = 'DEAD', lease_owner = NULL, lease_until = NULL,"
            + " finished_at = now(), updated_at = now(),"
            + " last_error = left('lease of ' || lease_owner || ' expired on attempt ' || attempts"
            + " || ' of ' || max_attempts || coalesce(': ' || last_error, ''), 2000)"
            + " WHERE kind = ? AND state = 'RUNNING' AND lease_until < now()"
            + " AND attempts >= max_attempts",
        kind);
    return Jdbc.one(
        db,
        "UPDATE media_job j SET state = 'RUNNING', attempts = j.attempts + 1, lease_owner = ?,"
            + " lease_until = now() + ? * interval '1 millisecond', progress = 0, updated_at = now()"
            + " FROM (SELECT id FROM media_job WHERE kind = ? AND ((state = 'QUEUED' AND run_after <= now())"
            + " OR (state = 'RUNNING' AND lease_until < now()))"
            + " ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED) next"
            + " WHERE j.id = next.id RETURNING "
            + prefixed(),
        JobQueue::job,
        owner,
        lease.toMillis(),
        kind);
  }

  /** Reports progress and renews the lease; false when the lease is no longer ours. */
  @Transactional
  public boolean progress(UUID id, String owner, int percent, Duration lease) {
    return Jdbc.update(
            db,
            "UPDATE media_job SET progress = ?, lease_until = now() + ? * interval '1 millisecond',"
                + " updated_at = now() WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
            Math.max(0, Math.min(100, percent)),
            lease.toMillis(),
            id,
            owner)
        == 1;
  }

  /** Marks the job done; false when the lease is no longer ours. */
  @Transactional
  public boolean succeed(UUID id, String owner) {
    return Jdbc.update(
            db,
            "UPDATE media_job SET state = 'SUCCEEDED', progress = 100, lease_owner = NULL,"
                + " lease_until = NULL, finished_at = now(), updated_at = now()"
                + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
            id,
            owner)
        == 1;
  }

  /** Ends the job for good: the media cannot be processed, retrying cannot help. */
  @Transactional
  public boolean fail(UUID id, String owner, String reason) {
    return Jdbc.update(
            db,
            "UPDATE media_job SET state = 'FAILED', last_error = ?, lease_owner = NULL,"
                + " lease_until = NULL, finished_at = now(), updated_at = now()"
                + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
            truncate(reason),
            id,
            owner)
        == 1;
  }

  /**
   * A transient failure: queued again after {@code backoff · 2^(attempts-1)}, or DEAD with the
   * reason once the attempts are used up.
   */
  @Transactional
  public boolean retry(UUID id, String owner, String reason, Duration backoff) {
    return Jdbc.update(
            db,
            "UPDATE media_job SET last_error = ?, lease_owner = NULL, lease_until = NULL,"
                + " updated_at = now(),"
                + " state = CASE WHEN attempts >= max_attempts THEN 'DEAD' ELSE 'QUEUED' END,"
                + " finished_at = CASE WHEN attempts >= max_attempts THEN now() END,"
                + " run_after = now() + ? * power(2, greatest(attempts - 1, 0)) * interval '1 millisecond'"
                + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
            truncate(reason),
            backoff.toMillis(),
            id,
            owner)
        == 1;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<MediaJob> byId(UUID id) {
    return Jdbc.one(db, "SELECT " + COLUMNS + " FROM media_job WHERE id = ?", JobQueue::job, id);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  /** How many jobs are in {@code state}; QUEUED counts only those whose time has come. */
  public long count(String state) {
    return Jdbc.one(
            db,
            "QUEUED".equals(state)
                ? "SELECT count(*) FROM media_job WHERE state = ? AND run_after <= now()"
                : "SELECT count(*) FROM media_job WHERE state = ?",
            rs -> rs.getLong(1),
            state)
        .orElse(0L);
  }

  public List<MediaJob> forEvidence(UUID evidenceId) {
    return Jdbc.list(
        db,
        "SELECT " + COLUMNS + " FROM media_job WHERE evidence_id = ? ORDER BY created_at, id",
        JobQueue::job,
        evidenceId);
  }

  private static String prefixed() {
    return ("j." + COLUMNS.replace(", ", ", j.")).replace("\n", "");
  }

  private static String truncate(String reason) {
    if (reason == null) {
      return null;
    }
    return reason.length() <= MAX_ERROR ? reason : reason.substring(0, MAX_ERROR);
  }

  private static MediaJob job(ResultSet rs) throws SQLException {
    return new MediaJob(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getObject(3, UUID.class),
        MediaJob.State.valueOf(rs.getString(4)),
        rs.getInt(5),
        rs.getInt(6),
        Jdbc.instant(rs, 7),
        rs.getString(8),
        Jdbc.instant(rs, 9),
        rs.getInt(10),
        rs.getString(11),
        Jdbc.instant(rs, 12),
        Jdbc.instant(rs, 13));
  }
}
