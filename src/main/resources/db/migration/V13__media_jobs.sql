-- Media job queue: work on evidence (probe, thumbnail, review copy) claimed by workers with
-- SELECT … FOR UPDATE SKIP LOCKED. A claim is a lease: a worker that dies stops renewing it and the
-- job becomes claimable again once lease_until has passed.

CREATE TABLE media_job (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL CHECK (kind ~ '^[A-Z0-9_]{1,40}$'),
  evidence_id   uuid NOT NULL,
  state         text NOT NULL DEFAULT 'QUEUED'
                  CHECK (state IN ('QUEUED','RUNNING','SUCCEEDED','FAILED','DEAD')),
  attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts  integer NOT NULL CHECK (max_attempts >= 1),
  run_after     timestamptz NOT NULL DEFAULT now(),
  lease_owner   text CHECK (length(lease_owner) <= 200),
  lease_until   timestamptz,
  progress      smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  last_error    text CHECK (length(last_error) <= 2000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  CONSTRAINT media_job_lease CHECK ((state = 'RUNNING') = (lease_owner IS NOT NULL AND lease_until IS NOT NULL)),
  CONSTRAINT media_job_once UNIQUE (evidence_id, kind)
);
COMMENT ON TABLE media_job IS 'Queued and finished media work; one row per evidence item and kind.';
COMMENT ON COLUMN media_job.evidence_id IS 'The evidence item worked on (no foreign key: the queue also carries the jobs of its own tests and tools).';
COMMENT ON COLUMN media_job.state IS 'QUEUED (waiting for run_after), RUNNING (leased), SUCCEEDED, FAILED (the media cannot be processed: retrying cannot help), DEAD (attempts exhausted; last_error says why).';
COMMENT ON COLUMN media_job.attempts IS 'Claims so far, counted when a worker takes the job.';
COMMENT ON COLUMN media_job.run_after IS 'Earliest next claim; pushed back exponentially after each failed attempt.';
COMMENT ON COLUMN media_job.lease_until IS 'A RUNNING job whose lease passed is claimable again (its worker is presumed dead).';
CREATE INDEX media_job_ready ON media_job (kind, run_after) WHERE state = 'QUEUED';
CREATE INDEX media_job_leased ON media_job (kind, lease_until) WHERE state = 'RUNNING';
CREATE INDEX media_job_evidence ON media_job (evidence_id);
