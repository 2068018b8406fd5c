import { describe, expect, it } from 'vitest';
import type { Handled } from '../../src/core/commands/staff.js';
import { RISK_REJECTIONS } from '../../src/shared/escrow/codes.js';
import { DAY_MS } from '../../src/core/escrow/config.js';
import { Scenario, STAFF } from '../support/scenario.js';

async function flagged(): Promise<Scenario> {
  const s = new Scenario();
  await s.shippedOrder('O1', 2_000_00n);
  await s.flag('O1');
  return s;
}

function expectRejected(handled: Handled, code: string): void {
  expect(handled).toMatchObject({ ok: false, code });
}

const entry = (s: Scenario) => s.newId();

describe('risk review', () => {
  it('clear unfreezes the hold and the lifecycle continues', async () => {
    const s = await flagged();
    await expect(s.market({ type: 'order.confirm', orderId: 'O1' })).rejects.toThrow(/hold_frozen/);
    const handled = await s.staff(STAFF.risk, { type: 'risk.clear', orderId: 'O1', data: { note: 'known customer' } });
    expect(handled.ok && handled.events.map((e) => e.type)).toEqual(['risk.cleared', 'order.risk_cleared']);
    expect(await s.reader.riskFlag('O1')).toMatchObject({ status: 'cleared', reviewedBy: { id: STAFF.risk.id }, note: 'known customer' });
    await s.market({ type: 'order.confirm', orderId: 'O1' });
    expect((await s.reader.order('O1'))!.status).toBe('released');
    expectRejected(await s.staff(STAFF.risk, { type: 'risk.keep', orderId: 'O1', data: { note: 'x' } }), 'flag_closed');
  });

  it('keep leaves the hold frozen with a note', async () => {
    const s = await flagged();
    await s.staff(STAFF.risk, { type: 'risk.keep', orderId: 'O1', data: { note: 'waiting for documents' } });
    expect(await s.reader.riskFlag('O1')).toMatchObject({ status: 'kept', note: 'waiting for documents' });
    expect((await s.reader.order('O1'))!.riskHoldReason).not.toBeNull();
    expectRejected(await s.staff(STAFF.risk, { type: 'risk.keep', orderId: 'O1', data: { note: 'waiting for documents' } }), 'status_unchanged');
    // A kept flag can still be cleared later.
    expect((await s.staff(STAFF.risk, { type: 'risk.clear', orderId: 'O1', data: {} })).ok).toBe(true);
  });

  it('refund as fraud returns the whole hold and blocks the buyer', async () => {
    const s = await flagged();
    const handled = await s.staff(STAFF.risk, { type: 'risk.refund_fraud', orderId: 'O1', data: { note: 'stolen card' } });
    expect(handled.ok && handled.events.map((e) => e.type)).toEqual(['risk.fraud_refunded', 'order.refunded', 'risklist.entry_added']);
    expect(await s.reader.order('O1')).toMatchObject({ status: 'refunded', refunded: 2_000_00n, held: 0n });
    expect(await s.reader.riskFlag('O1')).toMatchObject({ status: 'fraud' });
    const block = handled.ok ? handled.events[2] : null;
    expect(await s.reader.riskListEntry(block!.aggregateId)).toMatchObject({ list: 'block', entityType: 'buyer', value: 'B1', active: true });
  });

  it('list entries are added with a reason and expiry, and removed with a reason', async () => {
    const s = new Scenario();
    const id = entry(s);
    const add = { type: 'risk.list_add' as const, entryId: id, data: { list: 'block' as const, entityType: 'device' as const, value: 'dev-666', reason: 'emulator farm', expiresAt: s.now + 30 * DAY_MS } };
    expect((await s.staff(STAFF.risk, add)).ok).toBe(true);
    expectRejected(await s.staff(STAFF.risk, add, 1), 'list_entry_exists');
    expectRejected(await s.staff(STAFF.risk, { ...add, entryId: entry(s), data: { ...add.data, expiresAt: s.now - 1 } }), 'expiry_in_past');
    expect((await s.staff(STAFF.risk, { type: 'risk.list_remove', entryId: id, data: { reason: 'false positive' } })).ok).toBe(true);
    expect(await s.reader.riskListEntry(id)).toMatchObject({ active: false, version: 2 });
    expectRejected(await s.staff(STAFF.risk, { type: 'risk.list_remove', entryId: id, data: { reason: 'again' } }), 'list_entry_removed');
    expectRejected(await s.staff(STAFF.risk, { type: 'risk.list_remove', entryId: entry(s), data: { reason: 'x' } }), 'list_entry_not_found');
  });

  it('refuses reviews of orders without a flag', async () => {
    const s = new Scenario();
    await s.shippedOrder('O2', 100n);
    expectRejected(await s.staff(STAFF.risk, { type: 'risk.clear', orderId: 'O2', data: {} }), 'flag_not_found');
  });

  it('only risk officers review flags and manage lists', async () => {
    const s = await flagged();
    for (const actor of [STAFF.agent, STAFF.finance, STAFF.onboarding]) {
      expectRejected(await s.staff(actor, { type: 'risk.clear', orderId: 'O1', data: {} }), 'forbidden');
      expectRejected(await s.staff(actor, { type: 'risk.list_add', entryId: entry(s), data: { list: 'allow', entityType: 'buyer', value: 'B1', reason: 'vip', expiresAt: null } }), 'forbidden');
    }
  });

  it('every risk rejection code is exercised in this file', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL(import.meta.url), 'utf8');
    for (const code of RISK_REJECTIONS) expect(source, code).toContain(`'${code}'`);
  });
});
