/** Reconciliation days, and the ledger movements of a day found by time and type. */
export default {
  version: 7,
  name: 'reconciliation',
  sql: `
CREATE TABLE recon_days (
  day_id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  closed_at INTEGER,
  resolutions TEXT NOT NULL
);
CREATE INDEX events_type_at ON events (type, at);
`,
};
