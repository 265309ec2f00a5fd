package org.custodia.export;

/** Where an export stands. */
public enum ExportState {
  /** Requested; waits for a second person's decision. */
  PENDING_APPROVAL,
  /** Approved (or needing no approval); the package job builds it. */
  BUILDING,
  /** The package is complete in the store and can be downloaded. */
  READY,
  /** The approver said no; it never builds. */
  REFUSED,
  /** The build failed (a stored original that does not match its hashes, names the record). */
  FAILED,
  /** The retention period passed; the package was deleted. */
  EXPIRED
}
