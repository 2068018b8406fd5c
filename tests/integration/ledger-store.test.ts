import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, balanceViews } from '../../src/core/ledger/accounts.js';
import { MAX_APPLY_BATCH } from '../../src/core/ledger/apply.js';
import { SqliteLedger } from '../../src/core/ledger/sqlite-ledger.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import type { OrderEvent } from '../../src/core/escrow/evolve.js';
import type { OrderCommand } from '../../src/shared/escrow/order.js';
import { OrderDriver } from '../support/driver.js';
import { tempDir } from '../support/files.js';

const pay = (orderId: string, amount: bigint, merchantId = 'M1'): OrderCommand => ({
  type: 'order.pay',
  orderId,
  data: { buyerId: 'B1', merchantId, amount, currency: 'CNY', feeBps: 60, reserveBps: 1000 },
});

let tmp: ReturnType<typeof tempDir>;
let ledger: SqliteLedger;
let driver: OrderDriver;

beforeEach(async () => {
  tmp = tempDir('store');
  ledger = await SqliteLedger.open(tmp.file('ledger.db'));
  driver = new OrderDriver();
});

afterEach(async () => {
  await ledger.close();
  tmp.cleanup();
});

const verify = () => verifyLedger((sql, params) => ledger.db.read.all(sql, params));

