-- Resumable uploads (tus 1.0). The row is the durable truth about an upload: everything up to
-- upload_offset is either in a completed part of the S3 multipart upload or in the local spool
-- file of the current part, and the digest state covers exactly bytes [0, upload_offset).

CREATE TABLE upload_session (
  id               uuid PRIMARY KEY,
  owner_kind       text NOT NULL CHECK (owner_kind IN ('STATION', 'USER')),
  owner_id         uuid NOT NULL,
  unit_id          uuid NOT NULL REFERENCES unit (id),
  state            text NOT NULL CHECK (state IN ('RECEIVING', 'COMPLETED', 'QUARANTINED', 'TERMINATED', 'EXPIRED')),
  upload_length    bigint NOT NULL CHECK (upload_length >= 0),
  upload_offset    bigint NOT NULL DEFAULT 0,
  part_size        bigint NOT NULL CHECK (part_size >= 5242880),
  metadata         jsonb NOT NULL,
  claimed_sha256   bytea NOT NULL CHECK (length(claimed_sha256) = 32),
  object_key       text NOT NULL UNIQUE,
  multipart_id     text,
  parts            jsonb NOT NULL DEFAULT '[]',
  parts_bytes      bigint NOT NULL DEFAULT 0,
  digest_state     bytea NOT NULL,
  part_digest_state bytea NOT NULL,
  sha256           bytea CHECK (length(sha256) = 32),
  sm3              bytea CHECK (length(sm3) = 32),
  evidence_id      uuid,
  lease_token      uuid,
  lease_until      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  failure          text,
  CONSTRAINT upload_offset_in_range CHECK (upload_offset BETWEEN parts_bytes AND upload_length),
  CONSTRAINT upload_spool_at_most_one_part CHECK (upload_offset - parts_bytes <= part_size OR upload_offset = upload_length)
);
COMMENT ON COLUMN upload_session.upload_offset IS 'Bytes acknowledged to the client (a 204 was sent only after this commit).';
COMMENT ON COLUMN upload_session.parts IS 'Completed parts [{"n":1,"etag":"…","size":…}], in order.';
COMMENT ON COLUMN upload_session.parts_bytes IS 'Bytes in completed parts; upload_offset - parts_bytes bytes are in the spool file of the next part.';
COMMENT ON COLUMN upload_session.digest_state IS 'SHA-256 and SM3 running state over bytes [0, upload_offset).';
COMMENT ON COLUMN upload_session.part_digest_state IS 'The same state at parts_bytes, to fall back to if a spool file is lost.';
COMMENT ON COLUMN upload_session.claimed_sha256 IS 'Whole-file SHA-256 claimed by the client in Upload-Metadata.';
COMMENT ON COLUMN upload_session.lease_until IS 'A PATCH in progress holds the upload until then; an abandoned lease simply expires.';
CREATE INDEX upload_session_expiry ON upload_session (expires_at) WHERE state = 'RECEIVING';
CREATE INDEX upload_session_owner ON upload_session (owner_id, created_at);
CREATE INDEX upload_session_duplicate ON upload_session (claimed_sha256) WHERE state = 'COMPLETED';

-- Objects found in the store without an evidence row (crash between store and commit): reported,
-- never silently indexed.
CREATE TABLE orphan_object (
  bucket       text NOT NULL,
  object_key   text NOT NULL,
  size         bigint,
  found_at     timestamptz NOT NULL DEFAULT now(),
  resolved_at  timestamptz,
  note         text,
  PRIMARY KEY (bucket, object_key)
);
