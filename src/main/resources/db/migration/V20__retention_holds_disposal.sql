-- Retention, legal holds and disposal (docs/retention.md). retention_item is the computed
-- retention of one evidence item (its class, the earliest deletion, why, and what was last
-- requested of the storage port); legal_hold is a hold on an item, a case or a subject; a
-- disposal is a reviewed batch of deletions whose items keep their own state, so that a job
-- stopped half-way resumes where it stopped. The evidence row outlives its bytes: after deletion
-- retention_item.state is DISPOSED (a tombstone) and the audit log holds the hashes.

CREATE TABLE retention_item (
  evidence_id       uuid PRIMARY KEY REFERENCES evidence (id),
  unit_id           uuid NOT NULL REFERENCES unit (id),
  class             text NOT NULL CHECK (class IN ('NON_EVIDENCE','WITH_CASE','PERMANENT')),
  manual_class      text CHECK (manual_class IN ('NON_EVIDENCE','WITH_CASE','PERMANENT')),
  manual_reason     text CHECK (length(manual_reason) BETWEEN 1 AND 1000),
  used_as_evidence  boolean NOT NULL DEFAULT false,
  obstruction       boolean NOT NULL DEFAULT false,
  major_incident    boolean NOT NULL DEFAULT false,
  delete_after      timestamptz,
  why               text NOT NULL CHECK (length(why) BETWEEN 1 AND 200),
  retained_until    timestamptz,
  receipts_retained boolean NOT NULL DEFAULT false,
  held              boolean NOT NULL DEFAULT false,
  state             text NOT NULL DEFAULT 'KEPT' CHECK (state IN ('KEPT','DISPOSED')),
  disposed_at       timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE retention_item IS 'Computed retention of one evidence item; state DISPOSED is the tombstone left when its bytes were deleted.';
COMMENT ON COLUMN retention_item.delete_after IS 'Earliest deletion; NULL while it is unknown (open case) or never (PERMANENT).';
COMMENT ON COLUMN retention_item.retained_until IS 'The latest retain-until asked of the storage port (extend only).';
CREATE INDEX retention_item_expired ON retention_item (unit_id, delete_after) WHERE state = 'KEPT';

CREATE TABLE legal_hold (
  id           uuid PRIMARY KEY,
  scope        text NOT NULL CHECK (scope IN ('EVIDENCE','CASE','SUBJECT')),
  target_id    uuid NOT NULL,
  unit_id      uuid NOT NULL REFERENCES unit (id),
  reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  until        timestamptz,
  placed_by    uuid NOT NULL,
  placed_at    timestamptz NOT NULL DEFAULT now(),
  lifted_by    uuid,
  lifted_at    timestamptz,
  lift_reason  text CHECK (length(lift_reason) BETWEEN 1 AND 1000),
  CONSTRAINT legal_hold_lifted CHECK ((lifted_at IS NULL) = (lifted_by IS NULL)
    AND (lifted_at IS NULL) = (lift_reason IS NULL)),
  CONSTRAINT legal_hold_two_people CHECK (lifted_by IS NULL OR lifted_by <> placed_by)
);
COMMENT ON TABLE legal_hold IS 'Legal hold on an item, a case or a subject: open-ended (until NULL) or until a date; lifted only by another person.';
CREATE INDEX legal_hold_target ON legal_hold (scope, target_id) WHERE lifted_at IS NULL;

CREATE TABLE disposal (
  id            uuid PRIMARY KEY,
  unit_id       uuid REFERENCES unit (id),
  requested_by  uuid NOT NULL,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  state         text NOT NULL CHECK (state IN ('PENDING_APPROVAL','APPROVED','DONE')),
  approved_by   uuid,
  approved_at   timestamptz,
  finished_at   timestamptz,
  CONSTRAINT disposal_two_people CHECK (approved_by IS NULL OR approved_by <> requested_by)
);
COMMENT ON TABLE disposal IS 'A reviewed batch of deletions: listed, approved by a second person, then run item by item.';

CREATE TABLE disposal_item (
  disposal_id  uuid NOT NULL REFERENCES disposal (id),
  evidence_id  uuid NOT NULL REFERENCES evidence (id),
  state        text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING','DELETED','SKIPPED')),
  detail       text CHECK (length(detail) <= 500),
  done_at      timestamptz,
  PRIMARY KEY (disposal_id, evidence_id)
);
COMMENT ON TABLE disposal_item IS 'One item of a disposal and how far its deletion got (resumable).';
CREATE INDEX disposal_item_pending ON disposal_item (disposal_id) WHERE state = 'PENDING';

-- the dossier's mirror of the class: STANDARD was a placeholder before retention existed
UPDATE evidence SET retention_class = 'NON_EVIDENCE' WHERE retention_class = 'STANDARD';
ALTER TABLE evidence ALTER COLUMN retention_class SET DEFAULT 'NON_EVIDENCE';
