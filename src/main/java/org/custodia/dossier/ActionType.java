package org.custodia.dossier;

/**
 * Enforcement action. SEIZURE, DEMOLITION and CASE_HANDLING_SITE (an action inside a case-handling
 * site, 执法办案场所 — the regulation's 一(二) names the site beside the two actions) need full audio-video
 * recording; see docs/compliance.md.
 */
public enum ActionType {
  ON_SITE,
  EVIDENCE_GATHERING,
  SEIZURE,
  DEMOLITION,
  HEARING,
  LEFT_BEHIND_SERVICE,
  SERVICE_BY_ANNOUNCEMENT,
  CASE_HANDLING_SITE,
  OTHER
}
