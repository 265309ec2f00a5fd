package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A record of another unit answers "not found" (its id must not be probeable), and the refusal is
 * audited as a denial, so that probing another unit's records shows in the audit log.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OutOfScopeAuditTest {
  @Inject AgroalDataSource db;

  @Test
  void reading_another_units_evidence_is_a_404_audited_as_a_denial() throws Exception {
    UnitFixture owner = new UnitFixture();
    UUID evidence = owner.uploadSynthetic(4711, 64 * 1024, "video/mp4");
    UUID otherUnit = Api.createUnit(owner.admin, Api.unique("O"), "其他单位");
    String name = Api.unique("probe");
    UUID prober = Api.createUser(owner.admin, name, "OFFICER", otherUnit);
    String token = Api.login(name, Api.PASSWORD);
    List<String> paths = List.of("", "/content", "/receipt", "/receipt.json", "/jobs");
    for (String path : paths) {
      Api.as(token).get("/api/v1/evidence/" + evidence + path).then().statusCode(404);
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (denials(evidence).size() < paths.size() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<String> logged = denials(evidence);
    assertThat(logged).hasSize(paths.size());
    assertThat(logged)
        .allSatisfy(
            e ->
                assertThat(e)
                    .contains("\"kind\":\"USER\"")
                    .contains("\"id\":\"" + prober + "\"")
                    .contains("\"address\":\"127.0.0.1\"")
                    .contains("\"reason\":\"out-of-scope\"")
                    .contains("\"status\":404"));
    // the owner's own reads are not denials
    Api.as(owner.user("OFFICER")).get("/api/v1/evidence/" + evidence).then().statusCode(200);
    assertThat(denials(evidence)).hasSize(paths.size());
  }

  private List<String> denials(UUID evidence) {
    return Jdbc.list(
        db,
        "SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE event_type = 'access.denied'"
            + " AND target_type = 'evidence' AND target_id = ? ORDER BY id",
        rs -> rs.getString(1),
        evidence.toString());
  }
}
