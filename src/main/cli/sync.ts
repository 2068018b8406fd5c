/**
 * `console sync --hub URL --db FILE --user NAME [--follow] [--resync]` (password in
 * ESCROW_PASSWORD): signs in, pushes the outbox and pulls the log until caught up, then prints
 * one JSON summary. --follow keeps syncing (long-poll) until SIGINT/SIGTERM. --resync first
 * rebuilds the local ledger from the hub (after a drift alarm).
 */
import { parseOptions, urlOption, UsageError } from '../../core/cli-args.js';
import { hubUrlSchema } from '../../shared/schemas.js';
import { ConsoleStore } from '../store/console-store.js';
import { HubClient, HubError } from '../sync/hub-client.js';
import { rebuildFromHub } from '../sync/resync.js';
import { SyncClient } from '../sync/sync-client.js';

export const SYNC_USAGE = 'console sync --hub URL --db FILE --user NAME [--follow] [--resync]   (password: ESCROW_PASSWORD)';

export async function syncCommand(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, {
    hub: { value: true, required: true },
    db: { value: true, required: true },
    user: { value: true, required: true },
    follow: { value: false },
    resync: { value: false },
  });
  const password = process.env.ESCROW_PASSWORD;
  if (!password) throw new UsageError('set the password in ESCROW_PASSWORD');
  // Required: parseOptions refused its absence.
  const hubUrl = urlOption(options.hub, 'hub', hubUrlSchema)!;
  const file = options.db as string;
  const hub = new HubClient(hubUrl);
  try {
    await hub.signIn(options.user as string, password);
  } catch (error) {
    if (error instanceof HubError) throw new Error(`sign-in failed: ${error.message}`, { cause: error });
    throw error;
  }
  let store = await ConsoleStore.open(file);
  if (options.resync) store = await rebuildFromHub(store, file, hub);
  const pageSize = Number(process.env.ESCROW_SYNC_PAGE_SIZE ?? 2000);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000) throw new UsageError('ESCROW_SYNC_PAGE_SIZE must be 1..5000');
  const client = new SyncClient(store, hub, { pageSize, pushBatch: Math.min(pageSize, 50) });
  try {
    let status = await client.syncUntilCaughtUp();
    if (options.follow && !status.drift) {
      client.onStatus((s) => process.stderr.write(`sync: ${s.state} cursor=${s.cursor} head=${s.head} pending=${s.pending}${s.lastError ? ` (${s.lastError})` : ''}\n`));
      client.start();
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await client.stop();
      status = client.current;
    }
    const head = await store.ledger.head();
    const answered = await store.ledger.db.read.all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status');
    const counts = Object.fromEntries(answered.map((r) => [r.status, r.n]));
    process.stdout.write(
      `${JSON.stringify({
        cursor: status.cursor,
        head: status.head,
        checksum: head.checksum,
        state: status.state,
        pending: counts.pending ?? 0,
        accepted: counts.accepted ?? 0,
        rejected: counts.rejected ?? 0,
        drift: status.drift,
        last_error: status.lastError,
      })}\n`,
    );
    if (status.drift) {
      process.stderr.write(`sync: DRIFT: ${status.lastError}. Run again with --resync to rebuild the local ledger from the hub.\n`);
      return 1;
    }
    return 0;
  } finally {
    await store.close();
  }
}
