import { existsSync } from 'node:fs';
import { auditInvariant } from '../../core/audit/sqlite-audit.js';
import { SqliteLedger } from '../../core/ledger/sqlite-ledger.js';
import { verifyLedger, type InvariantCheck } from '../../core/ledger/verify.js';
import { parseOptions, UsageError } from '../../core/cli-args.js';

export const VERIFY_USAGE = 'console verify --db FILE';

/**
 * The entry at the head the hub last acknowledged must still be there, unchanged: a tail
 * re-hashed after it was anchored keeps a valid chain but loses (or changes) that entry.
 */
const anchoredHeadInvariant: InvariantCheck = async (query) => {
  const name = 'audit_head_anchored';
  const tables = await query("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sync_state', 'audit_log')");
  if (tables.length < 2) return { name, ok: true, violations: [] };
  const [anchor] = await query("SELECT value FROM sync_state WHERE key = 'audit_anchor'");
  if (!anchor) return { name, ok: true, violations: [] };
  const head = JSON.parse(String(anchor.value)) as { seq: number; hash: string };
  const [entry] = await query('SELECT hash FROM audit_log WHERE seq = ?', [head.seq]);
  if (entry?.hash === head.hash) return { name, ok: true, violations: [] };
  return { name, ok: false, violations: [`audit seq ${head.seq} was anchored at the hub with hash ${head.hash.slice(0, 12)}…, the log now ${entry ? `has ${String(entry.hash).slice(0, 12)}…` : 'has no such entry'}`] };
};

/** `console verify --db FILE`: one JSON report; exit 1 when an invariant fails. */
export async function verifyCommand(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, { db: { value: true, required: true } });
  const file = options.db as string;
  if (!existsSync(file)) throw new UsageError(`no database at ${file}`);
  const ledger = await SqliteLedger.open(file, { checkOnly: true });
  try {
    const report = await ledger.db.snapshot((conn) => verifyLedger((sql, params) => conn.all(sql, params), [auditInvariant, anchoredHeadInvariant]));
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.ok) process.stderr.write(`verify: broken invariants: ${report.failed.join(', ')}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await ledger.close();
  }
}
