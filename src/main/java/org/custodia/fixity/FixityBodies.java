package org.custodia.fixity;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the fixity endpoints. */
public final class FixityBodies {
  private FixityBodies() {}

  /**
   * A run to start: {@code scope} all (the default for administrators; also lists the archive
   * buckets for foreign objects), unit ({@code unitId}, the default for a unit's auditor), case
   * ({@code caseId}) or evidence ({@code evidenceIds}, 1 to 1000).
   */
  public record NewRun(
      @Pattern(regexp = "all|unit|case|evidence", message = "must be all, unit, case or evidence")
          String scope,
      UUID unitId,
      UUID caseId,
      @Size(min = 1, max = 1000) List<UUID> evidenceIds) {}
}
