-- WORM: what protects one object version, as the service itself enforces it on every store (and
-- mirrors as S3 Object Lock where the store enforces that too). Owned by the storage package; the
-- object-store port refuses to delete a version within its retention or under a legal hold.
-- version_id is '' for a store without versioning. A retention is only ever extended.

CREATE TABLE object_protection (
  bucket        text NOT NULL CHECK (length(bucket) BETWEEN 1 AND 63),
  object_key    text NOT NULL CHECK (length(object_key) BETWEEN 1 AND 1024),
  version_id    text NOT NULL CHECK (length(version_id) <= 1024),
  retain_until  timestamptz,
  legal_hold    boolean NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bucket, object_key, version_id)
);

-- rows still protecting something, for the four-property report and disposal
CREATE INDEX object_protection_held ON object_protection (bucket) WHERE legal_hold;
