-- Working-day calendar and disclosure deadlines (docs/calendar-and-disclosure.md).
-- calendar_year is one year's State Council notice on public holidays (its source, whether it
-- came bundled with the application or was added by an administrator); calendar_day holds the
-- days that notice names: holidays (off_day) and adjusted working days (调休, not off_day). Every
-- other day of a covered year is a working day from Monday to Friday and a rest day at weekends.
-- A year without a calendar_year row is not covered: its dates are unknown, never guessed.
-- case_disclosure is what was done about one case decision's disclosure: when it was published,
-- when a revoked decision was revoked and withdrawn, and the decision kind when it was set by hand.

CREATE TABLE calendar_year (
  year        integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  bundled     boolean NOT NULL,
  revision    integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  reason      text CHECK (length(reason) BETWEEN 1 AND 1000),
  updated_by  uuid,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE calendar_year IS 'One year''s State Council holiday notice: the year is covered by the calendar.';
COMMENT ON COLUMN calendar_year.source IS 'Where the notice is published (the gov.cn address).';
COMMENT ON COLUMN calendar_year.bundled IS 'Loaded from the data bundled with the application (src/main/resources/calendar), not entered by an administrator.';
COMMENT ON COLUMN calendar_year.revision IS '1 as first loaded or added; each correction adds one.';
COMMENT ON COLUMN calendar_year.reason IS 'Why the year was last corrected; NULL until it is.';
COMMENT ON COLUMN calendar_year.updated_by IS 'The administrator who last added or corrected the year; NULL when bundled.';

CREATE TABLE calendar_day (
  day       date PRIMARY KEY,
  year      integer NOT NULL REFERENCES calendar_year (year) ON DELETE CASCADE,
  name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  off_day   boolean NOT NULL
);
COMMENT ON TABLE calendar_day IS 'A day a holiday notice names: a public holiday (off_day) or an adjusted working day (调休).';
COMMENT ON COLUMN calendar_day.year IS 'The notice naming the day (a New Year holiday may begin on 31 December of the year before).';
COMMENT ON COLUMN calendar_day.name IS 'The holiday, as the notice names it (春节, 国庆节).';
COMMENT ON COLUMN calendar_day.off_day IS 'true: a holiday, no work; false: a weekend day worked instead (调休).';
CREATE INDEX calendar_day_year ON calendar_day (year);

CREATE TABLE case_disclosure (
  case_id       uuid PRIMARY KEY REFERENCES enforcement_case (id),
  unit_id       uuid NOT NULL REFERENCES unit (id),
  kind          text CHECK (kind IN ('PENALTY','LICENSING','OTHER')),
  disclosed_on  date,
  revoked_on    date,
  withdrawn_on  date,
  recorded_by   uuid,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (withdrawn_on IS NULL OR revoked_on IS NOT NULL),
  CHECK (withdrawn_on IS NULL OR withdrawn_on >= revoked_on)
);
COMMENT ON TABLE case_disclosure IS 'The disclosure (公示) of one case decision as recorded by its unit; deadlines and status are computed on read.';
COMMENT ON COLUMN case_disclosure.kind IS 'The decision kind set by hand; NULL: derived from the case type (PENALTY, LICENSING, else OTHER).';
COMMENT ON COLUMN case_disclosure.disclosed_on IS 'The day the decision was published (公示); NULL: not yet.';
COMMENT ON COLUMN case_disclosure.revoked_on IS 'The day a revoked decision was revoked; the withdrawal period runs from it.';
COMMENT ON COLUMN case_disclosure.withdrawn_on IS 'The day a revoked decision''s publication was withdrawn (撤下); NULL: not yet.';
COMMENT ON COLUMN case_disclosure.recorded_by IS 'Who last recorded a date (the user whose status change revoked the case, for revoked_on).';
CREATE INDEX case_disclosure_unit ON case_disclosure (unit_id);
