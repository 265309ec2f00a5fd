-- Fixity: scheduled and requested re-hashing of the archive. A run lists the objects it will check
-- (fixity_item), oldest-checked first; workers claim items with SELECT … FOR UPDATE SKIP LOCKED
-- under a lease, so a run survives restarts. fixity_object keeps each object's last check, which
-- orders the next run and marks the evidence item.

CREATE TABLE fixity_run (
  id              uuid PRIMARY KEY,
  scope           text NOT NULL CHECK (scope IN ('ALL','UNIT','CASE','EVIDENCE')),
  unit_id         uuid REFERENCES unit (id),
  case_id         uuid REFERENCES enforcement_case (id),
  evidence_ids    uuid[],
  scheduled       boolean NOT NULL DEFAULT false,
  state           text NOT NULL CHECK (state IN ('PLANNING','RUNNING','DONE')),
  requested_by    uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  planned_at      timestamptz,
  finished_at     timestamptz,
  plan_cursor     uuid,
  lease_owner     text CHECK (length(lease_owner) <= 200),
  lease_until     timestamptz,
  objects_total   bigint NOT NULL DEFAULT 0 CHECK (objects_total >= 0),
  bytes_total     bigint NOT NULL DEFAULT 0 CHECK (bytes_total >= 0),
  objects_done    bigint NOT NULL DEFAULT 0 CHECK (objects_done >= 0),
  bytes_done      bigint NOT NULL DEFAULT 0 CHECK (bytes_done >= 0),
  problems        bigint NOT NULL DEFAULT 0 CHECK (problems >= 0),
  CONSTRAINT fixity_run_unit CHECK (scope <> 'UNIT' OR unit_id IS NOT NULL),
  CONSTRAINT fixity_run_case CHECK (scope <> 'CASE' OR case_id IS NOT NULL),
  CONSTRAINT fixity_run_evidence CHECK (scope <> 'EVIDENCE' OR evidence_ids IS NOT NULL)
);
COMMENT ON TABLE fixity_run IS 'One re-hash of (part of) the archive: scheduled full scans and runs requested by an administrator or auditor.';
COMMENT ON COLUMN fixity_run.unit_id IS 'The unit whose records the run covers (null: several or all units); who may see the run.';
COMMENT ON COLUMN fixity_run.plan_cursor IS 'Last evidence id listed while planning, so a planner that died resumes after it.';
CREATE UNIQUE INDEX fixity_one_scheduled ON fixity_run ((true)) WHERE scheduled AND state <> 'DONE';
CREATE INDEX fixity_run_created ON fixity_run (created_at DESC, id);

CREATE TABLE fixity_item (
  id                bigserial PRIMARY KEY,
  run_id            uuid NOT NULL REFERENCES fixity_run (id),
  target            text NOT NULL CHECK (target IN ('ORIGINAL','REVIEW_COPY','THUMBNAIL','SPRITE','FOREIGN','SCAN')),
  evidence_id       uuid,
  bucket            text NOT NULL CHECK (bucket IN ('EVIDENCE','DERIVED')),
  object_key        text NOT NULL CHECK (length(object_key) <= 1024),
  object_version    text,
  expected_sha256   bytea CHECK (length(expected_sha256) = 32),
  expected_sm3      bytea CHECK (length(expected_sm3) = 32),
  expected_size     bigint,
  actual_sha256     bytea CHECK (length(actual_sha256) = 32),
  actual_sm3        bytea CHECK (length(actual_sm3) = 32),
  actual_size       bigint,
  prior_checked_at  timestamptz,
  state             text NOT NULL CHECK (state IN ('PENDING','DONE')),
  result            text CHECK (result IN ('OK','MISMATCH','MISSING','FOREIGN','SCANNED','ERROR')),
  detail            text CHECK (length(detail) <= 2000),
  attempts          integer NOT NULL DEFAULT 0,
  lease_owner       text CHECK (length(lease_owner) <= 200),
  lease_until       timestamptz,
  checked_at        timestamptz,
  UNIQUE (run_id, bucket, object_key)
);
COMMENT ON TABLE fixity_item IS 'One object a run checks (or a bucket it scans for objects nobody recorded), and what the check found: the run''s report.';
COMMENT ON COLUMN fixity_item.prior_checked_at IS 'When the object was last checked before this run (null: never): the run checks the oldest first.';
CREATE INDEX fixity_item_next ON fixity_item (run_id, prior_checked_at NULLS FIRST, id) WHERE state = 'PENDING';
CREATE INDEX fixity_item_evidence ON fixity_item (evidence_id);

CREATE TABLE fixity_object (
  bucket           text NOT NULL CHECK (bucket IN ('EVIDENCE','DERIVED')),
  object_key       text NOT NULL,
  evidence_id      uuid,
  target           text NOT NULL,
  last_checked_at  timestamptz NOT NULL,
  last_result      text NOT NULL,
  last_run_id      uuid NOT NULL REFERENCES fixity_run (id),
  PRIMARY KEY (bucket, object_key)
);
COMMENT ON TABLE fixity_object IS 'The last fixity check of each archived object: orders the next run, marks the evidence item.';
CREATE INDEX fixity_object_evidence ON fixity_object (evidence_id);
