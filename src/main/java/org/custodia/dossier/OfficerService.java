package org.custodia.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.UnitService;
import org.custodia.security.User;
import org.custodia.security.UserService;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;
import org.custodia.support.Page;
import org.custodia.support.Text;

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
  private final UserService users;
  private final AuditService audit;
  private final Caller caller;
  private final ZoneId zone;

  OfficerService(
      OfficerRepository officers,
      UnitService units,
      UserService users,
      AuditService audit,
      Caller caller,
      RegistryConfig config) {
    this.officers = officers;
    this.units = units;
    this.users = users;
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
            Text.unpadded("name", n.name()),
            n.role(),
            n.certificateNo(),
            n.certificateStatus(),
            n.certificateValidFrom(),
            n.certificateValidUntil(),
            nextReview,
            now,
            null);
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
            change.reason(),
            Instant.now(),
            actorId()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", String.valueOf(officer.certificateStatus()));
    details.put("to", change.status().name());
    details.put("historyId", eventId.toString());
    audit.record("officer.certificate-changed", AuditEvent.Target.of("officer", id), details);
    return officers.byId(id).orElseThrow();
  }

  /**
   * Links the user account {@code userId} to the officer (null: unlinks it), with a reason. Only an
   * enabled-or-not OFFICER-role account of the officer's own unit may be linked (400 naming {@code
   * userId} otherwise); an account already acting as another officer is refused with {@link
   * ProblemType#ACCOUNT_ALREADY_LINKED} (409). Audited as {@code officer.account-linked} or {@code
   * officer.account-unlinked}; asking for the link the officer already has changes and records
   * nothing.
   */
  public Officer linkAccount(UUID id, UUID userId, String reason) {
    Officer officer = officers.lock(id).orElseThrow(() -> CustodiaException.notFound("officer"));
    caller.requireSees(officer.unitId(), "officer", id);
    if (java.util.Objects.equals(officer.userId(), userId)) {
      return officer;
    }
    if (userId != null) {
      User user =
          users.byId(userId).orElseThrow(() -> CustodiaException.invalid("userId", "no such user"));
      if (user.role() != Role.OFFICER) {
        throw CustodiaException.invalid(
            "userId", "only an account with the OFFICER role can act as an officer");
      }
      if (!officer.unitId().equals(user.unitId())) {
        throw CustodiaException.invalid("userId", "the account belongs to another unit");
      }
      officers
          .byUser(userId)
          .ifPresent(
              other -> {
                throw new CustodiaException(
                    ProblemType.ACCOUNT_ALREADY_LINKED,
                    "the account already acts as another officer; unlink it there first",
                    "userId");
              });
    }
    try {
      officers.updateUser(id, userId);
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.ACCOUNT_ALREADY_LINKED,
            "the account already acts as another officer; unlink it there first",
            "userId");
      }
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (userId != null) {
      details.put("userId", userId.toString());
    }
    if (officer.userId() != null) {
      details.put("previousUserId", officer.userId().toString());
    }
    details.put("reason", reason);
    audit.record(
        userId == null ? "officer.account-unlinked" : "officer.account-linked",
        AuditEvent.Target.of("officer", id),
        details);
    return officers.byId(id).orElseThrow();
  }

  /** The officer the caller's account acts as, if an administrator linked one. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Optional<Officer> ofCaller() {
    UUID id = caller.id();
    if (id == null || caller.role() != Role.OFFICER) {
      return java.util.Optional.empty();
    }
    // a link made while the account was in the officer's unit stops counting if it moves
    return officers.byUser(id).filter(o -> o.unitId().equals(caller.unitId()));
  }

  /**
   * The officer the caller acts as, for the "mine" filter; a caller with none linked is a 400
   * naming {@code field}.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Officer requireOwn(String field) {
    return ofCaller()
        .orElseThrow(
            () ->
                CustodiaException.invalid(
                    field,
                    "no officer is linked to your account; an administrator can link it on the"
                        + " officer's page"));
  }

  /**
   * An officer whoever asks: for the service's own work (the four-property check, compliance),
   * never for a caller.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Officer> find(UUID id) {
    return officers.byId(id);
  }

  /**
   * An officer's certificate history, oldest first, whoever asks: for the service's own work
   * (compliance), never for a caller.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CertificateEvent> historyOf(UUID id) {
    return officers.history(id);
  }

  /** The registry's time zone: the day on which a certificate's validity is judged. */
  public ZoneId zone() {
    return zone;
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
