package org.custodia.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.UnitService;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;
import org.custodia.support.Page;

/**
 * Officers and auxiliary staff, their certificates (red/yellow/green, yearly review) and the rule
 * every other feature relies on: only certified, non-auxiliary officers act as the responsible
 * officer ({@link #requireEnforcing}).
 */
@ApplicationScoped
@Transactional
public class OfficerService {
  public static final String RULE_UNKNOWN = "officer-unknown";
  public static final String RULE_AUXILIARY = "auxiliary-not-responsible";
  public static final String RULE_NOT_CERTIFIED = "officer-not-certified";

  private final OfficerRepository officers;
  private final UnitService units;
  private final AuditService audit;
  private final Caller caller;
  private final ZoneId zone;

  OfficerService(
      OfficerRepository officers,
      UnitService units,
      AuditService audit,
      Caller caller,
      RegistryConfig config) {
    this.officers = officers;
    this.units = units;
    this.audit = audit;
    this.caller = caller;
    this.zone = config.timeZone();
  }

  /** A new officer, validated by the resource. */
  public record NewOfficer(
      UUID unitId,
      String name,
      OfficerRole role,
      String certificateNo,
      CertificateStatus certificateStatus,
      LocalDate certificateValidFrom,
      LocalDate certificateValidUntil,
      LocalDate nextReviewDate) {}

