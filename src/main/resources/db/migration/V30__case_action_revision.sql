-- Corrections of an enforcement action (a mistyped time window, type or officers): the action keeps
-- its id and shows its corrected values; each correction keeps what the action said before, who
-- corrected it, when and why. Nothing is overwritten without its previous values kept.

CREATE TABLE case_action_revision (
  id            uuid PRIMARY KEY,
  action_id     uuid NOT NULL REFERENCES case_action (id),
  revision      integer NOT NULL CHECK (revision > 0),
  type          text NOT NULL,
  from_at       timestamptz NOT NULL,
  to_at         timestamptz NOT NULL,
  officer_ids   uuid[] NOT NULL,
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  corrected_at  timestamptz NOT NULL,
  corrected_by  text,
  UNIQUE (action_id, revision)
);
COMMENT ON TABLE case_action_revision IS 'The values an action had before each correction, with who corrected it, when and why; never updated or deleted.';
COMMENT ON COLUMN case_action_revision.revision IS 'The correction''s number for its action, from 1.';
COMMENT ON COLUMN case_action_revision.type IS 'The action''s type before this correction.';
COMMENT ON COLUMN case_action_revision.from_at IS 'The action''s start before this correction.';
COMMENT ON COLUMN case_action_revision.to_at IS 'The action''s end before this correction.';
COMMENT ON COLUMN case_action_revision.officer_ids IS 'The action''s responsible officers before this correction.';
COMMENT ON COLUMN case_action_revision.reason IS 'Why the action was corrected, exactly as written.';
COMMENT ON COLUMN case_action_revision.corrected_by IS 'The user who corrected it.';
