/** The escrow ledger: events, orders, accounts, immutable two-phase transfers. */
export default {
  version: 1,
  name: 'ledger',
  sql: `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  body TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  UNIQUE (kind, aggregate_id, version)
);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  owner TEXT,
  currency TEXT NOT NULL,
  flags INTEGER NOT NULL,
  debits_pending INTEGER NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  debits_posted INTEGER NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_pending INTEGER NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  credits_posted INTEGER NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  -- Balance limits, enforced by the schema as a second line behind the ledger code.
  CHECK ((flags & 1) = 0 OR debits_pending + debits_posted <= credits_posted),
  CHECK ((flags & 2) = 0 OR credits_pending + credits_posted <= debits_posted)
) WITHOUT ROWID;
CREATE INDEX accounts_owner ON accounts (owner) WHERE owner IS NOT NULL;

CREATE TABLE transfers (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('single', 'pending', 'post', 'void')),
  debit_account_id TEXT NOT NULL REFERENCES accounts (id),
  credit_account_id TEXT NOT NULL REFERENCES accounts (id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  pending_id TEXT REFERENCES transfers (id),
  order_id TEXT,
  code TEXT NOT NULL,
  at INTEGER NOT NULL,
  CHECK ((kind IN ('post', 'void')) = (pending_id IS NOT NULL)),
  CHECK (debit_account_id <> credit_account_id)
);
-- A pending transfer is resolved (posted or voided) at most once.
CREATE UNIQUE INDEX transfers_resolve_once ON transfers (pending_id) WHERE pending_id IS NOT NULL;
CREATE INDEX transfers_order ON transfers (order_id) WHERE order_id IS NOT NULL;

CREATE TRIGGER transfers_are_immutable BEFORE UPDATE ON transfers
BEGIN SELECT RAISE(ABORT, 'transfers are immutable: correct with a reversal'); END;
CREATE TRIGGER transfers_are_append_only BEFORE DELETE ON transfers
BEGIN SELECT RAISE(ABORT, 'transfers are append-only: correct with a reversal'); END;
CREATE TRIGGER events_are_immutable BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
CREATE TRIGGER events_are_append_only BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE orders (
  order_id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  buyer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  held INTEGER NOT NULL CHECK (held >= 0),
  refunded INTEGER NOT NULL CHECK (refunded >= 0),
  released INTEGER NOT NULL CHECK (released >= 0),
  fee INTEGER NOT NULL,
  reserve INTEGER NOT NULL,
  fee_bps INTEGER NOT NULL,
  reserve_bps INTEGER NOT NULL,
  hold_transfer_id TEXT,
  paid_at INTEGER NOT NULL,
  shipping_method TEXT,
  tracking_no TEXT,
  shipped_at INTEGER,
  confirm_due_at INTEGER,
  paused_remaining_ms INTEGER,
  extension_used INTEGER NOT NULL,
  dispute_id TEXT,
  dispute_kind TEXT,
  dispute_reason TEXT,
  dispute_claimed INTEGER,
  dispute_opened_at INTEGER,
  risk_hold_reason TEXT,
  buyer_region TEXT,
  shipping_region TEXT,
  device_id TEXT,
  shipping_address TEXT,
  updated_at INTEGER NOT NULL,
  CHECK (held + refunded + released = amount)
);
CREATE INDEX orders_merchant ON orders (merchant_id, paid_at);
CREATE INDEX orders_buyer ON orders (buyer_id, paid_at);
CREATE INDEX orders_confirm_due ON orders (confirm_due_at) WHERE confirm_due_at IS NOT NULL;

-- State of aggregate kinds without a table of their own (records received from outside).
CREATE TABLE aggregates (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);

-- Running ledger digest and other single values.
CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`,
};
