/**
 * `npm run console -- verify --db FILE` on a good ledger and on hand-corrupted copies: each
 * corruption is reported with the broken invariant named, and the exit code is 1.
 */
import { copyFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteLedger } from '../../src/core/ledger/sqlite-ledger.js';
import { exited, spawnTs } from '../support/child.js';
import { OrderDriver } from '../support/driver.js';
import { tempDir } from '../support/files.js';

const tmp = tempDir('verify');
const good = tmp.file('good.db');

async function runVerify(file: string): Promise<{ code: number | null; report: { ok: boolean; failed: string[]; checksum: string }; stderr: string }> {
  const child = spawnTs('src/main/cli/index.ts', ['verify', '--db', file]);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const { code } = await exited(child);
  return { code, report: stdout ? JSON.parse(stdout) : null, stderr };
}

/** Corrupts a copy of the good ledger with raw SQL (as someone with a SQLite shell would). */
async function corrupt(name: string, sql: string): Promise<string> {
  const file = tmp.file(`${name}.db`);
  for (const suffix of ['', '-wal']) {
    try {
      copyFileSync(good + suffix, file + suffix);
    } catch {
      // no WAL file: the copy is complete without it
    }
  }
  const db = new sqlite3.Database(file);
  await new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
  await new Promise<void>((resolve) => db.close(() => resolve()));
  return file;
}

beforeAll(async () => {
  const driver = new OrderDriver();
  const events = [];
  for (let i = 0; i < 30; i += 1) {
    const id = `O${i}`;
    events.push(...driver.must({ type: 'order.pay', orderId: id, data: { buyerId: 'B1', merchantId: `M${i % 3}`, amount: BigInt(1000 + i), currency: 'CNY', feeBps: 60, reserveBps: 1000 } }));
    events.push(...driver.must({ type: 'order.ship', orderId: id, data: { method: 'express' } }));
    if (i % 3 === 0) events.push(...driver.must({ type: 'order.confirm', orderId: id }));
    if (i % 3 === 1) events.push(...driver.must({ type: 'order.refund', orderId: id, data: { amount: 10n, currency: 'CNY' } }));
  }
  const ledger = await SqliteLedger.open(good);
  await ledger.apply(events);
  await ledger.db.withWriter((conn) => conn.exec('PRAGMA wal_checkpoint(TRUNCATE)'));
  await ledger.close();
});
afterAll(() => tmp.cleanup());

describe('console verify', () => {
  it('reports ok with per-currency sums and the checksum', async () => {
    const { code, report } = await runVerify(good);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, failed: [], accounts: 6, orders: 30, open_holds: 20 });
    expect(report.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['deleted-transfer', "DROP TRIGGER transfers_are_append_only; DELETE FROM transfers WHERE id = (SELECT id FROM transfers WHERE kind = 'single' ORDER BY seq LIMIT 1);", ['balances_match_transfers', 'transfers_sequence_contiguous', 'checksum_matches_state']],
    ['edited-transfer-amount', "DROP TRIGGER transfers_are_immutable; UPDATE transfers SET amount = amount + 1 WHERE id = (SELECT id FROM transfers WHERE kind = 'single' ORDER BY seq LIMIT 1);", ['balances_match_transfers', 'checksum_matches_state']],
    ['edited-account', "UPDATE accounts SET credits_posted = credits_posted + 100 WHERE id = 'platform_fees:CNY';", ['debits_equal_credits', 'balances_match_transfers', 'checksum_matches_state']],
    ['deleted-event', 'DROP TRIGGER events_are_append_only; DELETE FROM events WHERE seq = 2;', ['events_sequence_contiguous']],
    ['edited-order', "UPDATE orders SET held = held - 1, refunded = refunded + 1 WHERE order_id = 'O2';", ['orders_match_holds']],
    [
      'double-resolution',
      `DROP INDEX transfers_resolve_once;
       INSERT INTO transfers (id, seq, event_id, kind, debit_account_id, credit_account_id, amount, currency, pending_id, order_id, code, at)
       SELECT id || 'x', (SELECT max(seq) + 1 FROM transfers), event_id, kind, debit_account_id, credit_account_id, amount, currency, pending_id, order_id, code, at
       FROM transfers WHERE kind = 'void' LIMIT 1;`,
      ['holds_resolved_at_most_once'],
    ],
  ])('names the broken invariant for a %s', async (name, sql, broken) => {
    const { code, report, stderr } = await runVerify(await corrupt(name, sql));
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    for (const invariant of broken) expect(report.failed).toContain(invariant);
    expect(stderr).toContain('broken invariants');
  });

  it('refuses a database from another schema version and a file that is not a ledger', async () => {
    const edited = await corrupt('foreign-migration', "UPDATE schema_migrations SET checksum = 'x' WHERE version = 1;");
    const foreign = await runVerify(edited);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/differs from this build/);
    const notLedger = await corrupt('not-ledger', 'DROP TABLE schema_migrations;');
    const result = await runVerify(notLedger);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not an escrow database/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('explains usage errors with exit code 2', async () => {
    expect((await runVerify(tmp.file('missing.db'))).code).toBe(2);
  });
});
