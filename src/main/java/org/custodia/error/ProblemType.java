package org.custodia.error;

import java.util.OptionalLong;

/**
 * The catalogue of problems the service reports: each one's stable {@code type} (a path segment
 * under {@link Problem#TYPE_BASE}), HTTP status, default title and, for problems a client should
 * retry, the default {@code Retry-After}. Domain code names the problem ({@code
 * ProblemType.UPLOAD_GONE}); only this catalogue knows what it means over HTTP. The types are part
 * of the API: clients switch on them, so a type is never renamed.
 */
public enum ProblemType {
  // --- any request
  INVALID_REQUEST(400, "invalid-request", "Invalid request"),
  UNAUTHORIZED(401, "unauthorized", "Authentication required"),
  FORBIDDEN(403, "forbidden", "Forbidden"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  BODY_TIMEOUT(408, "request-timeout", "Request timeout"),
  BODY_TOO_LARGE(413, "body-too-large", "Body too large"),
  TOO_MANY_PENDING(429, "too-many-pending-requests", "Too many pending requests", 1),
  URI_TOO_LONG(414, "uri-too-long", "URI too long"),
  HEADERS_TOO_LARGE(431, "headers-too-large", "Request headers too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  TOO_MANY_ATTEMPTS(429, "too-many-attempts", "Too many attempts"),
  INTERNAL_ERROR(500, "internal-error", "Internal error"),

  // --- database
  DUPLICATE(409, "duplicate", "Conflict"),
  CONSTRAINT_VIOLATED(422, "constraint-violated", "Constraint violated"),
  DATABASE_UNAVAILABLE(503, "database-unavailable", "Service unavailable", 15),

  // --- object store
  STORAGE_ERROR(502, "storage-error", "Object store error"),
  /** An object version within its retention or under a legal hold cannot be deleted (WORM). */
  OBJECT_PROTECTED(409, "object-protected", "Object is protected"),
  STORAGE_UNAVAILABLE(503, "storage-unavailable", "Service unavailable", 30),
  STORAGE_FULL(507, "storage-full", "Insufficient storage"),

  // --- accounts
  INVALID_CREDENTIALS(401, "invalid-credentials", "Invalid credentials"),
  WRONG_CURRENT_PASSWORD(400, "invalid-credentials", "Invalid credentials"),
  DUPLICATE_USERNAME(409, "duplicate-username", "Conflict"),
  LAST_ADMIN(409, "last-admin", "Last administrator"),
  SELF_LOCKOUT(409, "self-lockout", "Own account"),
  CSRF(403, "csrf", "CSRF token missing or wrong"),

  // --- registry and dossier
  DUPLICATE_UNIT_CODE(409, "duplicate-unit-code", "Conflict"),
  DUPLICATE_CERTIFICATE_NO(409, "duplicate-certificate-no", "Conflict"),
  DUPLICATE_DEVICE(409, "duplicate-device", "Conflict"),
  ALREADY_CUSTODIAN(409, "already-custodian", "Conflict"),
  ACCOUNT_ALREADY_LINKED(409, "account-already-linked", "Conflict"),
  CUSTODY_OVERLAP(409, "custody-overlap", "Conflict"),
  DUPLICATE_SUBJECT(409, "duplicate-subject", "Conflict"),
  DUPLICATE_CASE_NO(409, "duplicate-case-no", "Conflict"),
  OFFICER_UNKNOWN(422, "officer-unknown", "Unknown officer"),
  AUXILIARY_NOT_RESPONSIBLE(
      422, "auxiliary-not-responsible", "Auxiliary staff cannot be responsible"),
  OFFICER_NOT_CERTIFIED(422, "officer-not-certified", "Officer not certified"),
  TOO_FEW_RESPONSIBLE_OFFICERS(422, "too-few-responsible-officers", "Too few responsible officers"),
  INVALID_STATUS_TRANSITION(422, "invalid-status-transition", "Status change not allowed"),
  SUBJECT_NOT_IN_CASE(422, "subject-not-in-case", "Subject not in case"),

  // --- ingest (tus)
  TUS_VERSION(412, "tus-version", "Unsupported tus version"),
  UPLOAD_TOO_LARGE(413, "upload-too-large", "Upload too large"),
  PATCH_TOO_LARGE(413, "patch-too-large", "PATCH too large"),
  UPLOAD_GONE(410, "upload-gone", "Upload gone"),
  UPLOAD_QUARANTINED(410, "upload-quarantined", "Upload quarantined"),
  UPLOAD_COMPLETED(409, "upload-completed", "Upload completed"),
  UPLOAD_BUSY(409, "upload-busy", "Upload busy", 1),
  OFFSET_MISMATCH(409, "offset-mismatch", "Offset mismatch"),
  CHECKSUM_ALGORITHM(400, "checksum-algorithm", "Unsupported checksum algorithm"),
  UPLOAD_INTERRUPTED(400, "upload-interrupted", "Upload interrupted"),
  CHECKSUM_MISMATCH(460, "checksum-mismatch", "Checksum mismatch"),
  CLAIMED_HASH_MISMATCH(460, "claimed-hash-mismatch", "Claimed hash mismatch"),
  SPOOL_FULL(507, "spool-full", "Insufficient storage"),

  // --- receipts and signing
  RECEIPT_NOT_SIGNED(404, "receipt-not-signed", "Receipt not signed yet"),
  SIGNING_ROOTS_OFFLINE(409, "signing-roots-offline", "Conflict"),

  // --- review
  RANGE_NOT_SATISFIABLE(416, "range-not-satisfiable", "Range not satisfiable"),
  NOT_READY(404, "not-ready", "Not available"),

  // --- case-file review (grading)
  REVIEW_SUBMITTED(409, "review-submitted", "Review is submitted"),
  ALREADY_CORRECTED(409, "already-corrected", "Review already corrected"),
  NOTE_SUPERSEDED(409, "note-superseded", "Note already superseded"),
  REVIEWER_NOT_ELIGIBLE(409, "reviewer-not-eligible", "Reviewer cannot review this unit"),

  // --- dossier export
  SELF_APPROVAL(409, "export-self-approval", "The requester cannot approve"),
  EXPORT_DECIDED(409, "export-decided", "Export already decided"),
  EXPORT_NOT_READY(409, "export-not-ready", "Export package not ready"),
  EXPORT_EXPIRED(410, "export-expired", "Export package expired"),

  // --- retention, legal holds and disposal
  EVIDENCE_DISPOSED(409, "evidence-disposed", "Evidence disposed of"),
  HOLD_SELF_LIFT(409, "hold-self-lift", "The placer cannot lift the hold"),
  HOLD_LIFTED(409, "hold-lifted", "Hold already lifted"),
  DISPOSAL_SELF_APPROVAL(409, "disposal-self-approval", "The requester cannot approve"),
  DISPOSAL_DECIDED(409, "disposal-decided", "Disposal already decided");

  private final int status;
  private final String type;
  private final String title;
  private final long retryAfterSeconds;

  ProblemType(int status, String type, String title) {
    this(status, type, title, -1);
  }

  ProblemType(int status, String type, String title, long retryAfterSeconds) {
    this.status = status;
    this.type = type;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The HTTP status this problem is answered with. */
  public int status() {
    return status;
  }

  /** The stable type: the last path segment of the problem's {@code type} URI. */
  public String type() {
    return type;
  }

  /** The default human title (an exception may give a more specific one). */
  public String title() {
    return title;
  }

  /** How long a client should wait before retrying, when the problem is transient. */
  public OptionalLong retryAfterSeconds() {
    return retryAfterSeconds < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
  }
}