  public Officer create(NewOfficer n) {
    if (!units.exists(n.unitId())) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
    if (n.role() == OfficerRole.OFFICER) {
      if (n.certificateNo() == null) {
        throw CustodiaException.invalid("certificateNo", "an officer needs a certificate number");
      }
      if (n.certificateStatus() == null) {
        throw CustodiaException.invalid(
            "certificateStatus", "an officer needs a certificate status");
      }
      if (n.certificateValidUntil() == null) {
        throw CustodiaException.invalid(
            "certificateValidUntil", "an officer's certificate needs an end of validity");
      }
    }
    checkWindow(n.certificateValidFrom(), n.certificateValidUntil());
    Instant now = Instant.now();
    LocalDate nextReview =
        n.nextReviewDate() != null
            ? n.nextReviewDate()
            : n.certificateStatus() == null ? null : LocalDate.now(zone).plusYears(1);
    Officer officer =
        new Officer(
            Ids.newId(),
            n.unitId(),
            n.name().strip(),
            n.role(),
            n.certificateNo(),
            n.certificateStatus(),
            n.certificateValidFrom(),
            n.certificateValidUntil(),
            nextReview,
            now);
    try {
      officers.insert(officer);
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.DUPLICATE_CERTIFICATE_NO,
            "an officer with this certificate number exists",
            "certificateNo");
      }
      throw e;
    }
    if (officer.certificateStatus() != null) {
      officers.insertEvent(
          new CertificateEvent(
              Ids.newId(),
              officer.id(),
              null,
              officer.certificateStatus(),
              officer.certificateValidFrom(),
              officer.certificateValidUntil(),
              officer.nextReviewDate(),
              "registered",
              now,
              actorId()));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unitId", officer.unitId().toString());
    details.put("role", officer.role().name());
    if (officer.certificateStatus() != null) {
      details.put("certificateStatus", officer.certificateStatus().name());
    }
    audit.record("officer.created", AuditEvent.Target.of("officer", officer.id()), details);
    return officer;
  }

  /** A certificate change; null dates keep the current ones. */
  public record CertificateChange(
      CertificateStatus status,
      LocalDate validFrom,
      LocalDate validUntil,
      LocalDate nextReviewDate,
      String reason) {}

  public Officer changeCertificate(UUID id, CertificateChange change) {
    Officer officer = officers.lock(id).orElseThrow(() -> CustodiaException.notFound("officer"));
    caller.requireSees(officer.unitId(), "officer", id);
    if (officer.role() == OfficerRole.AUXILIARY) {
      throw new CustodiaException(
          ProblemType.AUXILIARY_NOT_RESPONSIBLE,
          "Auxiliary staff hold no enforcement certificate",
          "auxiliary staff hold no enforcement certificate",
          "status");
    }
    LocalDate from =
        change.validFrom() != null ? change.validFrom() : officer.certificateValidFrom();
    LocalDate until =
        change.validUntil() != null ? change.validUntil() : officer.certificateValidUntil();
    LocalDate review =
        change.nextReviewDate() != null ? change.nextReviewDate() : officer.nextReviewDate();
    checkWindow(from, until);
    officers.updateCertificate(id, change.status(), from, until, review);
    UUID eventId = Ids.newId();
    officers.insertEvent(
        new CertificateEvent(
            eventId,
            id,
            officer.certificateStatus(),
            change.status(),
            from,
            until,
            review,
            change.reason().strip(),
            Instant.now(),
            actorId()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", String.valueOf(officer.certificateStatus()));
    details.put("to", change.status().name());
    details.put("historyId", eventId.toString());
    audit.record("officer.certificate-changed", AuditEvent.Target.of("officer", id), details);
    return officers.byId(id).orElseThrow();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Officer get(UUID id) {
    Officer officer = officers.byId(id).orElseThrow(() -> CustodiaException.notFound("officer"));
    caller.requireSees(officer.unitId(), "officer", id);
    return officer;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CertificateEvent> history(UUID id) {
    get(id);
    return officers.history(id);
  }

  /**
   * Requires that {@code officerId} may be the responsible officer of an action at {@code at}: the
   * officer exists, is not auxiliary staff, holds a GREEN or YELLOW certificate, and the
   * certificate is valid on that day (in the registry's time zone).
   *
   * @throws CustodiaException 422 {@value #RULE_UNKNOWN}, {@value #RULE_AUXILIARY} or {@value
   *     #RULE_NOT_CERTIFIED}
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Officer requireEnforcing(UUID officerId, Instant at) {
    return requireEnforcing(officerId, at, "officerId");
  }

  /** As {@link #requireEnforcing(UUID, Instant)}, naming {@code field} in the problem. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Officer requireEnforcing(UUID officerId, Instant at, String field) {
    Officer officer =
        officers
            .byId(officerId)
            .orElseThrow(
                () -> new CustodiaException(ProblemType.OFFICER_UNKNOWN, "no such officer", field));
    if (officer.role() == OfficerRole.AUXILIARY) {
      throw new CustodiaException(
          ProblemType.AUXILIARY_NOT_RESPONSIBLE,
          "auxiliary staff (执法辅助人员) may not act as the responsible officer",
          field);
    }
    CertificateStatus status = officer.certificateStatus();
    if (status != CertificateStatus.GREEN && status != CertificateStatus.YELLOW) {
      throw new CustodiaException(
          ProblemType.OFFICER_NOT_CERTIFIED,
          "the officer's enforcement certificate is " + status,
          field);
    }
    LocalDate day = at.atZone(zone).toLocalDate();
    if ((officer.certificateValidFrom() != null && day.isBefore(officer.certificateValidFrom()))
        || day.isAfter(officer.certificateValidUntil())) {
      throw new CustodiaException(
          ProblemType.OFFICER_NOT_CERTIFIED,
          "the officer's enforcement certificate is not valid on " + day,
          field);
    }
    return officer;
  }

  private static void checkWindow(LocalDate from, LocalDate until) {
    if (from != null && until != null && until.isBefore(from)) {
      throw CustodiaException.invalid(
          "certificateValidUntil", "the certificate must end on or after its start");
    }
  }

  private String actorId() {
    UUID id = caller.id();
    return id == null ? null : id.toString();
  }

  /** One page of officers of {@code unit} (null: all), filtered by name, role and certificate. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Officer> list(
      UUID unit, String q, OfficerRole role, CertificateStatus status, UUID after, int limit) {
    return Page.of(officers.list(unit, q, role, status, after, limit + 1), limit, Officer::id);
  }
}
