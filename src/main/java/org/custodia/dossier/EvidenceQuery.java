package org.custodia.dossier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Builds the evidence search, shared by {@link EvidenceRepository} and the search benchmark. Every
 * filter is optional; the time range selects records whose recording overlaps [from, to); newest
 * first, keyset-paginated by id.
 */
public final class EvidenceQuery {
  static final String COLUMNS =
      "e.id, e.unit_id, e.sha256, e.sm3, e.size, e.content_type, e.kind, e.filename, e.title,"
          + " e.notes, e.object_key, e.object_version, e.station_claimed_sha256, e.device_id,"
          + " e.officer_id, e.station_id, e.recorded_from, e.recorded_to, e.ingested_at,"
          + " e.custodian_officer_id, e.retention_class, e.legal_hold, e.action_type, e.latitude,"
          + " e.longitude, l.id, l.subject_id, l.case_id, l.reason, l.linked_at, l.linked_by";
  static final String FROM =
      " FROM evidence e LEFT JOIN evidence_link l ON l.evidence_id = e.id"
          + " AND l.superseded_at IS NULL";
  private static final String INNER_FROM = " FROM (SELECT e.* FROM evidence e";

  /**
   * A free-text term matching fewer records than this (in the caller's scope) is fetched through
   * its text index first; a more common one lets PostgreSQL walk the newest records and filter.
   */
  public static final int SELECTIVE_BELOW = 300;

  private EvidenceQuery() {}

  /**
   * The search for {@code f}, choosing the plan: when only free text (and the unit) narrow the
   * search, {@code probe} runs {@link #probe} first. A rare term's matches are then all known and
   * fetched by id; a common term lets PostgreSQL walk the newest records and filter. Without this,
   * a rare term can make PostgreSQL walk a whole unit's records looking for matches that are not
   * there, and a common one can make it collect and sort every match.
   */
  public static SqlQuery plan(
      Filter f, UUID before, int limit, Function<SqlQuery, List<UUID>> probe) {
    if (needsProbe(f)) {
      List<UUID> hits = probe.apply(probe(f));
      if (hits.size() < SELECTIVE_BELOW) {
        return build(f, before, limit, hits);
      }
    }
    return build(f, before, limit, null);
  }

  static boolean needsProbe(Filter f) {
    return f.q() != null
        && !f.q().isBlank()
        && f.subjectId() == null
        && f.identifierHmac() == null
        && f.caseId() == null
        && (f.caseNo() == null || f.caseNo().isBlank())
        && f.officerId() == null
        && f.mineOf() == null
        && f.deviceId() == null;
  }

