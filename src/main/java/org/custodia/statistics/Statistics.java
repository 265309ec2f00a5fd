package org.custodia.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.compliance.FindingCount;
import org.custodia.dossier.YearFigures;

/**
 * The yearly enforcement statistics (执法统计年报) of a unit or, without unitId, the district. Each
 * figure names its counting rule in {@code rules}; figures "at year end" are as of {@code asOf} (31
 * December, today in the provisional current year).
 */
public record Statistics(
    int year,
    UUID unitId,
    boolean provisional,
    Instant from,
    Instant to,
    LocalDate asOf,
    Instant generatedAt,
    Map<String, Long> casesByType,
    Map<String, Long> casesByOutcome,
    Map<String, Long> decidedByStatus,
    Map<String, Long> actionsByType,
    Map<String, YearFigures.Tally> evidenceByKind,
    Recordings recordings,
    YearFigures.Tally documents,
    List<FindingCount> findings,
    Map<String, Long> grades,
    Map<String, Long> disclosure,
    Map<UUID, Map<String, Long>> certificatesByUnit,
    Versions versions,
    Map<String, String> rules) {

  /**
   * Audio-video recordings (VIDEO, AUDIO): count and bytes, how many have a probed duration and
   * their total (in milliseconds and in hours, two decimals), how many have none.
   */
  public record Recordings(
      long count, long bytes, long probed, long durationUnknown, long durationMs, double hours) {}

  /** What the figures were computed with: rule-set versions and the calendar years (revision). */
  public record Versions(
      String complianceRules, String disclosureRules, Map<Integer, Integer> calendarYears) {}

  /** Grades of reviews, in order. */
  public static final List<String> GRADES = List.of("EXCELLENT", "GOOD", "PASS", "FAIL");

  /** Disclosure timeliness, in order. */
  public static final List<String> TIMELINESS =
      List.of("ON_TIME", "LATE", "MISSING", "NOT_YET_DUE", "UNKNOWN");

  /** Certificate states at year end, in order. */
  public static final List<String> CERTIFICATE_STATES =
      List.of("GREEN", "YELLOW", "RED", "EXPIRED");

  static final Map<String, String> RULES =
      Map.ofEntries(
          Map.entry("casesByType", "cases created in the year (Asia/Shanghai), by type"),
          Map.entry(
              "casesByOutcome", "cases created in the year, by their status at the year's end"),
          Map.entry(
              "decidedByStatus",
              "cases whose decision date (as at the year's end) lies in the year, by their status"
                  + " at the year's end"),
          Map.entry(
              "actionsByType", "actions that began in the year, by type, in their case's unit"),
          Map.entry(
              "evidenceByKind",
              "evidence recorded in the year (ingestion time when no recording time), count and"
                  + " bytes by kind"),
          Map.entry(
              "recordings",
              "VIDEO and AUDIO evidence recorded in the year (as evidenceByKind); hours from the"
                  + " durations media probing found, recordings without one counted as"
                  + " durationUnknown"),
          Map.entry("documents", "DOCUMENT evidence recorded in the year (as evidenceByKind)"),
          Map.entry(
              "findings",
              "compliance findings first seen in the year, by rule and severity; acknowledged:"
                  + " acknowledged by year end; open: not resolved by year end (a finding"
                  + " acknowledged or resolved after year end counts as unacknowledged or open)"),
          Map.entry(
              "grades",
              "grades of the submitted reviews submitted in the year that no submitted"
                  + " correction replaced"),
          Map.entry(
              "disclosure",
              "decisions whose decision date lies in the year, by where their disclosure stood at"
                  + " year end, deadline as the disclosure rules compute it: ON_TIME, LATE"
                  + " (disclosed by year end), MISSING (overdue, not disclosed), NOT_YET_DUE,"
                  + " UNKNOWN (the calendar does not cover the deadline)"),
          Map.entry(
              "certificatesByUnit",
              "officers' certificate states at year end, per unit: the last certificate change"
                  + " at or before year end; EXPIRED when its validity ended before 31 December"),
          Map.entry(
              "versions",
              "the compliance and disclosure rule-set versions in force and the calendar years"
                  + " (with their revision) when the figures were computed"));
}
