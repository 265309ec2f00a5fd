package org.custodia.preservation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One four-property check as callers see it: why it ran, its progress, and once DONE its overall
 * result and report.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckRun(
    UUID id,
    UUID caseId,
    UUID unitId,
    Trigger trigger,
    UUID requestedBy,
    Instant requestedAt,
    State state,
    Progress progress,
    Instant startedAt,
    Instant finishedAt,
    CheckReport.Result result,
    String failure,
    CheckReport report) {

  /** Why a check ran. */
  public enum Trigger {
    CLOSED,
    EXPORT,
    PERIODIC,
    MANUAL
  }

  public enum State {
    QUEUED,
    RUNNING,
    DONE,
    FAILED
  }

  /** Records checked of those linked to the case. */
  public record Progress(int recordsDone, int recordsTotal) {}

  /** The same without its report (lists). */
  CheckRun withoutReport() {
    return new CheckRun(
        id,
        caseId,
        unitId,
        trigger,
        requestedBy,
        requestedAt,
        state,
        progress,
        startedAt,
        finishedAt,
        result,
        failure,
        null);
  }
}
