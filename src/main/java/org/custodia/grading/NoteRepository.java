package org.custodia.grading;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Notes on recordings (JDBC); insert only, the trigger review_note_immutable refuses the rest. */
@ApplicationScoped
public class NoteRepository {
  private static final String COLUMNS =
      "n.id, n.evidence_id, n.unit_id, n.at_ms, n.text, n.author_id, n.created_at, n.supersedes,"
          + " (SELECT s.id FROM review_note s WHERE s.supersedes = n.id)";

  private final AgroalDataSource db;

  NoteRepository(AgroalDataSource db) {
    this.db = db;
  }

  public void insert(Note n) {
    Jdbc.update(
        db,
        "INSERT INTO review_note (id, evidence_id, unit_id, at_ms, text, author_id, created_at,"
            + " supersedes) VALUES (?,?,?,?,?,?,?,?)",
        n.id(),
        n.evidenceId(),
        n.unitId(),
        n.atMs(),
        n.text(),
        n.authorId(),
        n.createdAt(),
        n.supersedes());
  }

  public Optional<Note> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM review_note n WHERE n.id = ?", NoteRepository::row, id);
  }

  /** The notes of a recording in media-time order (then in the order written). */
  public List<Note> forEvidence(UUID evidenceId) {
    return Jdbc.list(
        db,
        "SELECT " + COLUMNS + " FROM review_note n WHERE n.evidence_id = ? ORDER BY n.at_ms, n.id",
        NoteRepository::row,
        evidenceId);
  }

  private static Note row(ResultSet rs) throws SQLException {
    return new Note(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getLong(4),
        rs.getString(5),
        rs.getObject(6, UUID.class),
        Jdbc.instant(rs, 7),
        rs.getObject(8, UUID.class),
        rs.getObject(9, UUID.class));
  }
}
