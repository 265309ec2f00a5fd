package org.custodia.dossier;

/** Officer (certified, may be responsible) or auxiliary staff (执法辅助人员, never responsible). */
public enum OfficerRole {
  OFFICER,
  AUXILIARY
}
