package org.custodia.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;

/**
 * Enforcement units (行政执法单位): the scope every record and every unit-bound role lives in. The one
 * way other features learn about units.
 */
@ApplicationScoped
@Transactional
public class UnitService {
  private final UnitRepository units;
  private final AuditService audit;

  UnitService(UnitRepository units, AuditService audit) {
    this.units = units;
    this.audit = audit;
  }

  /** Creates a unit; its code is unique. */
  public Unit create(String code, String name) {
    Unit unit = new Unit(Ids.newId(), code, name, Instant.now());
    try {
      units.insert(unit);
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.DUPLICATE_UNIT_CODE, "a unit with this code exists", "code");
      }
      throw e;
    }
    audit.record(
        "unit.created", AuditEvent.Target.of("unit", unit.id()), Map.of("code", unit.code()));
    return unit;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean exists(UUID id) {
    return units.exists(id);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Unit> byId(UUID id) {
    return units.byId(id);
  }

  /** Units after {@code after} in id order, only {@code only} when set, matching {@code q}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Unit> list(UUID only, String q, UUID after, int limit) {
    return units.list(only, q, after, limit);
  }
}
