-- What probing found in an original, and the derived files made from it. Derived files are new
-- objects in the derived bucket; the original is never modified.

CREATE TABLE evidence_media (
  evidence_id     uuid PRIMARY KEY REFERENCES evidence (id),
  container       text CHECK (length(container) <= 100),
  duration_ms     bigint CHECK (duration_ms >= 0),
  video_codec     text CHECK (length(video_codec) <= 100),
  audio_codec     text CHECK (length(audio_codec) <= 100),
  width           integer CHECK (width > 0),
  height          integer CHECK (height > 0),
  frame_rate      double precision CHECK (frame_rate >= 0),
  bit_rate        bigint CHECK (bit_rate >= 0),
  audio_channels  integer CHECK (audio_channels >= 0),
  sample_rate     integer CHECK (sample_rate >= 0),
  creation_time   text CHECK (length(creation_time) <= 100),
  tags            jsonb NOT NULL DEFAULT '{}',
  plays_as_is     boolean NOT NULL DEFAULT false,
  probed_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE evidence_media IS 'Facts FFmpeg reported about an original (container, codecs, duration, resolution, tags).';
COMMENT ON COLUMN evidence_media.plays_as_is IS 'Whether browsers play the original as it is (then it is its own review copy).';
COMMENT ON COLUMN evidence_media.tags IS 'Container metadata tags as FFmpeg reports them (creation_time, location/GPS, make/model, …).';

CREATE TABLE evidence_derived (
  evidence_id      uuid NOT NULL REFERENCES evidence (id),
  kind             text NOT NULL CHECK (kind IN ('REVIEW_COPY','THUMBNAIL','SPRITE')),
  object_key       text NOT NULL UNIQUE,
  object_version   text,
  sha256           bytea NOT NULL CHECK (length(sha256) = 32),
  size             bigint NOT NULL CHECK (size >= 0),
  content_type     text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 255),
  source_sha256    bytea NOT NULL CHECK (length(source_sha256) = 32),
  parameters       jsonb NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (evidence_id, kind)
);
COMMENT ON TABLE evidence_derived IS 'Files made from an original; they never replace it.';
COMMENT ON COLUMN evidence_derived.sha256 IS 'SHA-256 over the derived object''s bytes, computed while they streamed to the store.';
COMMENT ON COLUMN evidence_derived.source_sha256 IS 'SHA-256 of the original the file was made from (equals evidence.sha256).';
COMMENT ON COLUMN evidence_derived.parameters IS 'How it was made (stream copy or transcode, codecs, sizes, FFmpeg version).';
