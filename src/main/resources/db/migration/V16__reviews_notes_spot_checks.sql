-- Case-file review (案卷评查): reviews of a dossier, timestamped notes on recordings, spot checks (抽查).

CREATE TABLE case_review (
  id                uuid PRIMARY KEY,
  case_id           uuid NOT NULL REFERENCES enforcement_case (id),
  unit_id           uuid NOT NULL REFERENCES unit (id),
  reviewer_id       uuid NOT NULL REFERENCES app_user (id),
  state             text NOT NULL CHECK (state IN ('DRAFT','SUBMITTED')),
  criteria_version  text NOT NULL CHECK (length(criteria_version) BETWEEN 1 AND 64),
  grade             text CHECK (grade IN ('EXCELLENT','GOOD','PASS','FAIL')),
  entries           jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(entries) = 'array'),
  finding           text CHECK (length(finding) <= 20000),
  corrects          uuid REFERENCES case_review (id),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  submitted_at      timestamptz,
  CONSTRAINT case_review_submitted_complete CHECK (
    state <> 'SUBMITTED' OR (grade IS NOT NULL AND finding IS NOT NULL AND submitted_at IS NOT NULL)),
  CONSTRAINT case_review_not_self CHECK (corrects IS NULL OR corrects <> id)
);
COMMENT ON TABLE case_review IS 'A review (评查) of a dossier by one reviewer; a submitted review is read-only forever (trigger case_review_frozen).';
COMMENT ON COLUMN case_review.unit_id IS 'The reviewed case''s unit, copied at creation (a case never changes unit) for unit-scoped lists.';
COMMENT ON COLUMN case_review.entries IS 'Per-criterion entries: [{criterion, comment, evidenceIds[], noteIds[]}].';
COMMENT ON COLUMN case_review.corrects IS 'The submitted review of the same case this one corrects.';
CREATE INDEX case_review_case ON case_review (case_id, id);
CREATE INDEX case_review_unit ON case_review (unit_id, id);
CREATE INDEX case_review_reviewer ON case_review (reviewer_id, id);
-- a submitted review is corrected by at most one submitted review
CREATE UNIQUE INDEX case_review_one_correction ON case_review (corrects)
  WHERE corrects IS NOT NULL AND state = 'SUBMITTED';

CREATE FUNCTION case_review_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'SUBMITTED' THEN
    RAISE EXCEPTION 'review % is submitted and read-only', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_review_frozen BEFORE UPDATE OR DELETE ON case_review
  FOR EACH ROW EXECUTE FUNCTION case_review_frozen();

-- notes are records of the review: never edited, never deleted (a later note may supersede one)
CREATE FUNCTION review_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TABLE review_note (
  id           uuid PRIMARY KEY,
  evidence_id  uuid NOT NULL REFERENCES evidence (id),
  unit_id      uuid NOT NULL REFERENCES unit (id),
  at_ms        bigint NOT NULL CHECK (at_ms >= 0),
  text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  author_id    uuid NOT NULL REFERENCES app_user (id),
  created_at   timestamptz NOT NULL,
  supersedes   uuid UNIQUE REFERENCES review_note (id)
);
COMMENT ON TABLE review_note IS 'A timestamped note on a recording (media time at_ms); immutable, superseded by a later note of its author.';
CREATE INDEX review_note_evidence ON review_note (evidence_id, at_ms, id);
CREATE TRIGGER review_note_immutable BEFORE UPDATE OR DELETE ON review_note
  FOR EACH ROW EXECUTE FUNCTION review_immutable();

CREATE TABLE spot_check (
  id               uuid PRIMARY KEY,
  unit_id          uuid NOT NULL REFERENCES unit (id),
  period_from      date NOT NULL,
  period_to        date NOT NULL,
  case_type        text CHECK (case_type IN ('INSPECTION','PENALTY','COERCIVE_MEASURE','LICENSING')),
  size             integer NOT NULL CHECK (size BETWEEN 1 AND 500),
  seed             text NOT NULL CHECK (length(seed) BETWEEN 1 AND 128),
  candidate_count  integer NOT NULL CHECK (candidate_count >= 0),
  created_by       uuid NOT NULL REFERENCES app_user (id),
  created_at       timestamptz NOT NULL,
  CHECK (period_from <= period_to)
);
COMMENT ON TABLE spot_check IS 'A spot check (抽查): N dossiers of a unit decided in a period, drawn reproducibly from the seed (docs/reviews.md).';
CREATE INDEX spot_check_unit ON spot_check (unit_id, id);
CREATE TRIGGER spot_check_immutable BEFORE UPDATE OR DELETE ON spot_check
  FOR EACH ROW EXECUTE FUNCTION review_immutable();

CREATE TABLE spot_check_case (
  spot_check_id  uuid NOT NULL REFERENCES spot_check (id),
  position       integer NOT NULL CHECK (position >= 1),
  case_id        uuid NOT NULL REFERENCES enforcement_case (id),
  draw_key       text NOT NULL CHECK (draw_key ~ '^[0-9a-f]{64}$'),
  assignee_id    uuid REFERENCES app_user (id),
  assigned_at    timestamptz,
  PRIMARY KEY (spot_check_id, case_id),
  UNIQUE (spot_check_id, position)
);
COMMENT ON COLUMN spot_check_case.draw_key IS 'SHA-256(seed || case id), hex: the drawn cases are the candidates with the smallest keys.';
CREATE INDEX spot_check_case_assignee ON spot_check_case (assignee_id);
