package org.custodia.statistics;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.YearFigures;

/**
 * The yearly enforcement statistics (执法统计年报) of a unit or, without unitId, the district. Each
 * figure names its counting rule in {@code rules}.
 */
public record Statistics(
    int year,
    UUID unitId,
    boolean provisional,
    Instant from,
    Instant to,
    Instant generatedAt,
    Map<String, Long> casesByType,
    Map<String, Long> decidedByStatus,
    Map<String, Long> actionsByType,
    Map<String, YearFigures.Tally> evidenceByKind,
    Map<String, String> rules) {

  static final Map<String, String> RULES =
      Map.of(
          "casesByType", "cases created in the year (Asia/Shanghai), by type",
          "decidedByStatus", "cases whose decision date lies in the year, by their current status",
          "actionsByType", "actions that began in the year, by type, in their case's unit",
          "evidenceByKind",
              "evidence recorded in the year (ingestion time when no recording time), count and"
                  + " bytes by kind");
}
