/**
 * The audit trail on PostgreSQL, as src/core/audit/migrations/0001_audit.ts on SQLite. actor
 * and detail are TEXT holding canonical JSON, not jsonb: the stored bytes are the bytes that
 * were hashed (jsonb would reorder and renormalise them). The triggers are a second line
 * behind the chain: they stop mistakes and casual edits, the chain catches whoever drops them.
 */
import { GENESIS_HASH } from '../../../../core/audit/chain.js';

export default {
  version: 1,
  name: 'audit',
  sql: `
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY CHECK (seq >= 1),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
);

-- Row by row: a multi-row INSERT's later rows see its earlier ones, so a batch chains too.
CREATE FUNCTION audit_log_extends_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq <> coalesce((SELECT max(seq) FROM audit_log), 0) + 1
     OR NEW.prev_hash <> coalesce((SELECT hash FROM audit_log WHERE seq = NEW.seq - 1), '${GENESIS_HASH}') THEN
    RAISE EXCEPTION 'an audit entry must extend the head of the audit log';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_extends_head BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_extends_head();

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END
$$;
CREATE TRIGGER audit_log_is_immutable BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change('the audit log is append-only: entries cannot be changed');
CREATE TRIGGER audit_log_is_append_only BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change('the audit log is append-only: entries cannot be deleted');
-- TRUNCATE skips DELETE triggers (SQLite has no TRUNCATE).
CREATE TRIGGER audit_log_is_not_truncated BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change('the audit log is append-only: entries cannot be deleted');
`,
};
