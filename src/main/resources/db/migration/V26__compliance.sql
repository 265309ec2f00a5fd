-- Recording compliance (issue #19): the findings of the rules in storage-config/compliance-rules.json
-- per case, kept with their history (a finding is opened when first seen and resolved when a
-- recompute no longer finds it; never deleted), each case's compliance status, the queue of cases
-- to recompute (written in the transaction that changed the dossier, so no change is lost) and the
-- supervisors' acknowledgements of findings.

-- a case-handling site (执法办案场所) is an action type of its own: the regulation's 一(二) requires
-- full recording there as for seizures and demolitions
ALTER TABLE case_action DROP CONSTRAINT case_action_type_check;
ALTER TABLE case_action ADD CONSTRAINT case_action_type_check CHECK (type IN ('ON_SITE',
  'EVIDENCE_GATHERING','SEIZURE','DEMOLITION','HEARING','LEFT_BEHIND_SERVICE',
  'SERVICE_BY_ANNOUNCEMENT','CASE_HANDLING_SITE','OTHER'));
ALTER TABLE evidence DROP CONSTRAINT evidence_action_type_check;
ALTER TABLE evidence ADD CONSTRAINT evidence_action_type_check CHECK (action_type IN ('ON_SITE',
  'EVIDENCE_GATHERING','SEIZURE','DEMOLITION','HEARING','LEFT_BEHIND_SERVICE',
  'SERVICE_BY_ANNOUNCEMENT','CASE_HANDLING_SITE','OTHER'));

CREATE TABLE compliance_finding (
  id              uuid PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES enforcement_case (id),
  unit_id         uuid NOT NULL REFERENCES unit (id),
  fingerprint     text NOT NULL CHECK (length(fingerprint) <= 2000),
  rule_code       text NOT NULL CHECK (rule_code ~ '^[a-z][a-z0-9-]{0,63}$'),
  rule_version    integer NOT NULL CHECK (rule_version > 0),
  severity        text NOT NULL CHECK (severity IN ('VIOLATION','WARNING')),
  clause          text NOT NULL,
  action_id       uuid,
  evidence_ids    text NOT NULL,
  span_from       timestamptz NOT NULL,
  span_to         timestamptz NOT NULL,
  detail          text NOT NULL,
  first_seen_at   timestamptz NOT NULL,
  resolved_at     timestamptz,
  CONSTRAINT compliance_finding_span CHECK (span_to >= span_from),
  CONSTRAINT compliance_finding_resolved CHECK (resolved_at IS NULL OR resolved_at >= first_seen_at)
);
COMMENT ON TABLE compliance_finding IS 'A breach of a compliance rule found in a case, open until a recompute no longer finds it; kept for ever.';
COMMENT ON COLUMN compliance_finding.fingerprint IS 'Rule, version, action, records and span: what makes a finding the same one across recomputes.';
COMMENT ON COLUMN compliance_finding.clause IS 'The regulation clause the rule implements, as the rule set names it when found.';
COMMENT ON COLUMN compliance_finding.action_id IS 'The enforcement action concerned (case_action.id); null for findings about a record alone.';
COMMENT ON COLUMN compliance_finding.evidence_ids IS 'The records concerned, space-separated evidence ids (empty: none, e.g. a missing recording).';
COMMENT ON COLUMN compliance_finding.span_from IS 'Start of the time span concerned (station clock).';
COMMENT ON COLUMN compliance_finding.detail IS 'What exactly is wrong, in words of the rule (e.g. the certificate status at recording time).';
COMMENT ON COLUMN compliance_finding.first_seen_at IS 'When a recompute first found it.';
COMMENT ON COLUMN compliance_finding.resolved_at IS 'When a recompute no longer found it (null: open).';
CREATE UNIQUE INDEX compliance_finding_open ON compliance_finding (case_id, fingerprint)
  WHERE resolved_at IS NULL;
CREATE INDEX compliance_finding_case ON compliance_finding (case_id, first_seen_at);

CREATE TABLE compliance_case (
  case_id         uuid PRIMARY KEY REFERENCES enforcement_case (id),
  unit_id         uuid NOT NULL REFERENCES unit (id),
  status          text NOT NULL CHECK (status IN ('COMPLIANT','WARNINGS','VIOLATIONS')),
  violations      integer NOT NULL CHECK (violations >= 0),
  warnings        integer NOT NULL CHECK (warnings >= 0),
  rules_version   text NOT NULL,
  evaluated_at    timestamptz NOT NULL,
  active_from     timestamptz,
  active_to       timestamptz
);
COMMENT ON TABLE compliance_case IS 'Each case''s compliance status as last computed from its open findings.';
COMMENT ON COLUMN compliance_case.violations IS 'Open findings of severity VIOLATION (acknowledged ones included).';
COMMENT ON COLUMN compliance_case.rules_version IS 'The version of the rule set the case was evaluated with.';
COMMENT ON COLUMN compliance_case.active_from IS 'Start of the case''s first action (null: no actions): the period the case is listed in.';
COMMENT ON COLUMN compliance_case.active_to IS 'End of the case''s last action.';
CREATE INDEX compliance_case_unit ON compliance_case (unit_id, status, case_id);

CREATE TABLE compliance_pending (
  case_id         uuid PRIMARY KEY REFERENCES enforcement_case (id),
  requested_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE compliance_pending IS 'Cases whose dossier changed since their findings were computed; written in the changing transaction, removed by the recompute.';
CREATE INDEX compliance_pending_order ON compliance_pending (requested_at);

CREATE TABLE compliance_acknowledgement (
  id               uuid PRIMARY KEY,
  finding_id       uuid NOT NULL REFERENCES compliance_finding (id),
  explanation      text NOT NULL CHECK (length(explanation) BETWEEN 1 AND 2000),
  acknowledged_by  uuid NOT NULL,
  acknowledged_at  timestamptz NOT NULL
);
COMMENT ON TABLE compliance_acknowledgement IS 'A supervisor''s written explanation of a finding (e.g. device failure); the finding stays and still counts.';
COMMENT ON COLUMN compliance_acknowledgement.explanation IS 'As written, stored exactly.';
COMMENT ON COLUMN compliance_acknowledgement.acknowledged_by IS 'The supervisor''s user id (app_user.id).';
CREATE INDEX compliance_acknowledgement_finding ON compliance_acknowledgement (finding_id, acknowledged_at);
