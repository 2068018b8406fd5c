/** The hub's own tables on PostgreSQL, as on SQLite: staff, sessions, answers, checkpoints. */
export default {
  version: 1,
  name: 'hub',
  sql: `
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('agent', 'risk', 'onboarding', 'finance', 'admin')),
  password_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  disabled BOOLEAN NOT NULL DEFAULT false,
  created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- The first answer to every command and marketplace event, by its client id: a retry gets
-- the same answer; the same id with another body is refused.
CREATE TABLE answers (
  source TEXT NOT NULL CHECK (source IN ('staff', 'marketplace')),
  id TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  actor_id TEXT,
  type TEXT,
  aggregate_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
  answer TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (source, id)
);
CREATE INDEX answers_rejected ON answers (at) WHERE status = 'rejected';

-- The ledger checksum after every committed batch: pages of the event log end on one.
CREATE TABLE checkpoints (
  seq BIGINT PRIMARY KEY,
  checksum TEXT NOT NULL
);
`,
};
