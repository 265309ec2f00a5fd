package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.custodia.support.Jdbc;

/**
 * Administrators of the shared test database: runs a test as if the ones it names were the only
 * enabled ones, by disabling every other one directly in SQL and enabling them again afterwards.
 */
final class EnabledAdmins {
  private EnabledAdmins() {}

  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} with every enabled admin but {@code keep} disabled, then restores them. */
  static void only(DataSource db, List<UUID> keep, Body body) throws Exception {
    List<UUID> others;
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE app_user SET enabled = false WHERE role = 'ADMIN' AND enabled"
                    + " AND NOT (id = ANY (?)) RETURNING id")) {
      ps.setArray(1, c.createArrayOf("uuid", keep.toArray()));
      others = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          others.add(rs.getObject(1, UUID.class));
        }
      }
    }
    try {
      assertThat(enabledAdmins(db)).containsExactlyInAnyOrderElementsOf(keep);
      body.run();
    } finally {
      try (Connection c = db.getConnection();
          PreparedStatement ps =
              c.prepareStatement("UPDATE app_user SET enabled = true WHERE id = ANY (?)")) {
        ps.setArray(1, c.createArrayOf("uuid", others.toArray()));
        ps.executeUpdate();
      }
    }
  }

  static List<UUID> enabledAdmins(DataSource db) {
    return Jdbc.list(
        db,
        "SELECT id FROM app_user WHERE role = 'ADMIN' AND enabled",
        rs -> rs.getObject(1, UUID.class));
  }

  static boolean enabled(DataSource db, UUID id) {
    return Jdbc.one(db, "SELECT enabled FROM app_user WHERE id = ?", rs -> rs.getBoolean(1), id)
        .orElseThrow();
  }
}
