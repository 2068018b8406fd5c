/**
 * The reconciliation workspace of this console: for each day, what matching found (recomputed
 * whenever statements are imported or the ledger moves); resolutions and day closes are
 * commands, kept in the replicated ledger (recon_days).
 */
export default {
  version: 3,
  name: 'reconciliation',
  sql: `
CREATE TABLE recon_results (
  day_id TEXT PRIMARY KEY,
  expected INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  matched INTEGER NOT NULL,
  exceptions INTEGER NOT NULL,
  computed_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE recon_exceptions (
  day_id TEXT NOT NULL,
  key TEXT NOT NULL,
  category TEXT NOT NULL,
  item_key TEXT,
  line_id INTEGER,
  currency TEXT NOT NULL,
  expected_amount INTEGER,
  statement_amount INTEGER,
  difference INTEGER,
  reference TEXT,
  detail TEXT NOT NULL,
  PRIMARY KEY (day_id, key)
) WITHOUT ROWID;
CREATE INDEX recon_exceptions_category ON recon_exceptions (category);
`,
};
