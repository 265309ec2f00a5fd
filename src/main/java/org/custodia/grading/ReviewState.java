package org.custodia.grading;

/** A review is a draft of its author until submitted; submitted, it is read-only forever. */
public enum ReviewState {
  DRAFT,
  SUBMITTED
}
