package org.custodia.dossier;

/** Text record (DOCUMENT) or audio-video record (VIDEO, AUDIO, PHOTO). */
public enum EvidenceKind {
  VIDEO,
  AUDIO,
  PHOTO,
  DOCUMENT
}
