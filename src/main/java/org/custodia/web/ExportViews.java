package org.custodia.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.export.Export;
import org.custodia.export.ExportService;
import org.custodia.export.ExportState;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.User;
import org.custodia.security.UserService;

/**
 * Exports as the pages show them: names instead of ids, the case number, the progress as a
 * percentage, and what the signed-in role may do with each (the same role rules as the API's
 * {@code @RolesAllowed}; the service decides everything else). Templates read the dossier page's
 * export section as {@code {inject:exportViews.section(caseId)}}.
 */
@RequestScoped
@Named("exportViews")
public class ExportViews {
  private final ExportService exports;
  private final UserService users;
  private final Caller caller;
  private final ObjectMapper json;
  private final Map<UUID, String> names = new HashMap<>();

  ExportViews(ExportService exports, UserService users, Caller caller, ObjectMapper json) {
    this.exports = exports;
    this.users = users;
    this.caller = caller;
    this.json = json;
  }

  /** One export, for tables and its own page. */
  public record Row(
      UUID id,
      UUID caseId,
      String caseNo,
      String state,
      String requester,
      Instant requestedAt,
      String purpose,
      String recipient,
      boolean includeDerived,
      String decider,
      Instant decidedAt,
      String reason,
      Export.Progress progress,
      int percent,
      Long size,
      String sha256,
      String failure,
      UUID failedEvidenceId,
      Instant builtAt,
      Instant expiresAt,
      Instant expiredAt,
      int records,
      boolean mine,
      boolean canDecide,
      boolean canDownload) {

    public boolean pending() {
      return "PENDING_APPROVAL".equals(state);
    }

    public boolean building() {
      return "BUILDING".equals(state);
    }

    public boolean ready() {
      return "READY".equals(state);
    }

    /** Whether there is, or will be, a package to verify (not refused, failed or expired). */
    public boolean packaged() {
      return pending() || building() || ready();
    }

    public String sizeText() {
      return size == null ? "" : Formats.bytes(size);
    }

    public String bytesDoneText() {
      return Formats.bytes(progress.bytesDone());
    }

    public String bytesTotalText() {
      return Formats.bytes(progress.bytesTotal());
    }

    /** The name of the package file the download saves. */
    public String fileName() {
      return "custodia-export-" + id + ".zip";
    }
  }

  /** The dossier page's export section: the case's exports and the request form. */
  public record CaseSection(
      UUID caseId,
      List<Row> rows,
      boolean canRequest,
      boolean anyBuilding,
      String purpose,
      String recipient,
      boolean includeDerived,
      Map<String, String> errors,
      UUID requested) {

    public String error(String field) {
      return errors.get(field);
    }

    public boolean hasError(String field) {
      return errors.containsKey(field);
    }
  }

  /** The section of a case the caller sees (404 for another unit's case, as in the API). */
  public CaseSection section(UUID caseId) {
    return section(caseId, "", "", false, Map.of(), null);
  }

  CaseSection section(
      UUID caseId,
      String purpose,
      String recipient,
      boolean includeDerived,
      Map<String, String> errors,
      UUID requested) {
    List<Row> rows = exports.ofCase(caseId).reversed().stream().map(this::row).toList();
    return new CaseSection(
        caseId,
        rows,
        mayRequest(),
        rows.stream().anyMatch(Row::building),
        purpose,
        recipient,
        includeDerived,
        errors,
        requested);
  }

  /** Roles of {@code POST /api/v1/cases/{id}/exports}. */
  public boolean mayRequest() {
    return is(Role.ADMIN) || is(Role.SUPERVISOR) || is(Role.OFFICER) || is(Role.REVIEWER);
  }

  /** Roles of {@code POST /api/v1/exports/{id}/approval}. */
  public boolean mayDecide() {
    return is(Role.ADMIN) || is(Role.SUPERVISOR);
  }

  /** Roles of {@code GET /api/v1/exports/{id}/package}. */
  public boolean mayDownload() {
    return is(Role.ADMIN) || is(Role.SUPERVISOR) || is(Role.OFFICER) || is(Role.REVIEWER);
  }

  Row row(Export e) {
    boolean mine = e.requestedBy().equals(caller.id());
    Export.Progress p = e.progress();
    int percent =
        p.bytesTotal() > 0
            ? (int) Math.min(100, p.bytesDone() * 100 / p.bytesTotal())
            : p.filesTotal() > 0 ? Math.min(100, p.filesDone() * 100 / p.filesTotal()) : 0;
    if (e.state() == ExportState.READY) {
      percent = 100;
    }
    return new Row(
        e.id(),
        e.caseId(),
        caseNo(e),
        e.state().name(),
        name(e.requestedBy()),
        e.requestedAt(),
        e.purpose(),
        e.recipient(),
        e.includeDerived(),
        e.decidedBy() == null ? null : name(e.decidedBy()),
        e.decidedAt(),
        e.decisionReason(),
        p,
        percent,
        e.size(),
        e.sha256(),
        e.failure(),
        e.failedEvidenceId(),
        e.builtAt(),
        e.expiresAt(),
        e.expiredAt(),
        e.evidenceIds() == null ? 0 : e.evidenceIds().size(),
        mine,
        mayDecide() && !mine && e.state() == ExportState.PENDING_APPROVAL,
        mayDownload() && e.state() == ExportState.READY);
  }

  private String caseNo(Export e) {
    try {
      String no = json.readTree(e.dossierJson()).path("caseNo").asText("");
      return no.isEmpty() ? e.caseId().toString() : no;
    } catch (java.io.IOException | RuntimeException ex) {
      return e.caseId().toString();
    }
  }

  private String name(UUID user) {
    return names.computeIfAbsent(user, u -> users.byId(u).map(User::username).orElse(u.toString()));
  }

  private boolean is(Role role) {
    return caller.authenticated() && caller.role() == role;
  }
}
