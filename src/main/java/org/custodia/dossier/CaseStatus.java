package org.custodia.dossier;

/** Case status. DECIDED needs a decision date. */
public enum CaseStatus {
  OPEN,
  DECIDED,
  CLOSED,
  REVOKED
}
