-- A finding's detail as a code with its arguments beside the English sentence, so that pages say it
-- in the reader's language (zh-CN by default) instead of showing the engine's English. Findings
-- stored before this have neither and are shown with their English detail.
ALTER TABLE compliance_finding ADD COLUMN detail_code text CHECK (detail_code ~ '^[a-z][a-z0-9-]{0,63}$');
ALTER TABLE compliance_finding ADD COLUMN detail_args text[];
COMMENT ON COLUMN compliance_finding.detail_code IS 'What the detail says, as a code (RuleEngine): no-recording, gap, too-few-officers, …; null for findings stored before V32.';
COMMENT ON COLUMN compliance_finding.detail_args IS 'The values the detail names (seconds, counts, a status, a day), in the order of its code.';
