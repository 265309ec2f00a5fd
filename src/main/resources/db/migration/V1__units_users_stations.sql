-- Foundation: enforcement units, user accounts, docking-station credentials.

CREATE TABLE unit (
  id          uuid PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE unit IS 'Enforcement unit (行政执法单位); the scope of most roles.';

CREATE TABLE app_user (
  id             uuid PRIMARY KEY,
  username       text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  password_hash  text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  role           text NOT NULL CHECK (role IN ('ADMIN','OFFICER','REVIEWER','SUPERVISOR','AUDITOR')),
  unit_id        uuid REFERENCES unit (id),
  enabled        boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT app_user_unit_scoped CHECK (role IN ('ADMIN','SUPERVISOR') OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX app_user_username ON app_user (username);
COMMENT ON COLUMN app_user.password_hash IS 'Argon2id PHC string; the password itself is never stored.';
COMMENT ON COLUMN app_user.unit_id IS 'Unit the user belongs to; required for unit-scoped roles (OFFICER, REVIEWER, AUDITOR).';

CREATE TABLE station (
  id          uuid PRIMARY KEY,
  unit_id     uuid NOT NULL REFERENCES unit (id),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  location    text CHECK (length(location) <= 500),
  token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  enabled     boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  token_issued_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE station IS 'Docking station (执法记录仪采集站); authenticates with a bearer token shown once.';
COMMENT ON COLUMN station.token_hash IS 'SHA-256 of the station token (256 random bits), never the token itself.';

-- The admin bootstrap runs at most once in the life of a database, even across instances.
CREATE TABLE bootstrap (
  id          smallint PRIMARY KEY CHECK (id = 1),
  admin_id    uuid NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
