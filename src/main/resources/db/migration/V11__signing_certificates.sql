-- Every certificate of the receipt-signing hierarchy ever used, so that receipts signed before a
-- key rotation (or by another instance) stay verifiable and their chains can be served.

CREATE TABLE signing_certificate (
  sha256       bytea PRIMARY KEY CHECK (length(sha256) = 32),
  kind         text NOT NULL CHECK (kind IN ('ROOT_EC','ROOT_SM2','TSA','SIGNER_EC','SIGNER_SM2','TSA_CA','TSA_EXTERNAL')),
  generation   integer CHECK (generation >= 1),
  subject      text NOT NULL,
  issuer       text NOT NULL,
  not_before   timestamptz NOT NULL,
  not_after    timestamptz NOT NULL,
  der          bytea NOT NULL,
  first_seen   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT signing_certificate_generation CHECK ((kind LIKE 'SIGNER_%') = (generation IS NOT NULL))
);
COMMENT ON TABLE signing_certificate IS 'Certificates (never private keys) of the signing hierarchy: roots, TSA, every generation of signers.';
COMMENT ON COLUMN signing_certificate.sha256 IS 'SHA-256 over der: the certificate fingerprint receipts refer to.';
COMMENT ON COLUMN signing_certificate.kind IS 'TSA_CA: a CA configured as trusted for an external TSA; TSA_EXTERNAL: an external TSA certificate seen in a token.';
COMMENT ON COLUMN signing_certificate.generation IS 'Signer generation; rotation adds one. NULL for roots and the TSA.';
COMMENT ON COLUMN signing_certificate.der IS 'The DER certificate exactly as issued.';
