-- Dossier exports: a request to copy a case's evidence out of the archive, its approval by a second
-- person, and the package job. The job is claimed with SELECT … FOR UPDATE SKIP LOCKED; a claim is
-- a lease, and a BUILDING export whose lease expired is built again from the start.

CREATE TABLE export_request (
  id                uuid PRIMARY KEY,
  case_id           uuid NOT NULL REFERENCES enforcement_case (id),
  unit_id           uuid NOT NULL REFERENCES unit (id),
  requested_by      uuid NOT NULL,
  requested_at      timestamptz NOT NULL DEFAULT now(),
  purpose           text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
  recipient         text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 500),
  include_derived   boolean NOT NULL DEFAULT false,
  report_language   text NOT NULL DEFAULT 'zh-CN' CHECK (report_language IN ('zh-CN','en')),
  dossier           jsonb NOT NULL,
  evidence_ids      uuid[] NOT NULL,
  state             text NOT NULL CHECK (state IN
                      ('PENDING_APPROVAL','BUILDING','READY','REFUSED','FAILED','EXPIRED')),
  decided_by        uuid,
  decided_at        timestamptz,
  decision_reason   text CHECK (length(decision_reason) <= 1000),
  attempts          integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  lease_owner       text CHECK (length(lease_owner) <= 200),
  lease_until       timestamptz,
  upload_id         text CHECK (length(upload_id) <= 1000),
  upload_key        text CHECK (length(upload_key) <= 1000),
  files_total       integer NOT NULL DEFAULT 0 CHECK (files_total >= 0),
  files_done        integer NOT NULL DEFAULT 0 CHECK (files_done >= 0),
  bytes_total       bigint NOT NULL DEFAULT 0 CHECK (bytes_total >= 0),
  bytes_done        bigint NOT NULL DEFAULT 0 CHECK (bytes_done >= 0),
  object_key        text UNIQUE CHECK (length(object_key) <= 1000),
  object_version    text,
  package_size      bigint CHECK (package_size >= 0),
  package_sha256    bytea CHECK (length(package_sha256) = 32),
  failure           text CHECK (length(failure) <= 2000),
  failed_evidence   uuid,
  audit_tree_size   bigint CHECK (audit_tree_size >= 0),
  built_at          timestamptz,
  expires_at        timestamptz,
  expired_at        timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT export_ready_has_package CHECK (state <> 'READY'
    OR (object_key IS NOT NULL AND package_size IS NOT NULL AND package_sha256 IS NOT NULL
        AND expires_at IS NOT NULL)),
  CONSTRAINT export_lease CHECK (lease_owner IS NULL OR state = 'BUILDING')
);
COMMENT ON TABLE export_request IS 'A request to export one case as a BagIt package, its approval and its build.';
COMMENT ON COLUMN export_request.dossier IS 'The case facts as they stood when the export was requested (written into data/dossier.json).';
COMMENT ON COLUMN export_request.report_language IS 'The language of data/custody-report.html, chosen with the request.';
COMMENT ON COLUMN export_request.evidence_ids IS 'The records linked to the case when the export was requested: exactly these are packaged.';
COMMENT ON COLUMN export_request.lease_until IS 'A BUILDING export whose lease passed is claimed again and built from the start.';
COMMENT ON COLUMN export_request.upload_id IS 'The multipart upload of the build in progress; aborted when the build fails or is taken over.';
COMMENT ON COLUMN export_request.upload_key IS 'The object key of the build in progress: one per attempt, so that a worker which lost its lease can never overwrite the package of the build that took over.';
COMMENT ON COLUMN export_request.package_sha256 IS 'SHA-256 of the whole package object, computed while it was written.';
COMMENT ON COLUMN export_request.audit_tree_size IS 'Size of the signed audit checkpoint the package proves its entries against (the next export of the case proves consistency from it).';
COMMENT ON COLUMN export_request.failed_evidence IS 'The record whose stored bytes did not match their recorded hashes, when that failed the build.';
CREATE INDEX export_request_case ON export_request (case_id, requested_at);
CREATE INDEX export_request_building ON export_request (lease_until) WHERE state = 'BUILDING';
CREATE INDEX export_request_expiring ON export_request (expires_at) WHERE state = 'READY';
