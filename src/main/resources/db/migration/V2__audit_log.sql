-- Tamper-evident audit log. Events are queued in the same transaction as the state change they
-- record; a single integrator later gives each a gapless leaf index in an RFC 6962 Merkle tree.

CREATE TABLE audit_entry (
  id           bigserial PRIMARY KEY,
  leaf_index   bigint UNIQUE CHECK (leaf_index >= 0),
  entry        bytea NOT NULL,
  leaf_hash    bytea NOT NULL CHECK (length(leaf_hash) = 32),
  event_type   text NOT NULL,
  actor_id     text,
  unit_id      uuid,
  target_type  text,
  target_id    text,
  occurred_at  timestamptz NOT NULL
);
COMMENT ON COLUMN audit_entry.id IS 'Queue order only: PostgreSQL sequences are neither gapless nor commit-ordered.';
COMMENT ON COLUMN audit_entry.leaf_index IS 'Position in the Merkle tree; assigned by the integrator, gapless from 0; NULL while queued.';
COMMENT ON COLUMN audit_entry.entry IS 'Canonical JSON (RFC 8785) of the event: exactly the bytes the leaf hash covers.';
COMMENT ON COLUMN audit_entry.leaf_hash IS 'SHA-256(0x00 || entry).';
COMMENT ON COLUMN audit_entry.event_type IS 'Copied from entry for filtering; not covered by the hash except through entry.';
CREATE INDEX audit_entry_queued ON audit_entry (id) WHERE leaf_index IS NULL;
CREATE INDEX audit_entry_target ON audit_entry (target_type, target_id, id);
CREATE INDEX audit_entry_actor ON audit_entry (actor_id, id);
CREATE INDEX audit_entry_type_time ON audit_entry (event_type, occurred_at);
CREATE INDEX audit_entry_time ON audit_entry (occurred_at, id);
