/** Evidence files by content hash, as on SQLite (see its 0002): stored once, never changed. */
export default {
  version: 2,
  name: 'attachments',
  sql: `
CREATE TABLE attachments (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf')),
  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 5242880),
  bytes BYTEA NOT NULL CHECK (octet_length(bytes) = size),
  received_at BIGINT NOT NULL
);
-- ledger_refuse_change is the ledger scope's (0001), which migrates before the hub's.
CREATE TRIGGER attachments_are_immutable BEFORE UPDATE OR DELETE ON attachments
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('attachments are immutable and never deleted');
CREATE TRIGGER attachments_are_not_truncated BEFORE TRUNCATE ON attachments
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('attachments are never deleted');
`,
};
