package org.custodia.dossier;

/** Enforcement subject kind. */
public enum SubjectKind {
  PERSON,
  ORGANISATION
}
