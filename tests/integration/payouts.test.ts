/**
 * Onboarding and payouts over a real hub: an application approved activates its merchant;
 * finance pays out the available balance (never the reserve), the bank confirms it paid or
 * failed (the money returns and is paid again), a suspended merchant is not paid, and the
 * rolling reserve returns to the merchant after its period on the hub's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { accountId, balanceViews } from '../../src/core/ledger/accounts.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import { decideStaffCommand } from '../../src/main/services/staff-commands.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import type { StaffCommand } from '../../src/shared/api/hub.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import type { Result } from '../../src/shared/result.js';
import { buildUscc } from '../../src/sim/identifiers.js';
import { tempDir } from '../support/files.js';
import { addStaffCli, advanceClock, intake, startHub, type HubProcess } from '../support/hub-process.js';

const tmp = tempDir('payouts');
const hubDb = tmp.file('hub.db');
let hub: HubProcess;
const newId = createIdGenerator();

interface Desk {
  store: ConsoleStore;
  sync(): Promise<void>;
  decide(command: StaffCommand): Promise<Result<{ id: string }>>;
  available(): Promise<bigint>;
}

async function desk(name: string, user: string): Promise<Desk> {
  const store = await ConsoleStore.open(tmp.file(`${name}.db`));
  const client = new HubClient(hub.url);
  const session = await client.signIn(user, `${user}-password-1`);
  const sync = new SyncClient(store, client);
  const ctx = { store, clock: Date.now, newId, config: DEFAULT_ESCROW_CONFIG };
  const desk: Desk = {
    store,
    async sync() {
      await client.signIn(user, `${user}-password-1`); // the hub clock may have expired the session
      const status = await sync.syncUntilCaughtUp();
      expect(status.drift).toBeNull();
    },
    decide: (command) => decideStaffCommand(ctx, session.staff, command),
    async available() {
      const payable = await store.ledger.account(accountId('merchant_payable', 'CNY', 'M-1'));
      return payable ? balanceViews(payable.flags, payable).available : 0n;
    },
  };
  await desk.sync();
  return desk;
}

function sale(n: number, amount: bigint): unknown[] {
  const orderId = `PO${n}`;
  return [
    { id: `${orderId}-p`, type: 'order.paid', orderId, buyerId: `PB${n}`, merchantId: 'M-1', amount: String(amount), currency: 'CNY', feeBps: 100, reserveBps: 1000 },
    { id: `${orderId}-s`, type: 'order.shipped', orderId, method: 'express' },
    { id: `${orderId}-c`, type: 'order.confirmed', orderId },
  ];
}

const application = {
  applicationId: 'A-1',
  merchantId: 'M-1',
  legalName: 'Suzhou Silk Road Textiles Co., Ltd.',
  entityType: 'company',
  segment: 'b2c',
  uscc: buildUscc({ authority: '9', kind: '1', division: '320500', orgBody: 'MA1XY523' }),
  legalRepresentative: '陈静',
  bankAccount: { kind: 'card', number: '6222021234567890128' },
  category: 'textiles',
  expectedMonthlyVolume: '30000000',
  currency: 'CNY',
  documents: ['business_licence.pdf', 'legal_rep_id_front.jpg', 'legal_rep_id_back.jpg'].map((name, i) => ({
    name,
    sha256: String(i + 1).repeat(64),
    size: 2048,
    mime: name.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg',
  })),
};

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  for (const [name, role] of [['onb1', 'onboarding'], ['fin1', 'finance']]) await addStaffCli({ db: hubDb }, name, role);
  const answers = await intake(hub.url, [{ id: 'app-1', type: 'merchant.applied', application }, ...sale(1, 1_000_00n), ...sale(2, 500_00n)]);
  expect(answers.filter((a) => a.status !== 'accepted')).toEqual([]);
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  tmp.cleanup();
});

describe('onboarding and payouts over the hub', () => {
  it('pays out the available balance of an approved merchant; the bank confirms, fails, and the payout is reissued', async () => {
    const onboarding = await desk('onboarding', 'onb1');
    const finance = await desk('finance', 'fin1');
    try {
      // Not onboarded yet: nothing is paid out.
      expect(await finance.decide({ type: 'payout.create', payoutId: newId(), data: { merchantId: 'M-1', currency: 'CNY' } })).toMatchObject({ ok: false, error: { code: 'merchant_not_found' } });
      expect((await onboarding.decide({ type: 'application.approve', applicationId: 'A-1', data: { tier: 'standard', payoutSchedule: 'daily', reserveBps: 1000 } })).ok).toBe(true);
      await onboarding.sync();
      await finance.sync();
      // Sales of 1,500.00 less 1 % fee and 10 % reserve: 1,335.00 available.
      expect(await finance.available()).toBe(1_335_00n);
      expect(await finance.decide({ type: 'payout.create', payoutId: newId(), data: { merchantId: 'M-1', currency: 'CNY', amount: 2_000_00n } })).toMatchObject({ ok: false, error: { code: 'exceeds_available' } });
      const first = newId();
      expect((await finance.decide({ type: 'payout.create', payoutId: first, data: { merchantId: 'M-1', currency: 'CNY' } })).ok).toBe(true);
      expect((await finance.decide({ type: 'payout.send', payoutId: first, data: {} })).ok).toBe(true);
      await finance.sync();
      expect(await finance.store.ledger.db.read.get('SELECT status, CAST(amount AS TEXT) AS amount FROM payouts WHERE payout_id = ?', [first])).toEqual({ status: 'in_transit', amount: '133500' });
      expect(await finance.available()).toBe(0n);

      await intake(hub.url, [{ id: 'bank-1', type: 'payout.confirmed', confirmation: { payoutId: first, status: 'paid', bankReference: 'ICBC-778' } }]);
      await finance.sync();
      expect(await finance.store.ledger.db.read.get('SELECT status FROM payouts WHERE payout_id = ?', [first])).toEqual({ status: 'paid' });

      // A second payout fails at the bank: the money is available again and is paid again.
      await intake(hub.url, sale(3, 200_00n));
      await finance.sync();
      const second = newId();
      await finance.decide({ type: 'payout.create', payoutId: second, data: { merchantId: 'M-1', currency: 'CNY' } });
      await finance.sync();
      await intake(hub.url, [{ id: 'bank-2', type: 'payout.confirmed', confirmation: { payoutId: second, status: 'failed', failureReason: 'account closed' } }]);
      await finance.sync();
      expect(await finance.available()).toBe(178_00n);
      const again = newId();
      expect((await finance.decide({ type: 'payout.reissue', payoutId: second, data: { newPayoutId: again, reason: 'merchant updated the account' } })).ok).toBe(true);
      await finance.sync();
      expect(await finance.decide({ type: 'payout.reissue', payoutId: second, data: { newPayoutId: newId(), reason: 'twice' } })).toMatchObject({ ok: false, error: { code: 'payout_already_reissued' } });
      expect(await finance.available()).toBe(0n);
      const intakeAgain = await intake(hub.url, [{ id: 'bank-3', type: 'payout.confirmed', confirmation: { payoutId: second, status: 'paid' } }]);
      expect(intakeAgain).toMatchObject([{ status: 'rejected', code: 'payout_settled' }]);

      // Suspended: no new payouts.
      await intake(hub.url, sale(4, 100_00n));
      expect((await onboarding.decide({ type: 'merchant.suspend', merchantId: 'M-1', data: { reason: 'many chargebacks' } })).ok).toBe(true);
      await onboarding.sync();
      await finance.sync();
      expect(await finance.decide({ type: 'payout.create', payoutId: newId(), data: { merchantId: 'M-1', currency: 'CNY' } })).toMatchObject({ ok: false, error: { code: 'merchant_not_active' } });
      for (const d of [onboarding, finance]) expect((await verifyLedger((sql, p) => d.store.ledger.db.read.all(sql, p))).failed).toEqual([]);
    } finally {
      await onboarding.store.close();
      await finance.store.close();
    }
  });

  it('returns the rolling reserve to the merchant after its period, on the hub clock', async () => {
    const finance = await desk('reserve', 'fin1');
    try {
      const before = await finance.available();
      const reserve = await finance.store.ledger.account(accountId('merchant_reserve', 'CNY', 'M-1'));
      expect(reserve?.creditsPosted).toBe(180_00n); // 10 % of 1,800.00 released
      await advanceClock(hub.url, DEFAULT_ESCROW_CONFIG.reserveHoldMs + DAY_MS);
      await finance.sync();
      expect(await finance.available()).toBe(before + 180_00n);
      const after = await finance.store.ledger.account(accountId('merchant_reserve', 'CNY', 'M-1'));
      expect(after!.creditsPosted - after!.debitsPosted).toBe(0n);
      expect((await verifyLedger((sql, p) => finance.store.ledger.db.read.all(sql, p))).failed).toEqual([]);
    } finally {
      await finance.store.close();
    }
  });
});