  /** Ids of matches of the free text within the unit, up to {@link #SELECTIVE_BELOW}. */
  public static SqlQuery probe(Filter f) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT e.id FROM evidence e WHERE true");
    textAndUnit(sql, args, f);
    sql.append(" LIMIT ?");
    args.add(SELECTIVE_BELOW);
    return new SqlQuery(sql.toString(), args);
  }

  private static void textAndUnit(StringBuilder sql, List<Object> args, Filter f) {
    if (f.unitId() != null) {
      sql.append(" AND e.unit_id = ?");
      args.add(f.unitId());
    }
    FreeText.append(sql, args, "e.search_text", f.q());
  }

  /** Search criteria; {@code identifierHmac} is the HMAC of a subject identifier. */
  public record Filter(
      UUID unitId,
      UUID subjectId,
      byte[] identifierHmac,
      String caseNo,
      UUID caseId,
      UUID officerId,
      UUID deviceId,
      ActionType actionType,
      Instant from,
      Instant to,
      String q,
      boolean unlinked,
      UUID mineOf) {

    public static Builder builder() {
      return new Builder();
    }
  }

  /** Builder of {@link Filter}, for callers that set few criteria. */
  public static final class Builder {
    private UUID unitId;
    private UUID subjectId;
    private byte[] identifierHmac;
    private String caseNo;
    private UUID caseId;
    private UUID officerId;
    private UUID deviceId;
    private ActionType actionType;
    private Instant from;
    private Instant to;
    private String q;
    private boolean unlinked;
    private UUID mineOf;

    public Builder unitId(UUID v) {
      unitId = v;
      return this;
    }

    public Builder subjectId(UUID v) {
      subjectId = v;
      return this;
    }

    public Builder identifierHmac(byte[] v) {
      identifierHmac = v;
      return this;
    }

    public Builder caseNo(String v) {
      caseNo = v;
      return this;
    }

    public Builder caseId(UUID v) {
      caseId = v;
      return this;
    }

    public Builder officerId(UUID v) {
      officerId = v;
      return this;
    }

    public Builder deviceId(UUID v) {
      deviceId = v;
      return this;
    }

    public Builder actionType(ActionType v) {
      actionType = v;
      return this;
    }

    public Builder from(Instant v) {
      from = v;
      return this;
    }

    public Builder to(Instant v) {
      to = v;
      return this;
    }

    public Builder q(String v) {
      q = v;
      return this;
    }

    /** Only records with no current link to a subject or case (the officers' inbox). */
    public Builder unlinked(boolean v) {
      unlinked = v;
      return this;
    }

    /**
     * Only records of officer {@code v}: those naming him as the officer, and those made with a
     * device he held when the recording began (a custody period covering {@code recorded_from}).
     */
    public Builder mineOf(UUID v) {
      mineOf = v;
      return this;
    }

    public Filter build() {
      return new Filter(
          unitId,
          subjectId,
          identifierHmac,
          caseNo,
          caseId,
          officerId,
          deviceId,
          actionType,
          from,
          to,
          q,
          unlinked,
          mineOf);
    }
  }

  /** The search for {@code f}: rows with id below {@code before} (null = from the newest). */
  public static SqlQuery build(Filter f, UUID before, int limit) {
    return build(f, before, limit, null);
  }

  /**
   * The search for {@code f}; {@code textHits}, when not null, are all the records matching the
   * free text (from {@link #probe}) and replace the text condition.
   */
  static SqlQuery build(Filter f, UUID before, int limit, List<UUID> textHits) {
    List<Object> args = new ArrayList<>();
    boolean byLink =
        f.subjectId() != null
            || f.identifierHmac() != null
            || f.caseId() != null
            || (f.caseNo() != null && !f.caseNo().isBlank());
    // without link filters, the newest matching records are chosen before the link is joined
    StringBuilder sql =
        new StringBuilder(
            byLink
                ? "SELECT " + COLUMNS + FROM + " WHERE true"
                : "SELECT " + COLUMNS + INNER_FROM + " WHERE true");
    if (textHits != null) {
      sql.append(" AND e.id = ANY (?::uuid[])");
      args.add(textHits.stream().map(UUID::toString).toArray(String[]::new));
    }
    if (f.unitId() != null) {
      sql.append(" AND e.unit_id = ?");
      args.add(f.unitId());
    }
    if (f.subjectId() != null) {
      sql.append(" AND l.subject_id = ?");
      args.add(f.subjectId());
    }
    if (f.identifierHmac() != null) {
      sql.append(" AND l.subject_id IN (SELECT s.id FROM subject s WHERE s.identifier_hmac = ?)");
      args.add(f.identifierHmac());
    }
    if (f.caseId() != null) {
      sql.append(" AND l.case_id = ?");
      args.add(f.caseId());
    }
    if (f.caseNo() != null && !f.caseNo().isBlank()) {
      sql.append(" AND l.case_id IN (SELECT c.id FROM enforcement_case c WHERE c.case_no = ?)");
      args.add(f.caseNo().strip());
    }
    if (f.officerId() != null) {
      sql.append(" AND e.officer_id = ?");
      args.add(f.officerId());
    }
    if (f.mineOf() != null) {
      sql.append(
          " AND (e.officer_id = ? OR EXISTS (SELECT 1 FROM device_custody c"
              + " WHERE c.device_id = e.device_id AND c.officer_id = ?"
              + " AND c.period @> e.recorded_from))");
      args.add(f.mineOf());
      args.add(f.mineOf());
    }
    if (f.deviceId() != null) {
      sql.append(" AND e.device_id = ?");
      args.add(f.deviceId());
    }
    if (f.actionType() != null) {
      sql.append(" AND e.action_type = ?");
      args.add(f.actionType().name());
    }
    if (f.from() != null || f.to() != null) {
      sql.append(" AND e.recorded && tstzrange(?::timestamptz, ?::timestamptz)");
      args.add(f.from());
      args.add(f.to());
    }
    if (f.unlinked()) {
      sql.append(
          " AND NOT EXISTS (SELECT 1 FROM evidence_link u WHERE u.evidence_id = e.id"
              + " AND u.superseded_at IS NULL)");
    }
    if (textHits == null) {
      FreeText.append(sql, args, "e.search_text", f.q());
    }
    if (before != null) {
      sql.append(" AND e.id < ?");
      args.add(before);
    }
    sql.append(" ORDER BY e.id DESC LIMIT ?");
    args.add(limit);
    if (!byLink) {
      sql.append(
          ") e LEFT JOIN evidence_link l ON l.evidence_id = e.id AND l.superseded_at IS NULL"
              + " ORDER BY e.id DESC");
    }
    return new SqlQuery(sql.toString(), args);
  }
}
