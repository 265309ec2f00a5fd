package org.custodia.compliance;

/**
 * Findings of one rule and severity first seen in a period, as they stood at its end: how many, how
 * many were acknowledged by then, how many were still open then.
 */
public record FindingCount(
    String rule, String severity, long found, long acknowledged, long open) {}
