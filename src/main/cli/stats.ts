import { existsSync } from 'node:fs';
import { parseOptions, UsageError } from '../../core/cli-args.js';
import { ConsoleStore } from '../store/console-store.js';
import { morningStats } from '../services/stats.js';

export const STATS_USAGE = 'console stats --db FILE';

/** `console stats --db FILE`: one JSON object with the morning counts. */
export async function statsCommand(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, { db: { value: true, required: true } });
  const file = options.db as string;
  if (!existsSync(file)) throw new UsageError(`no database at ${file}`);
  const store = await ConsoleStore.open(file);
  try {
    process.stdout.write(`${JSON.stringify(await morningStats(store.ledger.db.read, Date.now()), null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
