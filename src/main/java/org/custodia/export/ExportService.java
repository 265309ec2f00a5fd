package org.custodia.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.audit.ViewingAudit;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceQuery;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.storage.BucketRole;
import org.custodia.support.Ids;
import org.custodia.support.Page;

/**
 * Export requests and their approval: who may ask, who may decide, what each sees. Every request,
 * decision and download is audited with the export's purpose and recipient.
 */
@ApplicationScoped
public class ExportService {
  /** Most records one export packages. */
  static final int MAX_RECORDS = 10_000;

  private final ExportRepository exports;
  private final CaseService cases;
  private final EvidenceService evidence;
  private final Caller caller;
  private final AuditService audit;
  private final ViewingAudit viewings;
  private final ExportConfig config;
  private final ObjectMapper json;

  ExportService(
      ExportRepository exports,
      CaseService cases,
      EvidenceService evidence,
      Caller caller,
      AuditService audit,
      ViewingAudit viewings,
      ExportConfig config,
      ObjectMapper json) {
    this.exports = exports;
    this.cases = cases;
    this.evidence = evidence;
    this.caller = caller;
    this.audit = audit;
    this.viewings = viewings;
    this.config = config;
    this.json = json;
  }

  /**
   * Requests an export of a visible case: the case facts and the records linked to it now are what
   * will be packaged. Without required approval it goes straight to the package job.
   */
  public Export request(UUID caseId, String purpose, String recipient, boolean includeDerived) {
    return request(caseId, purpose, recipient, includeDerived, null);
  }

