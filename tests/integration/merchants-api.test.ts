/**
 * The merchant directory through the console API (`merchants.list`): onboarded merchants in id
 * order, keyset pages, the status filter, and who may read it; on a replica built from real
 * events (applications received, approved, one merchant suspended).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/escrow/config.js';
import type { MerchantApplication } from '../../src/core/kyb/application.js';
import type { MerchantState } from '../../src/core/merchants/state.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import type { Page } from '../../src/shared/api/console.js';
import { T0 } from '../support/driver.js';
import { merchantApplication } from '../support/applications.js';
import { tempDir } from '../support/files.js';
import { handlerContexts, value } from '../support/handler-context.js';
import { Scenario, STAFF } from '../support/scenario.js';

const tmp = tempDir('merchants-api');
let store: ConsoleStore;
const NOW = T0 + DAY_MS;

const { call } = handlerContexts(() => store, NOW);

function application(n: number): MerchantApplication {
  return merchantApplication(`A${n}`, `M-${String(n).padStart(2, '0')}`, { legalName: `Hangzhou Bright Lamp Trading ${n} Co., Ltd.` });
}

beforeAll(async () => {
  const s = new Scenario();
  // Seven applications; six approved (M-01..M-06), one still waiting (M-07); M-03 suspended.
  for (let n = 1; n <= 7; n += 1) await s.receiveApplication(application(n));
  for (let n = 1; n <= 6; n += 1) {
    const handled = await s.staff(STAFF.onboarding, { type: 'application.approve', applicationId: `A${n}`, data: { tier: 'standard', payoutSchedule: n % 2 ? 'daily' : 'weekly', reserveBps: 500 } });
    expect(handled.ok).toBe(true);
  }
  expect((await s.staff(STAFF.onboarding, { type: 'merchant.suspend', merchantId: 'M-03', data: { reason: 'chargebacks' } })).ok).toBe(true);
  store = await ConsoleStore.open(tmp.file('console.db'));
  const outcome = await store.ledger.apply(
    s.log.map((e, i) => ({ ...e, seq: i + 1 })),
    { keepSeq: true },
  );
  expect(outcome.results.every((r) => r === 'ok')).toBe(true);
});

afterAll(async () => {
  await store?.close();
  tmp.cleanup();
});

describe('console API: the merchant directory', () => {
  it('lists onboarded merchants in id order, in keyset pages', async () => {
    const seen: MerchantState[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i += 1) {
      const page = value(await call<Page<MerchantState>>(STAFF.finance, 'merchants.list', { limit: 4, ...(after ? { after } : {}) }));
      seen.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
    expect(seen.map((m) => m.merchantId)).toEqual(['M-01', 'M-02', 'M-03', 'M-04', 'M-05', 'M-06']);
    expect(seen.find((m) => m.merchantId === 'M-02')).toMatchObject({ status: 'active', payoutSchedule: 'weekly', reserveBps: 500, applicationId: 'A2' });
  });

  it('filters by status', async () => {
    const suspended = value(await call<Page<MerchantState>>(STAFF.onboarding, 'merchants.list', { status: 'suspended' }));
    expect(suspended.items.map((m) => [m.merchantId, m.suspendedReason])).toEqual([['M-03', 'chargebacks']]);
    expect(suspended.next).toBeNull();
    const active = value(await call<Page<MerchantState>>(STAFF.onboarding, 'merchants.list', { status: 'active', after: 'M-03' }));
    expect(active.items.map((m) => m.merchantId)).toEqual(['M-04', 'M-05', 'M-06']);
  });

  it('is read by every role that reads orders, and refuses a malformed cursor', async () => {
    for (const who of [STAFF.agent, STAFF.risk, STAFF.finance, STAFF.onboarding]) expect((await call(who, 'merchants.list')).ok).toBe(true);
    expect(await call(STAFF.finance, 'merchants.list', { after: "M-01' OR 1=1" })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(STAFF.finance, 'merchants.list', { status: 'pending' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
