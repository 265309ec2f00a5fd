-- One receipt per evidence item: canonical JSON of the evidence facts, signed twice (detached CMS,
-- ECDSA P-256/SHA-256 and SM2/SM3) and timestamped (RFC 3161). A row in state FAILED (or no row)
-- means the item is not signed yet; the retry job signs it later. The evidence itself never waits.

CREATE TABLE evidence_receipt (
  evidence_id      uuid PRIMARY KEY REFERENCES evidence (id),
  state            text NOT NULL CHECK (state IN ('SIGNED','FAILED')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error       text CHECK (length(last_error) <= 1000),
  last_attempt_at  timestamptz,
  receipt_json     bytea,
  receipt_sha256   bytea CHECK (length(receipt_sha256) = 32),
  p7s              bytea,
  sm2_p7s          bytea,
  tsr              bytea,
  generation       integer,
  ec_cert_sha256   bytea REFERENCES signing_certificate (sha256),
  sm2_cert_sha256  bytea REFERENCES signing_certificate (sha256),
  tsa              text,
  signed_at        timestamptz,
  CONSTRAINT evidence_receipt_signed_complete CHECK (state <> 'SIGNED' OR (receipt_json IS NOT NULL
    AND receipt_sha256 IS NOT NULL AND p7s IS NOT NULL AND sm2_p7s IS NOT NULL AND tsr IS NOT NULL
    AND ec_cert_sha256 IS NOT NULL AND sm2_cert_sha256 IS NOT NULL AND tsa IS NOT NULL
    AND signed_at IS NOT NULL))
);
COMMENT ON COLUMN evidence_receipt.receipt_json IS 'Canonical JSON (RFC 8785) of the evidence facts: exactly the bytes both signatures cover.';
COMMENT ON COLUMN evidence_receipt.receipt_sha256 IS 'SHA-256 over receipt_json.';
COMMENT ON COLUMN evidence_receipt.p7s IS 'DER CMS SignedData, detached, ECDSA P-256/SHA-256 over receipt_json; carries the timestamp token as id-aa-signatureTimeStampToken.';
COMMENT ON COLUMN evidence_receipt.sm2_p7s IS 'DER CMS SignedData, detached, SM2/SM3 over receipt_json.';
COMMENT ON COLUMN evidence_receipt.tsr IS 'DER RFC 3161 TimeStampToken whose imprint is SHA-256 over the ECDSA signature value in p7s.';
COMMENT ON COLUMN evidence_receipt.tsa IS 'Which authority stamped: built-in, or the external TSA URL.';
CREATE INDEX evidence_receipt_unsigned ON evidence_receipt (last_attempt_at) WHERE state <> 'SIGNED';
