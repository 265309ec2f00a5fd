package org.custodia.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.custodia.support.PlausibleTime;

/** Request bodies of the retention, hold and disposal endpoints. */
public final class RetentionBodies {
  private RetentionBodies() {}

  /**
   * A change of an item's retention: a class ({@code AUTOMATIC} gives the choice back to the rules;
   * absent: unchanged) and flags (absent: unchanged). A downgrade needs a reason.
   */
  public record RetentionChange(
      @JsonProperty("class")
          @Pattern(
              regexp = "NON_EVIDENCE|WITH_CASE|PERMANENT|AUTOMATIC",
              message = "must be NON_EVIDENCE, WITH_CASE, PERMANENT or AUTOMATIC")
          String retentionClass,
      Boolean usedAsEvidence,
      Boolean obstruction,
      Boolean majorIncident,
      @Size(max = 1000) String reason) {}

  /** A new legal hold; {@code until} absent: until lifted. */
  public record NewHold(
      @NotNull Hold.Scope scope,
      @NotNull UUID targetId,
      @NotBlank @Size(max = 1000) String reason,
      @PlausibleTime Instant until) {}

  /** Lifting a hold, always with its reason. */
  public record Lift(@NotBlank @Size(max = 1000) String reason) {}

  /** A disposal request: the unit (absent: all units) and why. */
  public record NewDisposal(UUID unitId, @NotBlank @Size(max = 1000) String reason) {}

  /** The approval of a disposal, always with its reason. */
  public record Approval(@NotBlank @Size(max = 1000) String reason) {}
}
