/**
 * The escrow ledger on PostgreSQL: the tables, columns and guards of the SQLite ledger
 * (src/core/migrations/sqlite/0001_ledger.ts), so rows.ts and verify.ts read both alike.
 * Amounts and ms timestamps are BIGINT; pg hands int8 back as decimal strings.
 */
export default {
  version: 1,
  name: 'ledger',
  sql: `
CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  type TEXT NOT NULL,
  at BIGINT NOT NULL,
  body TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  UNIQUE (kind, aggregate_id, version)
);

-- Balances change on every apply: free space per page keeps those updates HOT (no index writes).
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  owner TEXT,
  currency TEXT NOT NULL,
  flags INTEGER NOT NULL,
  debits_pending BIGINT NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  debits_posted BIGINT NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_pending BIGINT NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  credits_posted BIGINT NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  -- Balance limits, enforced by the schema as a second line behind the ledger code. The sums
  -- are NUMERIC: two valid BIGINT balances may add up beyond 64 bits.
  CONSTRAINT accounts_debits_within_credits CHECK ((flags & 1) = 0 OR debits_pending::numeric + debits_posted <= credits_posted),
  CONSTRAINT accounts_credits_within_debits CHECK ((flags & 2) = 0 OR credits_pending::numeric + credits_posted <= debits_posted)
) WITH (fillfactor = 80);
CREATE INDEX accounts_owner ON accounts (owner) WHERE owner IS NOT NULL;

CREATE TABLE transfers (
  seq BIGINT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('single', 'pending', 'post', 'void')),
  debit_account_id TEXT NOT NULL REFERENCES accounts (id),
  credit_account_id TEXT NOT NULL REFERENCES accounts (id),
  amount BIGINT NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  pending_id TEXT REFERENCES transfers (id),
  order_id TEXT,
  code TEXT NOT NULL,
  at BIGINT NOT NULL,
  CONSTRAINT transfers_kind_matches_pending CHECK ((kind IN ('post', 'void')) = (pending_id IS NOT NULL)),
  CONSTRAINT transfers_accounts_differ CHECK (debit_account_id <> credit_account_id)
);
-- A pending transfer is resolved (posted or voided) at most once.
CREATE UNIQUE INDEX transfers_resolve_once ON transfers (pending_id) WHERE pending_id IS NOT NULL;
CREATE INDEX transfers_order ON transfers (order_id) WHERE order_id IS NOT NULL;

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END
$$;
CREATE TRIGGER transfers_are_immutable BEFORE UPDATE ON transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('transfers are immutable: correct with a reversal');
CREATE TRIGGER transfers_are_append_only BEFORE DELETE ON transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('transfers are append-only: correct with a reversal');
CREATE TRIGGER events_are_immutable BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('events are immutable');
CREATE TRIGGER events_are_append_only BEFORE DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('events are append-only');
-- TRUNCATE skips DELETE triggers (SQLite has no TRUNCATE).
CREATE TRIGGER transfers_are_not_truncated BEFORE TRUNCATE ON transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('transfers are append-only: correct with a reversal');
CREATE TRIGGER events_are_not_truncated BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('events are append-only');

CREATE TABLE orders (
  order_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  buyer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  held BIGINT NOT NULL CHECK (held >= 0),
  refunded BIGINT NOT NULL CHECK (refunded >= 0),
  released BIGINT NOT NULL CHECK (released >= 0),
  fee BIGINT NOT NULL,
  reserve BIGINT NOT NULL,
  fee_bps INTEGER NOT NULL,
  reserve_bps INTEGER NOT NULL,
  hold_transfer_id TEXT,
  paid_at BIGINT NOT NULL,
  shipping_method TEXT,
  tracking_no TEXT,
  shipped_at BIGINT,
  confirm_due_at BIGINT,
  paused_remaining_ms BIGINT,
  extension_used INTEGER NOT NULL,
  dispute_id TEXT,
  dispute_kind TEXT,
  dispute_reason TEXT,
  dispute_claimed BIGINT,
  dispute_opened_at BIGINT,
  risk_hold_reason TEXT,
  buyer_region TEXT,
  shipping_region TEXT,
  device_id TEXT,
  shipping_address TEXT,
  updated_at BIGINT NOT NULL,
  CONSTRAINT orders_amounts_add_up CHECK (held::numeric + refunded + released = amount)
) WITH (fillfactor = 80);
CREATE INDEX orders_merchant ON orders (merchant_id, paid_at);
CREATE INDEX orders_buyer ON orders (buyer_id, paid_at);
CREATE INDEX orders_confirm_due ON orders (confirm_due_at) WHERE confirm_due_at IS NOT NULL;

-- State of aggregate kinds without a table of their own (records received from outside).
CREATE TABLE aggregates (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  type TEXT NOT NULL,
  at BIGINT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);

-- Running ledger digest and other single values.
CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
};