  /**
   * As {@link #request(UUID, String, String, boolean)}, with the custody report's language ({@code
   * zh-CN} or {@code en}; null: the deployment's default).
   */
  @Transactional
  public Export request(
      UUID caseId,
      String purpose,
      String recipient,
      boolean includeDerived,
      String reportLanguage) {
    String language = reportLanguage == null ? config.reportLanguage() : reportLanguage;
    if (!language.equals("zh-CN") && !language.equals("en")) {
      throw CustodiaException.invalid("reportLanguage", "must be zh-CN or en");
    }
    CaseRecords.Dossier dossier = cases.get(caseId);
    EvidenceQuery.Filter filter =
        EvidenceQuery.Filter.builder()
            .caseId(caseId)
            .unitId(caller.global() ? null : caller.unitId())
            .build();
    Page<Evidence> page = evidence.search(filter, null, MAX_RECORDS);
    if (page.nextCursor() != null) {
      throw CustodiaException.invalid(
          "caseId",
          "the case has more than " + MAX_RECORDS + " records, more than one export packages");
    }
    List<UUID> ids = page.items().stream().map(Evidence::id).sorted().toList();
    long bytes = page.items().stream().mapToLong(Evidence::size).sum();
    UUID id = Ids.newId();
    ExportState state =
        config.approvalRequired() ? ExportState.PENDING_APPROVAL : ExportState.BUILDING;
    String facts;
    try {
      facts = json.writeValueAsString(dossier);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    exports.insert(
        id,
        caseId,
        dossier.unitId(),
        caller.id(),
        purpose.strip(),
        recipient.strip(),
        includeDerived,
        language,
        facts,
        ids,
        state,
        bytes);
    Export e = exports.byId(id).orElseThrow();
    Map<String, Object> details = facts(e);
    details.put("caseId", caseId.toString());
    details.put("records", ids.size());
    details.put("includeDerived", includeDerived);
    details.put("reportLanguage", language);
    details.put("state", state.name());
    audit.record("export.requested", target(id), details);
    return e;
  }

  /**
   * A second person's decision: a SUPERVISOR or ADMIN who may see the case's unit, never the
   * requester, once.
   */
  @Transactional
  public Export decide(UUID id, boolean approve, String reason) {
    Export e = exports.lock(id).orElseThrow(() -> CustodiaException.notFound("export"));
    caller.requireSees(e.unitId(), "export", id);
    if (caller.role() != Role.SUPERVISOR && caller.role() != Role.ADMIN) {
      throw new CustodiaException(
          ProblemType.FORBIDDEN, "only a supervisor or an administrator decides");
    }
    if (e.requestedBy().equals(caller.id())) {
      throw new CustodiaException(
          ProblemType.SELF_APPROVAL, "the requester of an export cannot decide on it");
    }
    if (reason == null || reason.isBlank()) {
      throw CustodiaException.invalid("reason", "a decision states its reason");
    }
    if (e.state() != ExportState.PENDING_APPROVAL
        || !exports.decide(id, approve, caller.id(), reason)) {
      throw new CustodiaException(
          ProblemType.EXPORT_DECIDED,
          "the export is " + e.state().name() + ", not pending approval");
    }
    Map<String, Object> details = facts(e);
    details.put("reason", reason);
    audit.record(approve ? "export.approved" : "export.refused", target(id), details);
    return exports.byId(id).orElseThrow();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Export get(UUID id) {
    Export e = exports.byId(id).orElseThrow(() -> CustodiaException.notFound("export"));
    caller.requireSees(e.unitId(), "export", id);
    return e;
  }

  /** The exports of a visible case, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Export> ofCase(UUID caseId) {
    cases.get(caseId);
    return exports.byCase(caseId);
  }

  /** Exports waiting for a decision in the units the caller sees (the approval queue). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Export> pending() {
    return exports.pending(caller.global() ? null : caller.unitId(), 500);
  }

  /**
   * The most recent exports the caller may see (their unit's, or every unit's for a global role),
   * newest first, in any of {@code states} (empty: every state). For the browser's export list.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Export> recent(java.util.Set<ExportState> states, int limit) {
    return exports.recent(
        caller.global() ? null : caller.unitId(),
        states.stream().map(Enum::name).toList(),
        Math.max(1, Math.min(limit, 500)));
  }

  /**
   * How many pending exports the caller could decide: 0 unless a SUPERVISOR or ADMIN; never counts
   * the caller's own requests. For the navigation badge.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long decidable() {
    if (!caller.authenticated()
        || (caller.role() != Role.SUPERVISOR && caller.role() != Role.ADMIN)) {
      return 0;
    }
    return exports.countPending(caller.global() ? null : caller.unitId(), caller.id());
  }

  /** What a download serves. */
  public record Package(UUID id, String key, String version, long size, String sha256) {
    public String etag() {
      return "\"" + sha256 + "\"";
    }

    public BucketRole bucket() {
      return BucketRole.DERIVED;
    }
  }

  /** The package of a visible export: 409 while not built, 410 once expired. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Package pkg(UUID id) {
    Export e = get(id);
    return switch (e.state()) {
      case READY -> new Package(id, e.objectKey(), e.objectVersion(), e.size(), e.sha256());
      case EXPIRED ->
          throw new CustodiaException(
              ProblemType.EXPORT_EXPIRED, "the package expired on " + e.expiredAt());
      default ->
          throw new CustodiaException(
              ProblemType.EXPORT_NOT_READY, "the export is " + e.state().name());
    };
  }

  /** Audits the first request of the caller's download session of a package. */
  public void downloaded(UUID id, String range) {
    Export e = exports.byId(id).orElseThrow();
    viewings.recordOnce(
        "export.downloaded",
        target(id),
        () -> {
          Map<String, Object> details = facts(e);
          details.put("sha256", e.sha256());
          details.put("size", e.size());
          if (range != null) {
            details.put("firstRange", range);
          }
          return details;
        });
  }

  /** For tests and operators: a READY export due for expiry at once. */
  void expireNow(UUID id) {
    QuarkusTransaction.requiringNew().run(() -> exports.dueNow(id));
  }

  static Map<String, Object> facts(Export e) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("purpose", e.purpose());
    details.put("recipient", e.recipient());
    return details;
  }

  static AuditEvent.Target target(UUID id) {
    return AuditEvent.Target.of("export", id);
  }
}
