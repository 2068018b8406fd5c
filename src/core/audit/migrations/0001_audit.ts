/**
 * The audit trail (src/core/audit/chain.ts). actor and detail are canonical JSON text, not a
 * JSON type: the stored bytes are the bytes that were hashed (PostgreSQL's jsonb would reorder
 * and renormalise them). The triggers are a second line behind the chain: they stop mistakes
 * and casual edits, the chain catches whoever drops them.
 */
import { GENESIS_HASH } from '../chain.js';

export default {
  version: 1,
  name: 'audit',
  sql: `
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
);

CREATE TRIGGER audit_log_extends_head BEFORE INSERT ON audit_log
WHEN NEW.seq <> coalesce((SELECT max(seq) FROM audit_log), 0) + 1
  OR NEW.prev_hash <> coalesce((SELECT hash FROM audit_log WHERE seq = NEW.seq - 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, 'an audit entry must extend the head of the audit log'); END;
CREATE TRIGGER audit_log_is_immutable BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;
CREATE TRIGGER audit_log_is_append_only BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END;
`,
};
