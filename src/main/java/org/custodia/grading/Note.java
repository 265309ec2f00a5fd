package org.custodia.grading;

import java.time.Instant;
import java.util.UUID;

/**
 * A timestamped note on a recording: at media time {@code atMs}, by its author, at {@code
 * createdAt}. Notes are records of the review, never edits of the evidence, and are never changed:
 * a later note of the same author may supersede one ({@code supersedes}/{@code supersededBy}).
 */
public record Note(
    UUID id,
    UUID evidenceId,
    UUID unitId,
    long atMs,
    String text,
    UUID authorId,
    Instant createdAt,
    UUID supersedes,
    UUID supersededBy) {}
