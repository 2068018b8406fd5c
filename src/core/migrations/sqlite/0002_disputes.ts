/** Disputes: the state of each dispute, indexed for the agents' queue. */
export default {
  version: 2,
  name: 'disputes',
  sql: `
CREATE TABLE disputes (
  dispute_id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  buyer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  held_at_open INTEGER NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  claimed_amount INTEGER NOT NULL,
  status TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  -- The SLA deadline of the current status; NULL once the dispute is closed.
  deadline_at INTEGER,
  assignee_id TEXT,
  assignee_name TEXT,
  proposal TEXT,
  refund_amount INTEGER NOT NULL,
  release_amount INTEGER NOT NULL,
  messages INTEGER NOT NULL,
  last_message_at INTEGER,
  updated_at INTEGER NOT NULL
);
-- The open queue, by deadline (overdue first): closed disputes have no deadline.
CREATE INDEX disputes_open_by_deadline ON disputes (deadline_at) WHERE deadline_at IS NOT NULL;
CREATE INDEX disputes_status ON disputes (status, opened_at);
CREATE INDEX disputes_assignee ON disputes (assignee_id, deadline_at) WHERE assignee_id IS NOT NULL;
CREATE INDEX disputes_merchant ON disputes (merchant_id, opened_at);
CREATE INDEX disputes_buyer ON disputes (buyer_id, opened_at);
CREATE INDEX disputes_order ON disputes (order_id);
CREATE INDEX disputes_opened ON disputes (opened_at);
`,
};
