-- A case's status and decision date as they change, so that a past year's statistics count each
-- case as it stood at that year's end (a decision of 2025 revoked in 2026 is still DECIDED in the
-- 2025 report). Each row keeps what the case said before and after a change. A case with no change
-- after an instant stood then as it stands now; changes made before this migration are not known.

CREATE TABLE case_status_event (
  id                    uuid PRIMARY KEY,
  case_id               uuid NOT NULL REFERENCES enforcement_case (id),
  from_status           text NOT NULL,
  to_status             text NOT NULL,
  from_decision_date    date,
  to_decision_date      date,
  changed_at            timestamptz NOT NULL,
  changed_by            text
);
COMMENT ON TABLE case_status_event IS 'Each change of a case''s status or decision date, with the values before and after; never updated or deleted.';
COMMENT ON COLUMN case_status_event.changed_by IS 'The user who changed it.';
CREATE INDEX case_status_event_case ON case_status_event (case_id, changed_at, id);
