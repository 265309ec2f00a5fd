package org.custodia.export;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the export endpoints. */
public final class ExportBodies {
  private ExportBodies() {}

  /** A request to export a case. */
  public record NewExport(
      @NotBlank @Size(max = 1000) String purpose,
      @NotBlank @Size(max = 500) String recipient,
      Boolean includeDerived,
      @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en") String reportLanguage) {}

  /** The approver's decision, always with its reason (it is audited and shown in the report). */
  public record Decision(@NotNull Boolean approve, @NotBlank @Size(max = 1000) String reason) {}
}
