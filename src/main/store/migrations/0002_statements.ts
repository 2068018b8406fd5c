/**
 * Statements imported on this console for reconciliation: the files, their lines (each with
 * its raw hash and line number, unique per account so a re-import adds nothing), and the saved
 * column mappings of generic CSV files.
 */
export default {
  version: 2,
  name: 'statements',
  sql: `
CREATE TABLE statement_files (
  file_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('trade', 'bank')),
  account TEXT NOT NULL,
  period_from INTEGER,
  period_to INTEGER,
  lines INTEGER NOT NULL,
  imported_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE statement_lines (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  raw_hash TEXT NOT NULL,
  -- The n-th byte-identical record of one file (a bank may list the same line twice).
  occurrence INTEGER NOT NULL,
  file_hash TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  kind TEXT NOT NULL,
  booked_at INTEGER NOT NULL,
  -- The reconciliation day, China Standard Time (YYYY-MM-DD).
  day TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  reference TEXT NOT NULL,
  counterparty TEXT,
  description TEXT,
  external_id TEXT,
  line_kind TEXT,
  fee INTEGER,
  refund_reference TEXT,
  UNIQUE (account, raw_hash, occurrence)
);
CREATE INDEX statement_lines_day ON statement_lines (kind, day);
CREATE INDEX statement_lines_reference ON statement_lines (reference);
CREATE TRIGGER statement_lines_are_immutable BEFORE UPDATE ON statement_lines
BEGIN SELECT RAISE(ABORT, 'imported statement lines are immutable'); END;

CREATE TABLE csv_mappings (
  name TEXT PRIMARY KEY,
  mapping TEXT NOT NULL,
  saved_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
