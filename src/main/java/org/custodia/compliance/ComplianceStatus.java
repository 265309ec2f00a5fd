package org.custodia.compliance;

/** A dossier's compliance: no open finding, open warnings only, or an open violation. */
public enum ComplianceStatus {
  COMPLIANT,
  WARNINGS,
  VIOLATIONS
}
