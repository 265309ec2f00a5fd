-- Shared security state (issue #21): failed-login throttling and viewing sessions live in the
-- database every instance uses, so N instances behind a load balancer throttle and audit as one.

CREATE TABLE login_throttle (
  key         bytea PRIMARY KEY CHECK (length(key) = 32),
  attempts    timestamptz[] NOT NULL,
  updated_at  timestamptz NOT NULL
);
COMMENT ON TABLE login_throttle IS 'Counted login attempts per throttling key (user+address, or address alone) within the window; rows idle longer than the window are deleted.';
COMMENT ON COLUMN login_throttle.key IS 'HMAC-SHA256 (key file keys/login-throttle-hmac.key) of the throttling key: neither the typed username nor the address is stored.';
COMMENT ON COLUMN login_throttle.attempts IS 'When each counted attempt began (database time), oldest first: failed ones, and the one in progress; a success takes its own back.';
COMMENT ON COLUMN login_throttle.updated_at IS 'When an attempt was last counted; the row is stale once this is older than the window.';

CREATE TABLE viewing_session (
  viewer       text NOT NULL,
  access       text NOT NULL,
  target_type  text NOT NULL,
  target_id    text NOT NULL,
  opened_by    uuid NOT NULL,
  opened_at    timestamptz NOT NULL,
  last_seen    timestamptz NOT NULL,
  PRIMARY KEY (viewer, access, target_type, target_id),
  CONSTRAINT viewing_session_seen CHECK (last_seen >= opened_at)
);
COMMENT ON TABLE viewing_session IS 'Open viewing sessions of all instances: one per viewer, access (the audit event type) and target; the request that opens one is audited, the others within the idle window are not. Rows idle longer than the window are deleted.';
COMMENT ON COLUMN viewing_session.viewer IS 'Actor kind and id as the audit log names them (USER:<uuid>).';
COMMENT ON COLUMN viewing_session.access IS 'The audit event type the session stands for (evidence.streamed, case.viewed, ...).';
COMMENT ON COLUMN viewing_session.opened_by IS 'A random id of the request that opened the session: how that request, and only it, knows it must audit.';
COMMENT ON COLUMN viewing_session.last_seen IS 'Database time of the last request that reached the database (an instance may answer repeats from its memory for a few seconds).';
