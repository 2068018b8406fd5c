/** Disputes on PostgreSQL: the table and indexes of src/core/migrations/sqlite/0002_disputes.ts. */
export default {
  version: 2,
  name: 'disputes',
  sql: `
CREATE TABLE disputes (
  dispute_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  buyer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  held_at_open BIGINT NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  claimed_amount BIGINT NOT NULL,
  status TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  deadline_at BIGINT,
  assignee_id TEXT,
  assignee_name TEXT,
  proposal TEXT,
  refund_amount BIGINT NOT NULL,
  release_amount BIGINT NOT NULL,
  messages INTEGER NOT NULL,
  last_message_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX disputes_open_by_deadline ON disputes (deadline_at) WHERE deadline_at IS NOT NULL;
CREATE INDEX disputes_status ON disputes (status, opened_at);
CREATE INDEX disputes_assignee ON disputes (assignee_id, deadline_at) WHERE assignee_id IS NOT NULL;
CREATE INDEX disputes_merchant ON disputes (merchant_id, opened_at);
CREATE INDEX disputes_buyer ON disputes (buyer_id, opened_at);
CREATE INDEX disputes_order ON disputes (order_id);
CREATE INDEX disputes_opened ON disputes (opened_at);
`,
};
