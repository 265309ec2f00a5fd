package org.custodia.dossier;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/**
 * Set-based aggregates of the dossier tables over one period, for the yearly statistics: one GROUP
 * BY per figure, never a loop over records. A null unit means every unit (the district).
 */
@ApplicationScoped
public class YearFigures {
  private static final String UNIT = "(CAST(? AS uuid) IS NULL OR unit_id = CAST(? AS uuid))";

  /**
   * Cases (id, type, created_at, status, decision_date) as they stood at an instant (the first
   * parameter), of a unit or all (the next two): a case changed after it stood as its first later
   * change found it ({@code case_status_event}'s values before), any other as it stands now.
   */
  private static final String AS_AT =
      "SELECT c.id, c.type, c.created_at,"
          + " CASE WHEN f.changed THEN f.from_status ELSE c.status END AS status,"
          + " CASE WHEN f.changed THEN f.from_decision_date ELSE c.decision_date END"
          + " AS decision_date FROM enforcement_case c LEFT JOIN LATERAL (SELECT true AS"
          + " changed, e.from_status, e.from_decision_date FROM case_status_event e WHERE"
          + " e.case_id = c.id AND e.changed_at >= ? ORDER BY e.changed_at, e.id LIMIT 1) f ON"
          + " true WHERE "
          + UNIT;

  private final AgroalDataSource db;

  YearFigures(AgroalDataSource db) {
    this.db = db;
  }

  /** Count and bytes of one group. */
  public record Tally(long count, long bytes) {}

  /** Cases created in [from, to), by type. */
  public Map<String, Long> casesByType(UUID unit, Instant from, Instant to) {
    return caseCounts("type", "created_at >= ? AND created_at < ?", unit, from, to);
  }

  /**
   * Cases whose decision date, as it stood at {@code end}, lies in [from, to], by their status at
   * {@code end}.
   */
  public Map<String, Long> decidedByStatus(UUID unit, LocalDate from, LocalDate to, Instant end) {
    return countsAt("decision_date BETWEEN ? AND ?", unit, from, to, end);
  }

  /**
   * Case counts by status as each case stood at {@code end}: a case changed after {@code end} stood
   * as its first later change found it ({@code case_status_event}'s values before), any other as it
   * stands now.
   */
  private Map<String, Long> countsAt(
      String period, UUID unit, Object from, Object to, Instant end) {
    return counts(
        "SELECT status, count(*) FROM (" + AS_AT + ") s WHERE " + period + " GROUP BY 1 ORDER BY 1",
        end,
        unit,
        unit,
        from,
        to);
  }

  private Map<String, Long> caseCounts(
      String column, String period, UUID unit, Object from, Object to) {
    return counts(
        "SELECT "
            + column
            + ", count(*) FROM enforcement_case WHERE "
            + UNIT
            + " AND "
            + period
            + " GROUP BY 1 ORDER BY 1",
        unit,
        unit,
        from,
        to);
  }

  /** Actions that began in [from, to), by type, counted against their case's unit. */
  public Map<String, Long> actionsByType(UUID unit, Instant from, Instant to) {
    return counts(
        "SELECT a.type, count(*) FROM case_action a JOIN enforcement_case c ON c.id = a.case_id"
            + " WHERE (CAST(? AS uuid) IS NULL OR c.unit_id = CAST(? AS uuid))"
            + " AND a.from_at >= ? AND a.from_at < ? GROUP BY a.type ORDER BY a.type",
        unit,
        unit,
        from,
        to);
  }

