-- The user account that acts as an officer: links a sign-in (app_user, package security) to the
-- registry's officer (package dossier), so that an officer's "my recordings" can be told apart
-- from the unit's. At most one account per officer and one officer per account; the service
-- allows only OFFICER-role accounts of the officer's own unit.

ALTER TABLE officer ADD COLUMN user_id uuid UNIQUE REFERENCES app_user (id);
COMMENT ON COLUMN officer.user_id IS 'User account (OFFICER role, same unit) that acts as this officer; NULL while none is linked.';
