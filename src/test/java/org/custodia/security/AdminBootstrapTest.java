package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AdminBootstrapTest {
  @Inject AdminBootstrap bootstrap;
  @Inject AgroalDataSource db;

  @Test
  void the_bootstrap_ran_once_and_does_not_run_again() throws Exception {
    assertThat(scalar("SELECT count(*) FROM bootstrap")).isEqualTo(1);
    assertThat(scalar("SELECT count(*) FROM app_user WHERE username = 'admin'")).isEqualTo(1);
    assertThat(bootstrap.bootstrap()).isFalse();
    assertThat(scalar("SELECT count(*) FROM app_user WHERE username = 'admin'")).isEqualTo(1);
    assertThat(scalar("SELECT count(*) FROM audit_entry WHERE event_type = 'user.bootstrapped'"))
        .isEqualTo(1);
  }

  @Test
  void the_bootstrap_never_runs_again_even_when_the_users_are_gone() throws Exception {
    // simulate an operator emptying the user table by hand: the one-row claim still blocks it
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("CREATE TEMP TABLE saved_users AS SELECT * FROM app_user");
      s.executeUpdate("ALTER TABLE app_user DISABLE TRIGGER ALL");
      s.executeUpdate("DELETE FROM app_user");
      c.commit();
      try {
        assertThat(bootstrap.bootstrap()).isFalse();
        assertThat(scalar("SELECT count(*) FROM app_user")).isZero();
      } finally {
        s.executeUpdate("INSERT INTO app_user SELECT * FROM saved_users");
        s.executeUpdate("ALTER TABLE app_user ENABLE TRIGGER ALL");
        c.commit();
      }
    }
    Api.adminToken();
  }

  @Test
  void the_bootstrap_password_is_never_stored_in_clear() throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT password_hash FROM app_user WHERE username = 'admin'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1))
          .startsWith("$argon2id$")
          .doesNotContain(org.custodia.testing.EmbeddedServicesResource.ADMIN_PASSWORD);
    }
  }

  private long scalar(String sql) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
