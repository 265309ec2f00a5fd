package org.custodia.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.media.MediaFacts;
import org.custodia.media.MediaService;
import org.custodia.security.Caller;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;
import org.custodia.support.Text;

/**
 * Timestamped notes on recordings. A note is kept exactly as written, with its author and time, and
 * never changed or deleted; its author may write a later note that supersedes it.
 */
@ApplicationScoped
@Transactional
public class NoteService {
  public static final int MAX_TEXT = 4000;

  private final NoteRepository notes;
  private final EvidenceService evidence;
  private final MediaService media;
  private final AuditService audit;
  private final Caller caller;

  NoteService(
      NoteRepository notes,
      EvidenceService evidence,
      MediaService media,
      AuditService audit,
      Caller caller) {
    this.notes = notes;
    this.evidence = evidence;
    this.media = media;
    this.audit = audit;
    this.caller = caller;
  }

  /**
   * Adds a note at media time {@code atMs} (0 to the recording's duration, when known) of a record
   * the caller may see; {@code supersedes}, when given, names an earlier note of the caller on the
   * same record that this one replaces.
   */
  public Note add(UUID evidenceId, long atMs, String text, UUID supersedes) {
    Evidence e = evidence.visible(evidenceId);
    if (atMs < 0) {
      throw CustodiaException.invalid("atMs", "atMs must be 0 or more");
    }
    Optional<Long> duration = media.facts(evidenceId).map(MediaFacts::durationMs);
    if (duration.isPresent() && atMs > duration.get()) {
      throw CustodiaException.invalid(
          "atMs", "atMs is after the end of the recording (" + duration.get() + " ms)");
    }
    Text.require("text", text);
    if (text == null || text.isBlank()) {
      throw CustodiaException.invalid("text", "text must not be blank");
    }
    if (text.length() > MAX_TEXT) {
      throw CustodiaException.invalid("text", "text must be at most " + MAX_TEXT + " characters");
    }
    if (supersedes != null) {
      Note earlier =
          notes
              .byId(supersedes)
              .filter(n -> n.evidenceId().equals(evidenceId))
              .orElseThrow(
                  () -> CustodiaException.invalid("supersedes", "no such note on this record"));
      if (!earlier.authorId().equals(caller.id())) {
        throw CustodiaException.invalid(
            "supersedes", "a note can only supersede an earlier note of its own author");
      }
      if (earlier.supersededBy() != null) {
        throw new CustodiaException(
            ProblemType.NOTE_SUPERSEDED, "the note is superseded already", "supersedes");
      }
    }
    Note note =
        new Note(
            Ids.newId(),
            evidenceId,
            e.unitId(),
            atMs,
            text,
            caller.id(),
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            supersedes,
            null);
    try {
      notes.insert(note);
    } catch (DatabaseException ex) {
      if (ex.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.NOTE_SUPERSEDED, "the note is superseded already", "supersedes");
      }
      throw ex;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("noteId", note.id().toString());
    details.put("atMs", atMs);
    if (supersedes != null) {
      details.put("supersedes", supersedes.toString());
    }
    audit.record("review.note-added", AuditEvent.Target.of("evidence", evidenceId), details);
    return note;
  }

  /** The notes of a record the caller may see, in media-time order. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Note> list(UUID evidenceId) {
    evidence.visible(evidenceId);
    return notes.forEvidence(evidenceId);
  }

  /** A note, whoever asks: for the rules of other services of this package. */
  @Transactional(Transactional.TxType.SUPPORTS)
  Optional<Note> find(UUID id) {
    return notes.byId(id);
  }
}
