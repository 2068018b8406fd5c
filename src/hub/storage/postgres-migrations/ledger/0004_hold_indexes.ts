/** The partial indexes of src/core/migrations/sqlite/0004_hold_indexes.ts on PostgreSQL. */
export default {
  version: 4,
  name: 'hold_indexes',
  sql: `
CREATE INDEX orders_disputed ON orders (dispute_id) WHERE dispute_id IS NOT NULL;
CREATE INDEX orders_risk_held ON orders (paid_at) WHERE risk_hold_reason IS NOT NULL;
-- Orders in payment order: the overview's day figures, the risk backtest's walk through history.
CREATE INDEX orders_paid_at ON orders (paid_at);
`,
};
