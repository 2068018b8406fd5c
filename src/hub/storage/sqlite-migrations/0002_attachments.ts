/**
 * Evidence files the marketplace uploaded, by the SHA-256 of their bytes: a file sent twice is
 * stored once, and a row can never hold bytes of another hash (the hub checks before insert,
 * the primary key and the triggers keep it that way: files are never changed or removed, like
 * the events that reference them).
 */
export default {
  version: 2,
  name: 'attachments',
  sql: `
CREATE TABLE attachments (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf')),
  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 5242880),
  bytes BLOB NOT NULL CHECK (length(bytes) = size),
  received_at INTEGER NOT NULL
);
CREATE TRIGGER attachments_immutable BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are immutable'); END;
CREATE TRIGGER attachments_kept BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are never deleted'); END;
`,
};
