/** Reconciliation days on PostgreSQL: the table and index of src/core/migrations/sqlite/0007_reconciliation.ts. */
export default {
  version: 7,
  name: 'reconciliation',
  sql: `
CREATE TABLE recon_days (
  day_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  closed_at BIGINT,
  resolutions TEXT NOT NULL
);
CREATE INDEX events_type_at ON events (type, at);
`,
};
