/**
 * Resync: rebuilds the local ledger from the hub after a drift alarm. The rebuilt file is
 * filled beside the old one (keeping the outbox, so no queued decision is lost), then swapped
 * in; the drifted file is kept, renamed, for investigation.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { ConsoleStore } from '../store/console-store.js';
import type { HubClient } from './hub-client.js';
import { SyncClient, type SyncOptions } from './sync-client.js';

const SUFFIXES = ['', '-wal', '-shm'];
const CONSOLE_OWNED_TABLES = ['outbox', 'statement_files', 'statement_lines', 'csv_mappings', 'recon_results', 'recon_exceptions'];

export async function rebuildFromHub(store: ConsoleStore, file: string, hub: HubClient, options: SyncOptions & { clock?: () => number } = {}): Promise<ConsoleStore> {
  const rebuilt = `${file}.rebuild`;
  const kept = `${file}.drifted-${(options.clock ?? Date.now)()}`;
  for (const suffix of SUFFIXES) rmSync(rebuilt + suffix, { force: true });
  const fresh = await ConsoleStore.open(rebuilt);
  try {
    await fresh.ledger.db.withWriter(async (conn) => {
      await conn.run('ATTACH DATABASE ? AS drifted', [file]);
      try {
        // Everything this console owns (not replicated from the hub) moves to the new file:
        // queued decisions, the audit trail (in order: each entry must extend the head),
        // imported statements and reconciliation work, and the console's identity.
        for (const table of CONSOLE_OWNED_TABLES) await conn.exec(`INSERT INTO ${table} SELECT * FROM drifted.${table}`);
        await conn.exec('INSERT INTO audit_log SELECT * FROM drifted.audit_log ORDER BY seq');
        await conn.exec("INSERT INTO sync_state SELECT * FROM drifted.sync_state WHERE key IN ('console_id', 'audit_anchor')");
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
  await fresh.record({ at: (options.clock ?? Date.now)(), actor: { kind: 'system' }, action: 'ledger.resynced', detail: { keptAs: basename(kept) } });
  await fresh.close();
  await store.close();
  for (const suffix of SUFFIXES) if (existsSync(file + suffix)) renameSync(file + suffix, kept + suffix);
  for (const suffix of SUFFIXES) if (existsSync(rebuilt + suffix)) renameSync(rebuilt + suffix, file + suffix);
  return ConsoleStore.open(file);
}
