package org.custodia.disclosure;

import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code case_disclosure}: what was recorded about one decision's disclosure. */
record DisclosureRecord(
    UUID caseId,
    UUID unitId,
    DecisionKind kind,
    LocalDate disclosedOn,
    LocalDate revokedOn,
    LocalDate withdrawnOn,
    UUID recordedBy) {}
