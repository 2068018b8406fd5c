/**
 * Child process of the crash test: applies the seeded batches to a ledger file, resuming after
 * the last one present, and prints `committed <index>` after each commit returns.
 * Usage: crash-writer.ts FILE SEED COUNT
 */
import { SqliteLedger } from '../../src/core/ledger/sqlite-ledger.js';
import { crashBatches } from './crash-batches.js';

const [file, seedText, countText] = process.argv.slice(2);
const batches = crashBatches(Number(seedText), Number(countText));
const ledger = await SqliteLedger.open(file);
for (let i = 0; i < batches.length; i += 1) {
  const outcome = await ledger.apply(batches[i]);
  if (outcome.results.some((r) => r !== 'ok' && r !== 'exists')) throw new Error(`batch ${i}: ${outcome.results.find((r) => r !== 'ok')}`);
  process.stdout.write(`committed ${i}\n`);
}
await ledger.close();
process.stdout.write('done\n');
