/** The console's own tables: sync cursor and checkpoint, and the outbox of staff commands. */
export default {
  version: 1,
  name: 'console',
  sql: `
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Commands decided on this console, written in the same transaction as the local intent and
-- sent to the hub in order. A final answer (accepted or rejected) is kept with the command.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  type TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  expected_version INTEGER NOT NULL,
  request TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  answer TEXT,
  answered_at INTEGER
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE status = 'pending';
CREATE INDEX outbox_aggregate ON outbox (aggregate_id, status);

-- Who else works on the hub (for assigning cases), as last fetched: usable offline.
CREATE TABLE staff_directory (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
