/** Merchants on PostgreSQL: the tables and indexes of src/core/migrations/sqlite/0005_merchants.ts. */
export default {
  version: 5,
  name: 'merchants',
  sql: `
CREATE TABLE applications (
  application_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  merchant_id TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  segment TEXT NOT NULL,
  status TEXT NOT NULL,
  application TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  requested TEXT,
  decided_by_id TEXT,
  decided_by_name TEXT,
  decided_at BIGINT,
  decision TEXT
);
CREATE INDEX applications_pipeline ON applications (status, received_at);
CREATE INDEX applications_merchant ON applications (merchant_id);

CREATE TABLE merchants (
  merchant_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  application_id TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  tier TEXT NOT NULL,
  payout_schedule TEXT NOT NULL,
  reserve_bps INTEGER NOT NULL,
  bank_account TEXT NOT NULL,
  activated_at BIGINT NOT NULL,
  suspended_reason TEXT
);
CREATE INDEX merchants_schedule ON merchants (status, payout_schedule);

CREATE TABLE payouts (
  payout_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  merchant_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL,
  hold_transfer_id TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  settled_at BIGINT,
  failure_reason TEXT,
  reissue_of TEXT,
  reissued_as TEXT
);
CREATE INDEX payouts_status ON payouts (status, created_at);
CREATE INDEX payouts_merchant ON payouts (merchant_id, created_at);
CREATE INDEX payouts_settled ON payouts (settled_at) WHERE settled_at IS NOT NULL;
`,
};
