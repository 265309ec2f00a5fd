package org.custodia.disclosure;

/**
 * Where a disclosure (or withdrawal) stands on a day: not done and DUE, DUE_SOON (within the
 * configured working days) or OVERDUE; done ON_TIME or LATE; UNKNOWN when the calendar does not
 * cover the days the deadline needs, or the period's start is not recorded.
 */
public enum DisclosureStatus {
  DUE,
  DUE_SOON,
  OVERDUE,
  ON_TIME,
  LATE,
  UNKNOWN
}
