package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.custodia.testing.Api;
import org.custodia.testing.EmbeddedServicesResource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The verifier against a log tampered with directly in the database. Each test tampers with a
 * scratch copy of the audit tables (its own schema, copied from one snapshot), so the shared log
 * other tests use is never touched.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditVerifierTest {
  static final String[] TABLES = {
    "audit_entry", "audit_node", "audit_tree_head", "audit_checkpoint"
  };

  @Inject AgroalDataSource dataSource;
  @Inject AuditLog log;
  @Inject AuditProbe probe;

  String schema;
  PublicKey publicKey;
  long size;

  @BeforeEach
  void copy_the_log_into_a_scratch_schema() throws Exception {
    for (int i = 0; i < 12; i++) {
      probe.record("test.verifier");
    }
    log.checkpointNow();
    publicKey =
        AuditVerifier.readPublicKey(
            EmbeddedServicesResource.dataDir().resolve(Path.of("keys", "audit-checkpoint.pem")));
    schema = Api.unique("scratch_").replace('-', '_');
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
        for (String table : TABLES) {
          s.execute(
              "CREATE TABLE "
                  + schema
                  + "."
                  + table
                  + " (LIKE public."
                  + table
                  + " INCLUDING ALL)");
          s.execute("INSERT INTO " + schema + "." + table + " SELECT * FROM public." + table);
        }
      }
      c.commit();
    }
    size = TreeStorageAccess.size(dataSource, schema);
    assertThat(size).isGreaterThanOrEqualTo(12);
  }

  @AfterEach
  void drop_the_scratch_schema() throws SQLException {
    if (schema == null) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void an_untouched_log_verifies() throws SQLException {
    AuditVerifier.Report report = verify();
    assertThat(report.findings()).isEmpty();
    assertThat(report.treeSize()).isEqualTo(size);
    assertThat(report.checkpoints()).isPositive();
  }

  @Test
  void the_live_log_verifies() throws SQLException {
    try (Connection c = scratch();
        Statement s = c.createStatement()) {
      s.execute("SET search_path TO public");
      assertThat(AuditVerifier.verify(c, publicKey).findings()).isEmpty();
    }
  }

  @Test
  void an_edited_entry_is_named_by_its_index() throws SQLException {
    long k = size / 2;
    sql(
        "UPDATE audit_entry SET entry = entry || ?::bytea WHERE leaf_index = ?",
        " ".getBytes(StandardCharsets.UTF_8),
        k);

    assertThat(verify().firstDivergentIndex()).hasValue(k);
  }

  @Test
  void an_entry_edited_together_with_its_leaf_hash_is_named_by_its_index() throws SQLException {
    long k = size / 3;
    sql(
        "UPDATE audit_entry SET entry = convert_to('{\"v\":1,\"type\":\"forged\"}', 'UTF8'),"
            + " leaf_hash = sha256('\\x00'::bytea || convert_to('{\"v\":1,\"type\":\"forged\"}',"
            + " 'UTF8')) WHERE leaf_index = ?",
        k);

    AuditVerifier.Report report = verify();
    assertThat(report.firstDivergentIndex()).hasValue(k);
    assertThat(report.findings()).extracting(AuditVerifier.Finding::kind).contains("leaf-node");
  }

  @Test
  void a_whole_rewritten_tree_is_caught_by_the_signed_checkpoints() throws SQLException {
    long k = size - 2;
    // the forger rewrites entry, leaf hash and every stored node and the tree head consistently
    sql("UPDATE audit_entry SET entry = entry || ' '::bytea WHERE leaf_index = ?", k);
    sql(
        "UPDATE audit_entry SET leaf_hash = sha256('\\x00'::bytea || entry) WHERE leaf_index = ?",
        k);
    sql("DELETE FROM audit_node");
    try (Connection c = scratch()) {
      c.setAutoCommit(false);
      sql(c, "UPDATE audit_entry SET leaf_index = NULL");
      sql(c, "UPDATE audit_tree_head SET tree_size = 0, root_hash = sha256(''::bytea)");
      c.commit();
    }
    try (Connection c = scratch()) {
      c.setAutoCommit(false);
      // the advisory lock is cluster-wide: wait while the live integrator holds it
      AuditIntegrator.Result r;
      do {
        r = AuditIntegrator.integrateBatch(c, 5000);
        c.commit();
      } while (r.lockBusy() || r.integrated() > 0);
    }

    AuditVerifier.Report report = verify();
    assertThat(report.findings())
        .extracting(AuditVerifier.Finding::kind)
        .contains("checkpoint-root");
    assertThat(report.firstDivergentIndex().orElseThrow()).isLessThanOrEqualTo(k);
  }

  @Test
  void a_deleted_entry_is_reported_as_a_gap_at_its_index() throws SQLException {
    long k = size / 2;
    sql("DELETE FROM audit_entry WHERE leaf_index = ?", k);

    AuditVerifier.Report report = verify();
    assertThat(report.firstDivergentIndex()).hasValue(k);
    assertThat(report.findings().get(0).kind()).isEqualTo("gap");
  }

  @Test
  void swapped_entries_are_named_by_the_first_index() throws SQLException {
    long a = size / 4 + 1;
    long b = size - 3;
    try (Connection c = scratch()) {
      c.setAutoCommit(false);
      sql(c, "UPDATE audit_entry SET leaf_index = NULL WHERE leaf_index = ?", a);
      sql(c, "UPDATE audit_entry SET leaf_index = ? WHERE leaf_index = ?", a, b);
      sql(
          c,
          "UPDATE audit_entry SET leaf_index = ? WHERE leaf_index IS NULL AND id = "
              + "(SELECT id FROM public.audit_entry WHERE leaf_index = ?)",
          b,
          a);
      c.commit();
    }

    assertThat(verify().firstDivergentIndex()).hasValue(a);
  }

  private AuditVerifier.Report verify() throws SQLException {
    try (Connection c = scratch()) {
      return AuditVerifier.verify(c, publicKey);
    }
  }

  /** A connection of its own (not from the pool, whose connections must keep their path). */
  private Connection scratch() throws SQLException {
    Config config = ConfigProvider.getConfig();
    Connection c =
        DriverManager.getConnection(
            config.getValue("quarkus.datasource.jdbc.url", String.class),
            config.getValue("quarkus.datasource.username", String.class),
            config.getValue("quarkus.datasource.password", String.class));
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
    }
    return c;
  }

  private void sql(String sql, Object... args) throws SQLException {
    try (Connection c = scratch()) {
      sql(c, sql, args);
    }
  }

  private static void sql(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      org.custodia.support.Jdbc.bind(ps, args);
      ps.executeUpdate();
    }
  }

  /** Tree size of the scratch copy. */
  static final class TreeStorageAccess {
    static long size(AgroalDataSource dataSource, String schema) throws SQLException {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT tree_size FROM " + schema + ".audit_tree_head")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
