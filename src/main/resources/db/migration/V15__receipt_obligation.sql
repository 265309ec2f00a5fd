-- An item's receipt row is now written in the same transaction as the item itself, in state
-- PENDING: the obligation to sign commits or rolls back with the evidence, and the retry job finds
-- everything still to sign in this table alone (it no longer reads the evidence table).
ALTER TABLE evidence_receipt ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
COMMENT ON COLUMN evidence_receipt.created_at IS 'When the obligation to sign was recorded (the item''s ingest, or this migration for older items).';

ALTER TABLE evidence_receipt DROP CONSTRAINT evidence_receipt_state_check;
ALTER TABLE evidence_receipt ADD CONSTRAINT evidence_receipt_state_check
  CHECK (state IN ('PENDING', 'SIGNED', 'FAILED'));

-- items archived before this version that never got a row (the retry job's old backfill case)
INSERT INTO evidence_receipt (evidence_id, state, created_at)
SELECT e.id, 'PENDING', e.ingested_at FROM evidence e
WHERE NOT EXISTS (SELECT 1 FROM evidence_receipt r WHERE r.evidence_id = e.id);
