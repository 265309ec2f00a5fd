package org.custodia.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
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
import org.custodia.support.Text;

/**
 * Enforcement subjects. Identifiers are validated against their standard, stored as an HMAC (plus a
 * masked display form for persons, the clear code for organisations) and never logged or audited.
 */
@ApplicationScoped
@Transactional
public class SubjectService {
  private final SubjectRepository subjects;
  private final UnitService units;
  private final IdentifierHasher hasher;
  private final AuditService audit;
  private final Caller caller;
  private final ZoneId zone;

  SubjectService(
      SubjectRepository subjects,
      UnitService units,
      IdentifierHasher hasher,
      AuditService audit,
      Caller caller,
      RegistryConfig config) {
    this.subjects = subjects;
    this.units = units;
    this.hasher = hasher;
    this.audit = audit;
    this.caller = caller;
    this.zone = config.timeZone();
  }

  public Subject create(UUID unitId, SubjectKind kind, String name, String rawIdentifier) {
    if (!caller.sees(unitId) || !units.exists(unitId)) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
    String identifier = Identifiers.normalise(rawIdentifier);
    String problem =
        kind == SubjectKind.ORGANISATION
            ? Identifiers.usccProblem(identifier)
            : Identifiers.residentIdProblem(identifier, LocalDate.now(zone));
    if (problem != null) {
      throw CustodiaException.invalid("identifier", problem);
    }
    String display = kind == SubjectKind.ORGANISATION ? identifier : Identifiers.mask(identifier);
    Subject subject =
        new Subject(Ids.newId(), unitId, kind, Text.unpadded("name", name), display, Instant.now());
    try {
      subjects.insert(subject, hasher.hash(identifier));
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.DUPLICATE_SUBJECT,
            "the unit has a subject with this identifier",
            "identifier");
      }
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unitId", unitId.toString());
    details.put("kind", kind.name());
    audit.record("subject.created", AuditEvent.Target.of("subject", subject.id()), details);
    return subject;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Subject get(UUID id) {
    Subject subject = subjects.byId(id).orElseThrow(() -> CustodiaException.notFound("subject"));
    caller.requireSees(subject.unitId(), "subject", id);
    return subject;
  }

  /**
   * One page of subjects of {@code unit} (null: all) matching a name and, exactly, an identifier
   * (compared by its keyed hash: identifiers are not stored in clear).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Subject> list(
      UUID unit, String q, SubjectKind kind, String identifier, UUID after, int limit) {
    byte[] hmac = identifier == null || identifier.isBlank() ? null : hasher.hash(identifier);
    return Page.of(subjects.list(unit, q, kind, hmac, after, limit + 1), limit, Subject::id);
  }
}
