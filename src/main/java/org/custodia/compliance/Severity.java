package org.custodia.compliance;

/** How grave a finding is: a breach of a mandatory rule, or of a recommendation. */
public enum Severity {
  VIOLATION,
  WARNING
}
