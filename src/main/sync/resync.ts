/**
 * Resync: rebuilds the local ledger from the hub after a drift alarm. The rebuilt file is
 * filled beside the old one (keeping the outbox, so no queued decision is lost), then swapped
 * in; the drifted file is kept, renamed, for investigation.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { ConsoleStore } from '../store/console-store.js';
import type { HubClient } from './hub-client.js';
import { SyncClient, type SyncOptions } from './sync-client.js';

const SUFFIXES = ['', '-wal', '-shm'];

export async function rebuildFromHub(store: ConsoleStore, file: string, hub: HubClient, options: SyncOptions & { clock?: () => number } = {}): Promise<ConsoleStore> {
  const rebuilt = `${file}.rebuild`;
  for (const suffix of SUFFIXES) rmSync(rebuilt + suffix, { force: true });
  const fresh = await ConsoleStore.open(rebuilt);
  try {
    await fresh.ledger.db.withWriter(async (conn) => {
      await conn.run('ATTACH DATABASE ? AS drifted', [file]);
      try {
        await conn.exec('INSERT INTO outbox SELECT * FROM drifted.outbox');
      } finally {
        await conn.exec('DETACH DATABASE drifted');
      }
    });
    const status = await new SyncClient(fresh, hub, options).syncUntilCaughtUp();
    if (status.drift) throw new Error(`the rebuilt ledger still disagrees with the hub at seq ${status.drift.seq}`);
  } catch (error) {
    await fresh.close();
    throw error;
  }
  await fresh.close();
  await store.close();
  const kept = `${file}.drifted-${(options.clock ?? Date.now)()}`;
  for (const suffix of SUFFIXES) if (existsSync(file + suffix)) renameSync(file + suffix, kept + suffix);
  for (const suffix of SUFFIXES) if (existsSync(rebuilt + suffix)) renameSync(rebuilt + suffix, file + suffix);
  return ConsoleStore.open(file);
}
