/** Risk review: flags on risky orders (the risk officers' queue) and the allow / block lists. */
export default {
  version: 3,
  name: 'risk',
  sql: `
CREATE TABLE risk_flags (
  order_id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  buyer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  score INTEGER NOT NULL,
  level TEXT NOT NULL,
  findings TEXT NOT NULL,
  status TEXT NOT NULL,
  flagged_at INTEGER NOT NULL,
  reviewed_by_id TEXT,
  reviewed_by_name TEXT,
  reviewed_at INTEGER,
  note TEXT
);
-- The queue: unreviewed (open) and kept flags, highest score first.
CREATE INDEX risk_flags_queue ON risk_flags (status, score DESC, flagged_at);
CREATE INDEX risk_flags_buyer ON risk_flags (buyer_id);
CREATE INDEX risk_flags_merchant ON risk_flags (merchant_id);

CREATE TABLE risk_list (
  entry_id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  list TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  value TEXT NOT NULL,
  reason TEXT NOT NULL,
  expires_at INTEGER,
  active INTEGER NOT NULL,
  added_by_id TEXT NOT NULL,
  added_by_name TEXT,
  added_at INTEGER NOT NULL,
  removed_at INTEGER
);
CREATE INDEX risk_list_active ON risk_list (active, list, entity_type);
`,
};
