/**
 * Staff who signed in on this console, with a scrypt hash of their password: the console can
 * then unlock, and sign them in again, while the hub is out of reach. Signing in at the hub
 * refreshes the entry; the hub stays the authority for every command.
 */
export default {
  version: 5,
  name: 'offline_credentials',
  sql: `
CREATE TABLE offline_credentials (
  name TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  verified_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
