-- Evidence index: one row per archived original; the ingest feature fills it. Links to the
-- subject and case it belongs to are kept with their history.

CREATE TABLE evidence (
  id                      uuid PRIMARY KEY,
  unit_id                 uuid NOT NULL REFERENCES unit (id),
  sha256                  bytea NOT NULL CHECK (length(sha256) = 32),
  sm3                     bytea NOT NULL CHECK (length(sm3) = 32),
  size                    bigint NOT NULL CHECK (size >= 0),
  content_type            text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 255),
  kind                    text NOT NULL CHECK (kind IN ('VIDEO','AUDIO','PHOTO','DOCUMENT')),
  filename                text CHECK (length(filename) <= 255),
  title                   text CHECK (length(title) <= 500),
  notes                   text CHECK (length(notes) <= 4000),
  object_key              text NOT NULL UNIQUE,
  object_version          text,
  station_claimed_sha256  bytea CHECK (length(station_claimed_sha256) = 32),
  device_id               uuid REFERENCES device (id),
  officer_id              uuid REFERENCES officer (id),
  station_id              uuid REFERENCES station (id),
  recorded_from           timestamptz,
  recorded_to             timestamptz,
  ingested_at             timestamptz NOT NULL DEFAULT now(),
  custodian_officer_id    uuid REFERENCES officer (id),
  retention_class         text NOT NULL DEFAULT 'STANDARD' CHECK (retention_class ~ '^[A-Z_]{1,32}$'),
  legal_hold              boolean NOT NULL DEFAULT false,
  action_type             text CHECK (action_type IN ('ON_SITE','EVIDENCE_GATHERING','SEIZURE',
                            'DEMOLITION','HEARING','LEFT_BEHIND_SERVICE','SERVICE_BY_ANNOUNCEMENT','OTHER')),
  latitude                numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
  longitude               numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
  recorded                tstzrange GENERATED ALWAYS AS (CASE WHEN recorded_from IS NULL THEN NULL
                            ELSE tstzrange(recorded_from, coalesce(recorded_to, recorded_from), '[]') END) STORED,
  search_text             text GENERATED ALWAYS AS (lower(coalesce(title, '') || E'\n' || coalesce(notes, '')
                            || E'\n' || coalesce(filename, ''))) STORED,
  CONSTRAINT evidence_recorded_window CHECK (recorded_to >= recorded_from),
  CONSTRAINT evidence_recorded_to_needs_from CHECK (recorded_to IS NULL OR recorded_from IS NOT NULL)
);
COMMENT ON TABLE evidence IS 'Archived original (text or audio-video record); the bytes are immutable in the object store.';
COMMENT ON COLUMN evidence.sha256 IS 'SHA-256 the service computed over the stored bytes while they streamed in.';
COMMENT ON COLUMN evidence.sm3 IS 'SM3 (GB/T 32905) over the same bytes.';
COMMENT ON COLUMN evidence.station_claimed_sha256 IS 'SHA-256 the docking station claimed before upload; equal to sha256 or the upload was refused.';
COMMENT ON COLUMN evidence.object_key IS 'Key chosen by the service, never by the client.';
COMMENT ON COLUMN evidence.recorded IS 'Derived from recorded_from/to (inclusive), for time-range overlap search.';
COMMENT ON COLUMN evidence.custodian_officer_id IS 'Accountable holder of the record (谁使用、谁保管、谁负责).';
CREATE INDEX evidence_unit ON evidence (unit_id, id);
CREATE INDEX evidence_sha256 ON evidence (sha256);
CREATE INDEX evidence_officer_recorded ON evidence USING gist (officer_id, recorded);
CREATE INDEX evidence_device_recorded ON evidence USING gist (device_id, recorded);
CREATE INDEX evidence_search_trgm ON evidence USING gin (search_text gin_trgm_ops);
CREATE INDEX evidence_search_grams ON evidence USING gin (custodia_grams(search_text));

CREATE TABLE evidence_link (
  id             uuid PRIMARY KEY,
  evidence_id    uuid NOT NULL REFERENCES evidence (id),
  subject_id     uuid REFERENCES subject (id),
  case_id        uuid REFERENCES enforcement_case (id),
  reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  linked_at      timestamptz NOT NULL DEFAULT now(),
  linked_by      text,
  superseded_at  timestamptz,
  CONSTRAINT evidence_link_target CHECK (subject_id IS NOT NULL OR case_id IS NOT NULL)
);
COMMENT ON TABLE evidence_link IS 'Which subject and case a record belongs to; a re-link supersedes the current row, which stays as history.';
CREATE UNIQUE INDEX evidence_link_current ON evidence_link (evidence_id) WHERE superseded_at IS NULL;
CREATE INDEX evidence_link_subject ON evidence_link (subject_id, evidence_id) WHERE superseded_at IS NULL;
CREATE INDEX evidence_link_case ON evidence_link (case_id, evidence_id) WHERE superseded_at IS NULL;
CREATE INDEX evidence_link_history ON evidence_link (evidence_id, linked_at);
