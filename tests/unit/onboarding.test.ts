import { describe, expect, it } from 'vitest';
import type { Handled } from '../../src/core/commands/staff.js';
import { DAY_MS } from '../../src/core/escrow/config.js';
import type { MerchantApplication } from '../../src/core/kyb/application.js';
import { merchantApplication } from '../support/applications.js';
import { Scenario, STAFF } from '../support/scenario.js';

function application(id: string, overrides: Partial<MerchantApplication> = {}): MerchantApplication {
  return merchantApplication(id, `M-${id}`, overrides);
}

function expectRejected(handled: Handled, code: string): void {
  expect(handled).toMatchObject({ ok: false, code });
}

const approve = (id: string) => ({ type: 'application.approve' as const, applicationId: id, data: { tier: 'standard' as const, payoutSchedule: 'daily' as const, reserveBps: 500 } });

describe('merchant onboarding', () => {
  it('approves a valid application and activates the merchant with its terms', async () => {
    const s = new Scenario();
    await s.receiveApplication(application('A1'));
    const handled = await s.staff(STAFF.onboarding, approve('A1'));
    expect(handled.ok && handled.events.map((e) => e.type)).toEqual(['application.approved', 'merchant.activated']);
    expect(await s.reader.application('A1')).toMatchObject({ status: 'approved', decidedBy: { id: STAFF.onboarding.id } });
    expect(await s.reader.merchant('M-A1')).toMatchObject({ status: 'active', payoutSchedule: 'daily', reserveBps: 500, bankAccount: { kind: 'card' } });
    expectRejected(await s.staff(STAFF.onboarding, approve('A1')), 'application_decided');
  });

  it('refuses to approve an application whose checks fail (an invalid USCC check digit)', async () => {
    const s = new Scenario();
    const valid = application('A2').uscc!;
    await s.receiveApplication(application('A2', { uscc: valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0') }));
    const refused = await s.staff(STAFF.onboarding, approve('A2'));
    expectRejected(refused, 'checks_failed');
    expect(refused.ok ? '' : refused.message).toMatch(/uscc/);
    expect((await s.staff(STAFF.onboarding, { type: 'application.reject', applicationId: 'A2', data: { reasonCode: 'invalid_identity', note: 'USCC check digit' } })).ok).toBe(true);
    expect(await s.reader.application('A2')).toMatchObject({ status: 'rejected', decision: 'rejected: invalid_identity' });
    expect(await s.reader.merchant('M-A2')).toBeNull();
  });

  it('requests information with a deadline; the resubmitted application can then be approved', async () => {
    const s = new Scenario();
    await s.receiveApplication(application('A3', { documents: [] }));
    expectRejected(await s.staff(STAFF.onboarding, { type: 'application.request_info', applicationId: 'A3', data: { requirements: ['documents.business_licence'], deadlineAt: s.now - 1 } }), 'deadline_in_past');
    await s.staff(STAFF.onboarding, { type: 'application.request_info', applicationId: 'A3', data: { requirements: ['documents.business_licence'], deadlineAt: s.now + 7 * DAY_MS } });
    expect(await s.reader.application('A3')).toMatchObject({ status: 'information_requested', requested: { requirements: ['documents.business_licence'] } });
    await s.receiveApplication(application('A3'));
    expect(await s.reader.application('A3')).toMatchObject({ status: 'submitted', requested: null });
    expect((await s.staff(STAFF.onboarding, approve('A3'))).ok).toBe(true);
  });

  it('suspends and reactivates a merchant; only onboarding reviewers decide applications', async () => {
    const s = new Scenario();
    await s.receiveApplication(application('A4'));
    for (const actor of [STAFF.agent, STAFF.finance, STAFF.risk]) expectRejected(await s.staff(actor, approve('A4')), 'forbidden');
    await s.staff(STAFF.onboarding, approve('A4'));
    expect((await s.staff(STAFF.onboarding, { type: 'merchant.suspend', merchantId: 'M-A4', data: { reason: 'chargebacks' } })).ok).toBe(true);
    expectRejected(await s.staff(STAFF.onboarding, { type: 'merchant.suspend', merchantId: 'M-A4', data: { reason: 'again' } }), 'merchant_not_active');
    expect((await s.staff(STAFF.onboarding, { type: 'merchant.reactivate', merchantId: 'M-A4', data: { note: 'documents received' } })).ok).toBe(true);
    expectRejected(await s.staff(STAFF.onboarding, { type: 'merchant.reactivate', merchantId: 'M-A4', data: { note: 'x' } }), 'merchant_already_active');
    expectRejected(await s.staff(STAFF.onboarding, { type: 'merchant.suspend', merchantId: 'nobody', data: { reason: 'x' } }), 'merchant_not_found');
    expectRejected(await s.staff(STAFF.onboarding, approve('nothing')), 'application_not_found');
  });
});
