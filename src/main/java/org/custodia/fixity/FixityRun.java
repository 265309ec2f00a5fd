package org.custodia.fixity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A fixity run as shown: what it covers, its state, and its progress in objects and bytes of the
 * total, with the number of problems found so far.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixityRun(
    UUID id,
    Scope scope,
    UUID unitId,
    UUID caseId,
    List<UUID> evidenceIds,
    boolean scheduled,
    State state,
    UUID requestedBy,
    Instant createdAt,
    Instant plannedAt,
    Instant finishedAt,
    Progress progress,
    Iterable<FixityItem> report) {

  /** With the report: every object checked, its result and its hashes expected and found. */
  FixityRun withReport(Iterable<FixityItem> items) {
    return new FixityRun(
        id,
        scope,
        unitId,
        caseId,
        evidenceIds,
        scheduled,
        state,
        requestedBy,
        createdAt,
        plannedAt,
        finishedAt,
        progress,
        items);
  }

  public enum Scope {
    ALL,
    UNIT,
    CASE,
    EVIDENCE
  }

  public enum State {
    /** Listing the objects to check. */
    PLANNING,
    /** Checking them. */
    RUNNING,
    /** Every object checked; the report is complete. */
    DONE
  }

  public record Progress(
      long objectsDone, long objectsTotal, long bytesDone, long bytesTotal, long problems) {}
}