  /** Evidence recorded in [from, to) (ingestion time when no recording time), by kind. */
  public Map<String, Tally> evidenceByKind(UUID unit, Instant from, Instant to) {
    Map<String, Tally> out = new LinkedHashMap<>();
    Jdbc.list(
            db,
            "SELECT kind, count(*), coalesce(sum(size), 0) FROM evidence WHERE "
                + UNIT
                + " AND coalesce(recorded_from, ingested_at) >= ?"
                + " AND coalesce(recorded_from, ingested_at) < ? GROUP BY kind ORDER BY kind",
            rs -> Map.entry(rs.getString(1), new Tally(rs.getLong(2), rs.getLong(3))),
            unit,
            unit,
            from,
            to)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Cases created in [from, to), by their status at {@code end} (OPEN, DECIDED, CLOSED, REVOKED).
   */
  public Map<String, Long> casesByOutcome(UUID unit, Instant from, Instant to, Instant end) {
    return countsAt("created_at >= ? AND created_at < ?", unit, from, to, end);
  }

  /**
   * The ids of the audio-video recordings (VIDEO, AUDIO) recorded in [from, to), by the rule of
   * {@link #evidenceByKind}: a subquery for the package that owns facts about them (their probed
   * durations) to aggregate over in one statement.
   */
  public SqlQuery recordingsIn(UUID unit, Instant from, Instant to) {
    return new SqlQuery(
        "SELECT id FROM evidence WHERE "
            + UNIT
            + " AND kind IN ('VIDEO', 'AUDIO') AND coalesce(recorded_from, ingested_at) >= ?"
            + " AND coalesce(recorded_from, ingested_at) < ?",
        java.util.Arrays.asList(unit, unit, from, to));
  }

  /**
   * The decisions whose decision date, as it stood at {@code end}, lies in [from, to]: a subquery
   * of columns {@code id}, {@code type} and {@code decision_date}, for the disclosure package to
   * join its records to.
   */
  public SqlQuery decisionsIn(UUID unit, LocalDate from, LocalDate to, Instant end) {
    return new SqlQuery(
        "SELECT id, type, decision_date FROM (" + AS_AT + ") s WHERE decision_date BETWEEN ? AND ?",
        java.util.Arrays.asList(end, unit, unit, from, to));
  }

  /**
   * Officers' certificate states on {@code lastDay}, per unit: each officer's last certificate
   * event changed before {@code end} (events are full snapshots), EXPIRED when its validity ended
   * before {@code lastDay}, else its status (GREEN, YELLOW, RED). Officers registered later, and
   * staff without a certificate, are not counted.
   */
  public Map<UUID, Map<String, Long>> certificatesAt(UUID unit, Instant end, LocalDate lastDay) {
    Map<UUID, Map<String, Long>> out = new LinkedHashMap<>();
    Jdbc.list(
            db,
            "SELECT unit_id, state, count(*) FROM (SELECT DISTINCT ON (e.officer_id) o.unit_id,"
                + " CASE WHEN e.valid_until < ? THEN 'EXPIRED' ELSE e.status END AS state"
                + " FROM officer_certificate_event e JOIN officer o ON o.id = e.officer_id"
                + " WHERE (CAST(? AS uuid) IS NULL OR o.unit_id = CAST(? AS uuid))"
                + " AND e.changed_at < ? ORDER BY e.officer_id, e.changed_at DESC, e.id DESC) s"
                + " WHERE state IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
            rs -> Map.entry(rs.getObject(1, UUID.class), Map.entry(rs.getString(2), rs.getLong(3))),
            lastDay,
            unit,
            unit,
            end)
        .forEach(
            e ->
                out.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                    .put(e.getValue().getKey(), e.getValue().getValue()));
    return out;
  }

  /** The earliest case creation or evidence recording/ingestion: where the archive begins. */
  public Optional<Instant> firstRecord() {
    return Jdbc.list(
            db,
            "SELECT least((SELECT min(created_at) FROM enforcement_case),"
                + " (SELECT min(coalesce(recorded_from, ingested_at)) FROM evidence))",
            rs -> Optional.ofNullable(Jdbc.instant(rs, 1)))
        .get(0);
  }

  private Map<String, Long> counts(String sql, Object... args) {
    Map<String, Long> out = new LinkedHashMap<>();
    Jdbc.list(db, sql, rs -> Map.entry(rs.getString(1), rs.getLong(2)), args)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