describe('SQLite ledger store', () => {
  it('opens in WAL mode with synchronous=FULL and foreign keys on', async () => {
    await ledger.db.withWriter(async (conn) => {
      expect(await conn.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await conn.get('PRAGMA synchronous')).toEqual({ synchronous: 2 });
      expect(await conn.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    });
  });

  it('applies a lifecycle and keeps orders, accounts and balance views', async () => {
    const events = [
      ...driver.must(pay('O1', 100_00n)),
      ...driver.must({ type: 'order.ship', orderId: 'O1', data: { method: 'express' } }),
      ...driver.must({ type: 'order.confirm', orderId: 'O1' }),
      ...driver.must(pay('O2', 50_00n)),
    ];
    const outcome = await ledger.apply(events);
    expect(outcome.results).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(outcome.seqs).toEqual([1, 2, 3, 4]);
    expect(await ledger.order('O1')).toMatchObject({ status: 'released', released: 100_00n, fee: 60n, reserve: 10_00n });
    const payable = (await ledger.account(accountId('merchant_payable', 'CNY', 'M1')))!;
    // 89.40 seller share posted; 50.00 of O2 still pending (incoming, not available).
    expect(balanceViews(payable.flags, payable)).toEqual({ posted: 89_40n, pending: 139_40n, available: 89_40n });
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.open_holds).toBe(1);
    expect(report.checksum).toBe((await ledger.head()).checksum);
  });

  it('is idempotent by event id: a replay answers exists, different content exists_with_different_fields', async () => {
    const events = driver.must(pay('O1', 100_00n));
    await ledger.apply(events);
    const head = await ledger.head();
    expect((await ledger.apply(events)).results).toEqual(['exists']);
    const tampered = { ...events[0], data: { ...events[0].data, amount: 1n } } as OrderEvent;
    expect((await ledger.apply([tampered])).results).toEqual(['exists_with_different_fields']);
    expect(await ledger.head()).toEqual(head);
    // The same event twice in one batch is stored once.
    const [second] = driver.must(pay('O2', 1n));
    expect((await ledger.apply([second, second])).results).toEqual(['ok', 'exists']);
  });

  it('rejects an event that breaks the ledger without blocking the rest of the batch', async () => {
    const [paid] = driver.must(pay('O1', 100_00n));
    const [bad] = new OrderDriver().must(pay('O9', 1n)); // fine on its own ...
    const wrongVersion = { ...bad, aggregateId: 'O1', version: 5 } as OrderEvent; // ... but not as O1's 5th event
    const [other] = driver.must(pay('O2', 7n));
    const outcome = await ledger.apply([paid, wrongVersion, other]);
    expect(outcome.results).toEqual(['ok', 'version_mismatch', 'ok']);
    expect(outcome.seqs).toEqual([1, 2]);
    expect((await verify()).ok).toBe(true);
  });

  it('applies groups of events all or nothing within a batch', async () => {
    const [paid] = driver.must(pay('O1', 100_00n));
    const [other] = driver.must(pay('O2', 5n));
    const wrongVersion = { ...other, id: paid.id.replace(/.$/, 'f'), version: 9 } as OrderEvent;
    const outcome = await ledger.apply([paid, wrongVersion, other], { groups: [2, 1] });
    expect(outcome.results).toEqual(['linked_event_failed', 'version_mismatch', 'ok']);
    expect(await ledger.order('O1')).toBeNull();
    expect(await ledger.order('O2')).not.toBeNull();
    expect((await verify()).ok).toBe(true);
  });

  it('keeps the hub sequence on replicas and refuses gaps', async () => {
    const events = [...driver.must(pay('O1', 1n)), ...driver.must(pay('O2', 2n))];
    expect((await ledger.apply([{ ...events[1], seq: 2 }], { keepSeq: true })).results).toEqual(['sequence_gap']);
    expect((await ledger.apply([{ ...events[0], seq: 1 }, { ...events[1], seq: 2 }], { keepSeq: true })).results).toEqual(['ok', 'ok']);
  });

  it('refuses UPDATE and DELETE of transfers and events (triggers)', async () => {
    await ledger.apply(driver.must(pay('O1', 100_00n)));
    await ledger.db.withWriter(async (conn) => {
      await expect(conn.run('UPDATE transfers SET amount = 1')).rejects.toThrow(/immutable/);
      await expect(conn.run('DELETE FROM transfers')).rejects.toThrow(/append-only/);
      await expect(conn.run('UPDATE events SET type = ?', ['x'])).rejects.toThrow(/immutable/);
      await expect(conn.run('DELETE FROM events')).rejects.toThrow(/append-only/);
    });
  });

  it('the schema itself refuses a second resolution of a pending transfer', async () => {
    const events = [
      ...driver.must(pay('O1', 100_00n)),
      ...driver.must({ type: 'order.refund', orderId: 'O1', data: { amount: 100_00n, currency: 'CNY' } }),
    ];
    await ledger.apply(events);
    const hold = `${events[0].id}.0`;
    await ledger.db.withWriter(async (conn) => {
      await expect(
        conn.run(
          `INSERT INTO transfers (id, seq, event_id, kind, debit_account_id, credit_account_id, amount, currency, pending_id, order_id, code, at)
           VALUES ('x', 99, 'e', 'post', 'buyer_funds:CNY', 'merchant_payable:M1:CNY', 1, 'CNY', ?, 'O1', 'release', 0)`,
          [hold],
        ),
      ).rejects.toThrow(/UNIQUE/);
    });
  });

  it('the schema refuses a negative merchant payable even if the code were wrong', async () => {
    await ledger.apply(driver.must(pay('O1', 100_00n)));
    await ledger.db.withWriter(async (conn) => {
      await expect(conn.run("UPDATE accounts SET debits_posted = 1 WHERE id = 'merchant_payable:M1:CNY'")).rejects.toThrow(/CHECK/);
    });
  });

  it('stores amounts beyond 2^53 exactly', async () => {
    const big = 10n ** 15n; // max single amount
    const events = [];
    for (let i = 0; i < 20; i += 1) events.push(...driver.must(pay(`BIG${i}`, big, 'MBIG')));
    await ledger.apply(events);
    const payable = (await ledger.account(accountId('merchant_payable', 'CNY', 'MBIG')))!;
    expect(payable.creditsPending).toBe(20n * big);
    expect((await verify()).currencies.CNY.debits_pending).toBe((20n * big).toString());
  });

  it('applies a large batch in one transaction and refuses an oversized one', async () => {
    const events = [];
    for (let i = 0; i < 3000; i += 1) {
      events.push(...driver.must(pay(`O${i}`, BigInt(1 + i), `M${i % 17}`)));
      events.push(...driver.must({ type: 'order.ship', orderId: `O${i}`, data: { method: 'virtual' } }));
    }
    const outcome = await ledger.apply(events);
    expect(outcome.results.every((r) => r === 'ok')).toBe(true);
    expect((await verify()).ok).toBe(true);
    await expect(ledger.apply(Array(MAX_APPLY_BATCH + 1).fill(events[0]))).rejects.toThrow(/at most/);
  });

  it('rolls the whole batch back when the write fails midway', async () => {
    await ledger.apply(driver.must(pay('O1', 100_00n)));
    const head = await ledger.head();
    // Sabotage: make the orders upsert fail after events and transfers were written.
    await ledger.db.withWriter((conn) => conn.exec("CREATE TRIGGER sabotage BEFORE INSERT ON orders WHEN NEW.order_id = 'O2' BEGIN SELECT RAISE(ABORT, 'sabotage'); END"));
    await expect(ledger.apply([...driver.must(pay('O2', 5n)), ...driver.must(pay('O3', 5n))])).rejects.toThrow(/sabotage/);
    expect(await ledger.head()).toEqual(head);
    expect(await ledger.order('O3')).toBeNull();
    expect((await verify()).ok).toBe(true);
  });
});
