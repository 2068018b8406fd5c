import { existsSync } from 'node:fs';
import { SqliteLedger } from '../../core/ledger/sqlite-ledger.js';
import { verifyLedger } from '../../core/ledger/verify.js';
import { parseOptions, UsageError } from '../../core/cli-args.js';

export const VERIFY_USAGE = 'console verify --db FILE';

/** `console verify --db FILE`: one JSON report; exit 1 when an invariant fails. */
export async function verifyCommand(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, { db: { value: true, required: true } });
  const file = options.db as string;
  if (!existsSync(file)) throw new UsageError(`no database at ${file}`);
  const ledger = await SqliteLedger.open(file, { checkOnly: true });
  try {
    const report = await ledger.db.snapshot((conn) => verifyLedger((sql, params) => conn.all(sql, params)));
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.ok) process.stderr.write(`verify: broken invariants: ${report.failed.join(', ')}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await ledger.close();
  }
}
