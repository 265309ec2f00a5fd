package org.custodia.dossier;

/** Enforcement action; SEIZURE and DEMOLITION need full audio-video recording. */
public enum ActionType {
  ON_SITE,
  EVIDENCE_GATHERING,
  SEIZURE,
  DEMOLITION,
  HEARING,
  LEFT_BEHIND_SERVICE,
  SERVICE_BY_ANNOUNCEMENT,
  OTHER
}
