-- The four-property check (四性检测, DA/T 70-2018) of one case's dossier: authenticity, integrity,
-- usability and security, each a list of named check items. A check is a job: a QUEUED row claimed
-- with SELECT … FOR UPDATE SKIP LOCKED under a lease; a RUNNING check whose lease lapsed (its worker
-- died) is claimed again and checked from the start. Results are kept: rows are never deleted.

CREATE TABLE four_property_check (
  id              uuid PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES enforcement_case (id),
  unit_id         uuid NOT NULL REFERENCES unit (id),
  trigger         text NOT NULL CHECK (trigger IN ('CLOSED','EXPORT','PERIODIC','MANUAL')),
  requested_by    uuid,
  requested_at    timestamptz NOT NULL DEFAULT now(),
  state           text NOT NULL CHECK (state IN ('QUEUED','RUNNING','DONE','FAILED')),
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  lease_owner     text CHECK (length(lease_owner) <= 200),
  lease_until     timestamptz,
  records_total   integer NOT NULL DEFAULT 0 CHECK (records_total >= 0),
  records_done    integer NOT NULL DEFAULT 0 CHECK (records_done >= 0),
  started_at      timestamptz,
  finished_at     timestamptz,
  result          text CHECK (result IN ('PASS','WARN','FAIL')),
  report          jsonb,
  failure         text CHECK (length(failure) <= 2000),
  CONSTRAINT four_property_check_done CHECK (state <> 'DONE'
    OR (result IS NOT NULL AND report IS NOT NULL AND finished_at IS NOT NULL)),
  CONSTRAINT four_property_check_lease CHECK (lease_owner IS NULL OR state = 'RUNNING')
);
COMMENT ON TABLE four_property_check IS 'A four-property check (四性检测) of one case''s dossier: the job, its progress and its kept report.';
COMMENT ON COLUMN four_property_check.trigger IS 'Why it ran: CLOSED (the case was closed), EXPORT (before an export), PERIODIC (the scheduler), MANUAL (a caller).';
COMMENT ON COLUMN four_property_check.requested_by IS 'The user who started it; NULL when the service did (close, export, schedule).';
COMMENT ON COLUMN four_property_check.lease_until IS 'A RUNNING check whose lease passed is claimed again and checked from the start.';
COMMENT ON COLUMN four_property_check.records_total IS 'Records linked to the case when the check started; records_done of them are checked.';
COMMENT ON COLUMN four_property_check.result IS 'Overall: FAIL when any item failed, else WARN when any warned, else PASS.';
COMMENT ON COLUMN four_property_check.report IS 'The report: per property its items (code, result, record, detail), as the API returns it.';
COMMENT ON COLUMN four_property_check.failure IS 'Why the check could not be completed (state FAILED), e.g. the store unavailable every attempt.';
CREATE INDEX four_property_check_case ON four_property_check (case_id, id);
CREATE INDEX four_property_check_queued ON four_property_check (requested_at) WHERE state IN ('QUEUED','RUNNING');

-- An export runs a four-property check of its case before it packages it (decision 0019): the
-- export records which, and its package carries that check's report.
ALTER TABLE export_request ADD COLUMN four_property_check_id uuid REFERENCES four_property_check (id);
COMMENT ON COLUMN export_request.four_property_check_id IS 'The four-property check run before the build; its report is the package''s four-property-check.json. A failing check does not block the export.';
