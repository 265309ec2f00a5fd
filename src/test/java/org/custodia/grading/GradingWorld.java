package org.custodia.grading;

import static org.custodia.testing.Api.as;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;

/** Builds review fixtures through the real API. */
final class GradingWorld {
  private GradingWorld() {}

  /** A user of {@code role} (in {@code unit}, or none); returns id and token. */
  record Account(UUID id, String token) {}

  static Account account(String admin, String role, UUID unit) {
    String name = Api.unique(role.toLowerCase(java.util.Locale.ROOT));
    UUID id = Api.createUser(admin, name, role, unit);
    return new Account(id, Api.login(name, Api.PASSWORD));
  }

  static UUID company(String admin, UUID unit, String name) {
    return Api.organisation(admin, unit, name);
  }

  /** A decided case of {@code unit} against {@code subject}. */
  static UUID decidedCase(
      String admin, UUID unit, UUID subject, String type, LocalDate decisionDate) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("caseNo", Api.unique("评查-"));
    body.put("type", type);
    body.put("status", "DECIDED");
    body.put("title", "违法建设案");
    body.put("decisionDate", decisionDate.toString());
    body.put("subjectIds", List.of(subject.toString()));
    return UUID.fromString(
        as(admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id"));
  }

  static long audited(DataSource db, String type, Object target) {
    return UnitFixture.audited(db, type, target);
  }

  /** Runs one statement outside the service, as someone with database access would. */
  static SQLException directly(DataSource db, String sql, Object... args) {
    try (var c = db.getConnection();
        var ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, args);
      ps.executeUpdate();
      return null;
    } catch (SQLException e) {
      return e;
    }
  }
}
