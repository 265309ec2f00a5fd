-- Enforcement subjects (执法对象) and cases (案件), one dossier each.

CREATE TABLE subject (
  id                  uuid PRIMARY KEY,
  unit_id             uuid NOT NULL REFERENCES unit (id),
  kind                text NOT NULL CHECK (kind IN ('PERSON','ORGANISATION')),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  identifier_hmac     bytea NOT NULL CHECK (length(identifier_hmac) = 32),
  identifier_display  text NOT NULL CHECK (length(identifier_display) = 18),
  created_at          timestamptz NOT NULL DEFAULT now(),
  search_text         text GENERATED ALWAYS AS (lower(name)) STORED,
  CONSTRAINT subject_identifier_per_unit UNIQUE (unit_id, identifier_hmac)
);
COMMENT ON TABLE subject IS 'Enforcement subject: a person or an organisation.';
COMMENT ON COLUMN subject.identifier_hmac IS 'HMAC-SHA256 (key in <data-dir>/keys/identifier-hmac.key) of the normalised identifier; exact search only.';
COMMENT ON COLUMN subject.identifier_display IS 'Organisation: the unified social credit code in clear (public registry data). Person: masked resident ID number; the full number is never stored.';
CREATE INDEX subject_unit ON subject (unit_id, id);
CREATE INDEX subject_identifier ON subject (identifier_hmac);
CREATE INDEX subject_search_trgm ON subject USING gin (search_text gin_trgm_ops);
CREATE INDEX subject_search_grams ON subject USING gin (custodia_grams(search_text));

CREATE TABLE enforcement_case (
  id             uuid PRIMARY KEY,
  unit_id        uuid NOT NULL REFERENCES unit (id),
  case_no        text NOT NULL UNIQUE CHECK (length(case_no) BETWEEN 1 AND 64),
  type           text NOT NULL CHECK (type IN ('INSPECTION','PENALTY','COERCIVE_MEASURE','LICENSING')),
  status         text NOT NULL CHECK (status IN ('OPEN','DECIDED','CLOSED','REVOKED')),
  title          text CHECK (length(title) <= 500),
  notes          text CHECK (length(notes) <= 4000),
  decision_date  date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  search_text    text GENERATED ALWAYS AS
                   (lower(case_no || E'\n' || coalesce(title, '') || E'\n' || coalesce(notes, ''))) STORED,
  CONSTRAINT enforcement_case_decided CHECK (status NOT IN ('DECIDED') OR decision_date IS NOT NULL)
);
COMMENT ON TABLE enforcement_case IS 'Case (案件); the dossier (执法案卷) gathers its subjects, officers, actions and evidence.';
CREATE INDEX enforcement_case_unit ON enforcement_case (unit_id, id);
CREATE INDEX enforcement_case_search_trgm ON enforcement_case USING gin (search_text gin_trgm_ops);
CREATE INDEX enforcement_case_search_grams ON enforcement_case USING gin (custodia_grams(search_text));

CREATE TABLE case_subject (
  case_id     uuid NOT NULL REFERENCES enforcement_case (id),
  subject_id  uuid NOT NULL REFERENCES subject (id),
  PRIMARY KEY (case_id, subject_id)
);
CREATE INDEX case_subject_subject ON case_subject (subject_id, case_id);

CREATE TABLE case_officer (
  case_id     uuid NOT NULL REFERENCES enforcement_case (id),
  officer_id  uuid NOT NULL REFERENCES officer (id),
  PRIMARY KEY (case_id, officer_id)
);
CREATE INDEX case_officer_officer ON case_officer (officer_id, case_id);

CREATE TABLE case_action (
  id          uuid PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES enforcement_case (id),
  type        text NOT NULL CHECK (type IN ('ON_SITE','EVIDENCE_GATHERING','SEIZURE','DEMOLITION',
                'HEARING','LEFT_BEHIND_SERVICE','SERVICE_BY_ANNOUNCEMENT','OTHER')),
  from_at     timestamptz NOT NULL,
  to_at       timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT case_action_window CHECK (to_at > from_at)
);
COMMENT ON TABLE case_action IS 'An enforcement action of a case with its time window; at least two responsible officers.';
CREATE INDEX case_action_case ON case_action (case_id, from_at);
CREATE INDEX case_action_period ON case_action USING gist (tstzrange(from_at, to_at));

CREATE TABLE case_action_officer (
  action_id   uuid NOT NULL REFERENCES case_action (id),
  officer_id  uuid NOT NULL REFERENCES officer (id),
  PRIMARY KEY (action_id, officer_id)
);
COMMENT ON TABLE case_action_officer IS 'Responsible officers of an action: certified, not auxiliary, checked when recorded.';
CREATE INDEX case_action_officer_officer ON case_action_officer (officer_id);
