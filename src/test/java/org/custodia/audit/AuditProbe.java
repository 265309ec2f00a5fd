package org.custodia.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** A state change plus its audit event in one transaction, for the atomicity tests. */
@ApplicationScoped
class AuditProbe {
  private final AgroalDataSource dataSource;
  private final AuditService audit;

  AuditProbe(AgroalDataSource dataSource, AuditService audit) {
    this.dataSource = dataSource;
    this.audit = audit;
  }

  @Transactional
  void createUnit(UUID id, String code, boolean failAfterwards) {
    Jdbc.update(
        dataSource, "INSERT INTO unit (id, code, name) VALUES (?, ?, ?)", id, code, "probe");
    audit.recordSystem("unit.created", AuditEvent.Target.of("unit", id), Map.of("code", code));
    if (failAfterwards) {
      throw new IllegalStateException("failure after the state change");
    }
  }

  @Transactional
  void record(String type) {
    audit.recordSystem(type, null, null);
  }
}
