package org.custodia.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.support.Ids;
import org.custodia.support.Page;

/**
 * Reading the evidence index and linking records to their subject and case. A re-link supersedes
 * the current link (kept as history) and is audited with the old and the new link.
 */
@ApplicationScoped
@Transactional
public class EvidenceService {
  public static final String RULE_SUBJECT_NOT_IN_CASE = "subject-not-in-case";

  private final EvidenceRepository evidence;
  private final CaseRepository cases;
  private final SubjectRepository subjects;
  private final AuditService audit;
  private final Caller caller;
  private final jakarta.enterprise.inject.Instance<EvidenceDetails> details;
  private final jakarta.enterprise.event.Event<EvidenceLinked> linked;

  EvidenceService(
      EvidenceRepository evidence,
      CaseRepository cases,
      SubjectRepository subjects,
      AuditService audit,
      Caller caller,
      jakarta.enterprise.inject.Instance<EvidenceDetails> details,
      jakarta.enterprise.event.Event<EvidenceLinked> linked) {
    this.evidence = evidence;
    this.cases = cases;
    this.subjects = subjects;
    this.audit = audit;
    this.caller = caller;
    this.details = details;
    this.linked = linked;
  }

  /**
   * The record, provided the caller may see it; "not found" otherwise, so that ids of other units'
   * records cannot be probed. Without history or details.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Evidence visible(UUID id) {
    Evidence e = evidence.byId(id).orElseThrow(() -> CustodiaException.notFound("evidence"));
    caller.requireSees(e.unitId(), "evidence", id);
    return e;
  }

  /** The record whoever asks: for the service's own work (signing, media), never for a caller. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Evidence> find(UUID id) {
    return evidence.byId(id);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Evidence get(UUID id) {
    Evidence e = evidence.byId(id).orElseThrow(() -> CustodiaException.notFound("evidence"));
    caller.requireSees(e.unitId(), "evidence", id);
    Map<String, Object> more = new LinkedHashMap<>();
    for (EvidenceDetails d : details) {
      more.putAll(d.details(id));
    }
    return e.withHistory(evidence.links(id)).withDetails(more.isEmpty() ? null : more);
  }

  /** One page of the search; the filter must already carry the caller's unit scope. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Evidence> search(EvidenceQuery.Filter filter, UUID before, int limit) {
    return Page.of(evidence.search(filter, before, limit + 1), limit, Evidence::id);
  }

  /** The outcome of a link request: the current link and whether it changed. */
  public record Linked(EvidenceLink link, boolean changed) {}

  /**
   * Links a record to a subject and/or case of its unit (the ingest feature calls this for uploads
   * that name them). With only a case of exactly one subject, that subject is linked too.
   */
  public Linked link(UUID evidenceId, UUID subjectId, UUID caseId, String reason) {
    UUID unit =
        evidence.lockUnit(evidenceId).orElseThrow(() -> CustodiaException.notFound("evidence"));
    caller.requireSees(unit, "evidence", evidenceId);
    subjectId = checkLink(unit, subjectId, caseId);
    Optional<EvidenceLink> current = evidence.currentLink(evidenceId);
    if (current.isPresent()
        && Objects.equals(current.get().subjectId(), subjectId)
        && Objects.equals(current.get().caseId(), caseId)) {
      return new Linked(current.get(), false);
    }
    Instant now = Instant.now();
    current.ifPresent(c -> evidence.supersede(c.id(), now));
    EvidenceLink link =
        new EvidenceLink(
            Ids.newId(),
            evidenceId,
            subjectId,
            caseId,
            reason,
            now,
            caller.id() == null ? null : caller.id().toString(),
            null);
    evidence.insertLink(link);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("link", linkDetails(link));
    current.ifPresent(c -> details.put("previous", linkDetails(c)));
    audit.record(
        current.isPresent() ? "evidence.relinked" : "evidence.linked",
        AuditEvent.Target.of("evidence", evidenceId),
        details);
    linked.fire(
        new EvidenceLinked(
            evidenceId, subjectId, caseId, current.map(EvidenceLink::caseId).orElse(null)));
    return new Linked(link, true);
  }

  /**
   * Every link of a record, current and superseded, oldest first, whoever asks: for the service's
   * own work (retention), never for a caller.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<EvidenceLink> links(UUID id) {
    return evidence.links(id);
  }

  /**
   * Ids of the records that are or ever were linked to {@code caseId}, or to {@code subjectId} or a
   * case the subject is a party to (whichever is given): what a hold on a case or a subject covers.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<UUID> linkedTo(UUID caseId, UUID subjectId) {
    return evidence.linkedTo(caseId, subjectId);
  }

  /**
   * The subjects a record concerns: those it is or was linked to and the parties of the cases it is
   * or was linked to (what a hold on a subject reaches).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<UUID> subjectsOf(UUID id) {
    return evidence.subjectsOf(id);
  }

  /** Mirrors retention's class and hold into the record (shown with it). */
  public void mirrorRetention(UUID id, String retentionClass, boolean legalHold) {
    evidence.mirrorRetention(id, retentionClass, legalHold);
  }

  /**
   * The rules of {@link #link}, without writing: the case (when named) is of the unit and the
   * subject (when named) is a party to it, the subject is of the unit. Returns the subject the link
   * records: the one named, or the case's only subject. Throws as {@link #link} does. Ingest checks
   * an upload's links with it before taking a byte ({@link EvidenceIntake#checkLinks}); a refusal
   * does not mark the caller's transaction for rollback, so that a caller may still record why.
   */
  @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = CustodiaException.class)
  UUID checkLink(UUID unit, UUID subjectId, UUID caseId) {
    if (subjectId == null && caseId == null) {
      throw CustodiaException.invalid("subjectId", "name a subject, a case or both");
    }
    if (caseId != null) {
      cases
          .byId(caseId)
          .filter(c -> c.unitId().equals(unit))
          .orElseThrow(() -> CustodiaException.invalid("caseId", "no such case in the unit"));
      List<UUID> parties = cases.subjectIds(caseId);
      if (subjectId == null && parties.size() == 1) {
        subjectId = parties.get(0);
      } else if (subjectId != null && !parties.contains(subjectId)) {
        throw new CustodiaException(
            ProblemType.SUBJECT_NOT_IN_CASE, "the subject is not a party to the case", "subjectId");
      }
    }
    if (subjectId != null) {
      subjects
          .byId(subjectId)
          .filter(s -> s.unitId().equals(unit))
          .orElseThrow(() -> CustodiaException.invalid("subjectId", "no such subject in the unit"));
    }
    return subjectId;
  }

  /** Ids only: the reason is free text and may name people, so it stays in the link row. */
  private static Map<String, Object> linkDetails(EvidenceLink link) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("linkId", link.id().toString());
    if (link.subjectId() != null) {
      m.put("subjectId", link.subjectId().toString());
    }
    if (link.caseId() != null) {
      m.put("caseId", link.caseId().toString());
    }
    return m;
  }
}
