package org.custodia.dossier;

import java.time.Instant;
import java.util.UUID;

/**
 * An enforcement subject as shown: {@code identifier} is the organisation's unified social credit
 * code, or the person's masked resident ID number (the full number is never stored).
 */
public record Subject(
    UUID id, UUID unitId, SubjectKind kind, String name, String identifier, Instant createdAt) {}
