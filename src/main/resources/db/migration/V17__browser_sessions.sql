-- Browser sessions of the web UI: the cookie carries a random token; only its SHA-256 is stored.
-- A session names the password it was opened for (as access tokens do with their "pwc" claim),
-- so a password change ends it even before the row is deleted.

CREATE TABLE browser_session (
  id              uuid PRIMARY KEY,
  token_hash      bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  user_id         uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  password_stamp  bigint NOT NULL,
  csrf_token      text NOT NULL CHECK (length(csrf_token) BETWEEN 32 AND 128),
  created_at      timestamptz NOT NULL,
  last_seen_at    timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  CHECK (last_seen_at >= created_at AND expires_at > created_at)
);
CREATE INDEX browser_session_user ON browser_session (user_id);
CREATE INDEX browser_session_expires ON browser_session (expires_at);
COMMENT ON TABLE browser_session IS 'Signed-in browser (web UI); ended by sign-out, idle timeout, lifetime, password change or disabling the user.';
COMMENT ON COLUMN browser_session.token_hash IS 'SHA-256 of the session cookie''s token, never the token itself.';
COMMENT ON COLUMN browser_session.password_stamp IS 'app_user.password_changed_at in epoch microseconds when the session was opened (TokenService pwc).';
COMMENT ON COLUMN browser_session.csrf_token IS 'Per-session CSRF token: every unsafe request authenticated by the cookie must send it in X-CSRF-Token.';
