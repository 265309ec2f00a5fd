package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditTransactionTest {
  @Inject AuditProbe probe;
  @Inject AgroalDataSource dataSource;

  @Test
  void an_event_rolls_back_with_its_failed_state_change() {
    UUID id = UUID.randomUUID();
    assertThatThrownBy(() -> probe.createUnit(id, Api.unique("rb"), true))
        .isInstanceOf(IllegalStateException.class);

    assertThat(count("SELECT count(*) FROM unit WHERE id = ?", id)).isZero();
    assertThat(count("SELECT count(*) FROM audit_entry WHERE target_id = ?", id.toString()))
        .isZero();
  }

  @Test
  void an_event_commits_with_its_state_change() {
    UUID id = UUID.randomUUID();
    probe.createUnit(id, Api.unique("ok"), false);

    assertThat(count("SELECT count(*) FROM unit WHERE id = ?", id)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_entry WHERE target_id = ?", id.toString()))
        .isEqualTo(1);
  }

  private long count(String sql, Object arg) {
    return Jdbc.one(dataSource, sql, rs -> rs.getLong(1), arg).orElseThrow();
  }
}
