package org.custodia.retention;

/** Retention classes, weakest first: a class later in the list keeps an item at least as long. */
public enum RetentionClass {
  /** At least six months from recording (or ingest when the recording time is unknown). */
  NON_EVIDENCE,
  /** With the case file (随案保存): until the longest retention of the cases it is linked to. */
  WITH_CASE,
  /** Never deleted. */
  PERMANENT;

  /** Whether this class keeps items at least as long as {@code other}. */
  boolean atLeast(RetentionClass other) {
    return compareTo(other) >= 0;
  }

  static RetentionClass max(RetentionClass a, RetentionClass b) {
    return a.atLeast(b) ? a : b;
  }
}
