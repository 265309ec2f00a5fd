-- Registry: officers (执法人员) with their certificate history, and bodycams (执法记录仪) with their
-- custody history (谁使用、谁保管、谁负责).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Every substring of one and two characters of t. Trigram indexes cannot answer queries shorter
-- than three characters, and Chinese names and words are often one or two (张三, 拆除): a GIN
-- index over this array answers those with "grams @> ARRAY[query]".
CREATE FUNCTION custodia_grams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{}')
    FROM (SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
          UNION ALL
          SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i) AS grams
  $$;
COMMENT ON FUNCTION custodia_grams(text) IS 'Unigrams and bigrams of the text, for 1-2 character free-text queries.';

CREATE TABLE officer (
  id                       uuid PRIMARY KEY,
  unit_id                  uuid NOT NULL REFERENCES unit (id),
  name                     text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role                     text NOT NULL CHECK (role IN ('OFFICER','AUXILIARY')),
  certificate_no           text UNIQUE CHECK (certificate_no ~ '^[A-Za-z0-9-]{1,32}$'),
  certificate_status       text CHECK (certificate_status IN ('GREEN','YELLOW','RED')),
  certificate_valid_from   date,
  certificate_valid_until  date,
  next_review_date         date,
  created_at               timestamptz NOT NULL DEFAULT now(),
  search_text              text GENERATED ALWAYS AS
                             (lower(name || E'\n' || coalesce(certificate_no, ''))) STORED,
  CONSTRAINT officer_certificate_window CHECK (certificate_valid_until >= certificate_valid_from),
  CONSTRAINT officer_certified CHECK (role = 'AUXILIARY' OR (certificate_no IS NOT NULL
    AND certificate_status IS NOT NULL AND certificate_valid_until IS NOT NULL))
);
COMMENT ON TABLE officer IS 'Enforcement officer or auxiliary staff (执法辅助人员, never the responsible officer).';
COMMENT ON COLUMN officer.certificate_status IS 'Certificate red/yellow/green status (红黄绿管理); current value, history in officer_certificate_event.';
COMMENT ON COLUMN officer.next_review_date IS 'Date of the next yearly certificate review.';
CREATE INDEX officer_unit ON officer (unit_id, id);
CREATE INDEX officer_search_trgm ON officer USING gin (search_text gin_trgm_ops);
CREATE INDEX officer_search_grams ON officer USING gin (custodia_grams(search_text));

CREATE TABLE officer_certificate_event (
  id            uuid PRIMARY KEY,
  officer_id    uuid NOT NULL REFERENCES officer (id),
  status        text CHECK (status IN ('GREEN','YELLOW','RED')),
  previous_status text CHECK (previous_status IN ('GREEN','YELLOW','RED')),
  valid_from    date,
  valid_until   date,
  next_review_date date,
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  changed_at    timestamptz NOT NULL DEFAULT now(),
  changed_by    text
);
COMMENT ON TABLE officer_certificate_event IS 'Append-only history of certificate status changes (registration included).';
CREATE INDEX officer_certificate_event_officer ON officer_certificate_event (officer_id, changed_at, id);

CREATE TABLE device (
  id                        uuid PRIMARY KEY,
  unit_id                   uuid NOT NULL REFERENCES unit (id),
  serial                    text NOT NULL CHECK (serial ~ '^[A-Za-z0-9._-]{1,64}$'),
  model                     text NOT NULL CHECK (length(model) BETWEEN 1 AND 100),
  created_at                timestamptz NOT NULL DEFAULT now(),
  clock_offset_ms           bigint,
  clock_offset_reported_at  timestamptz,
  clock_offset_station_id   uuid REFERENCES station (id),
  search_text               text GENERATED ALWAYS AS (lower(serial || E'\n' || model)) STORED,
  CONSTRAINT device_model_serial UNIQUE (model, serial)
);
COMMENT ON TABLE device IS 'Recording device (bodycam, 执法记录仪).';
COMMENT ON COLUMN device.clock_offset_ms IS 'Device clock minus station clock, as last reported by a docking station; NULL while unknown.';
CREATE INDEX device_unit ON device (unit_id, id);
CREATE INDEX device_search_trgm ON device USING gin (search_text gin_trgm_ops);

CREATE TABLE device_custody (
  id           uuid PRIMARY KEY,
  device_id    uuid NOT NULL REFERENCES device (id),
  officer_id   uuid NOT NULL REFERENCES officer (id),
  period       tstzrange NOT NULL CHECK (NOT isempty(period) AND NOT lower_inf(period)),
  reason       text CHECK (length(reason) <= 1000),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  recorded_by  text,
  CONSTRAINT device_custody_no_overlap EXCLUDE USING gist (device_id WITH =, period WITH &&)
);
COMMENT ON TABLE device_custody IS 'Who held a device from when to when; periods of one device never overlap; the open one is the current custodian.';
CREATE INDEX device_custody_officer ON device_custody USING gist (officer_id, period);
