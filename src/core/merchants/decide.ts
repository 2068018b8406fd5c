/**
 * Onboarding reviewers' and finance officers' decisions on applications, merchants and payouts.
 * An application is approved only when its automatic checks pass; approval activates the
 * merchant. A payout takes (part of) the merchant's available balance, checked here and again
 * by the ledger when the pending transfer is created; only active merchants are paid out.
 */
import type { MerchantRejection } from '../../shared/escrow/codes.js';
import type { ApplicationEventData, MerchantCommand, MerchantEventData, PayoutEventData } from '../../shared/escrow/merchant.js';
import type { StaffRef } from '../disputes/state.js';
import type { FieldCheck } from '../kyb/field-checks.js';
import type { ApplicationState, MerchantState, PayoutState } from './state.js';

export interface MerchantContext {
  now: number;
  actor: StaffRef;
}

export type Emitted =
  | { kind: 'application'; id: string; data: ApplicationEventData }
  | { kind: 'merchant'; id: string; data: MerchantEventData }
  | { kind: 'payout'; id: string; data: PayoutEventData };

export type MerchantDecision = { ok: true; events: Emitted[] } | { ok: false; code: MerchantRejection; message: string };

function reject(code: MerchantRejection, message: string): MerchantDecision {
  return { ok: false, code, message };
}

const by = (ctx: MerchantContext) => ({ id: ctx.actor.id, role: ctx.actor.role as 'onboarding', ...(ctx.actor.name ? { name: ctx.actor.name } : {}) });

export function decideApplication(
  app: ApplicationState | null,
  merchant: MerchantState | null,
  checks: readonly FieldCheck[],
  command: Extract<MerchantCommand, { applicationId: string }>,
  ctx: MerchantContext,
): MerchantDecision {
  if (!app) return reject('application_not_found', `application ${command.applicationId} does not exist`);
  if (app.status === 'approved' || app.status === 'rejected') return reject('application_decided', `the application was already ${app.status}`);
  const id = app.applicationId;
  switch (command.type) {
    case 'application.reject':
      return { ok: true, events: [{ kind: 'application', id, data: { type: 'application.rejected', data: { ...command.data, by: by(ctx) } } }] };
    case 'application.request_info':
      if (command.data.deadlineAt <= ctx.now) return reject('deadline_in_past', 'the deadline must be in the future');
      return { ok: true, events: [{ kind: 'application', id, data: { type: 'application.info_requested', data: { ...command.data, by: by(ctx) } } }] };
    case 'application.approve': {
      const failed = checks.filter((c) => c.status === 'failed');
      if (failed.length > 0) return reject('checks_failed', `checks failed: ${failed.map((c) => `${c.field} (${c.message})`).join('; ')}`);
      if (merchant) return reject('merchant_already_active', `merchant ${merchant.merchantId} was already activated`);
      const { tier, payoutSchedule, reserveBps } = command.data;
      const a = app.application;
      return {
        ok: true,
        events: [
          { kind: 'application', id, data: { type: 'application.approved', data: { ...command.data, by: by(ctx) } } },
          { kind: 'merchant', id: app.merchantId, data: { type: 'merchant.activated', data: { applicationId: id, legalName: a.legalName, tier, payoutSchedule, reserveBps, bankAccount: a.bankAccount } } },
        ],
      };
    }
  }
}

export function decideMerchant(merchant: MerchantState | null, command: Extract<MerchantCommand, { merchantId: string }>, ctx: MerchantContext): MerchantDecision {
  if (!merchant) return reject('merchant_not_found', `merchant ${command.merchantId} is not onboarded`);
  if (command.type === 'merchant.suspend') {
    if (merchant.status === 'suspended') return reject('merchant_not_active', 'the merchant is already suspended');
    return { ok: true, events: [{ kind: 'merchant', id: merchant.merchantId, data: { type: 'merchant.suspended', data: { reason: command.data.reason, by: by(ctx) } } }] };
  }
  if (merchant.status === 'active') return reject('merchant_already_active', 'the merchant is active');
  return { ok: true, events: [{ kind: 'merchant', id: merchant.merchantId, data: { type: 'merchant.reactivated', data: { note: command.data.note, by: by(ctx) } } }] };
}

export function decidePayout(
  payout: PayoutState | null,
  merchant: MerchantState | null,
  available: bigint,
  command: Extract<MerchantCommand, { payoutId: string }>,
  ctx: MerchantContext,
): MerchantDecision {
  const finance = { ...by(ctx), role: 'finance' as const };
  if (command.type === 'payout.create') {
    if (payout) return reject('payout_exists', `payout ${command.payoutId} already exists`);
    return create(command.payoutId, merchant, available, command.data.currency, command.data.amount, finance);
  }
  if (!payout) return reject('payout_not_found', `payout ${command.payoutId} does not exist`);
  switch (command.type) {
    case 'payout.send':
      if (payout.status !== 'pending') return reject('payout_not_pending', `the payout is ${payout.status}`);
      return { ok: true, events: [{ kind: 'payout', id: payout.payoutId, data: { type: 'payout.sent', data: { by: finance } } }] };
    case 'payout.cancel':
      if (payout.status !== 'pending') return reject('payout_not_pending', `only a pending payout can be canceled; this one is ${payout.status}`);
      return { ok: true, events: [{ kind: 'payout', id: payout.payoutId, data: { type: 'payout.canceled', data: { reason: command.data.reason, by: finance } } }] };
    case 'payout.reissue': {
      if (payout.status !== 'failed') return reject('payout_not_failed', `only a failed payout can be paid again; this one is ${payout.status}`);
      if (payout.reissuedAs) return reject('payout_already_reissued', `already paid again as ${payout.reissuedAs}`);
      const created = create(command.data.newPayoutId, merchant, available, payout.currency, payout.amount, finance, payout.payoutId);
      if (!created.ok) return created;
      return { ok: true, events: [{ kind: 'payout', id: payout.payoutId, data: { type: 'payout.reissued', data: { ...command.data, by: finance } } }, ...created.events] };
    }
  }
}

function create(payoutId: string, merchant: MerchantState | null, available: bigint, currency: PayoutState['currency'], amount: bigint | undefined, finance: StaffRef & { role: 'finance' }, reissueOf?: string): MerchantDecision {
  if (!merchant) return reject('merchant_not_found', 'only onboarded merchants are paid out');
  if (merchant.status !== 'active') return reject('merchant_not_active', `merchant ${merchant.merchantId} is suspended: payouts are frozen`);
  const pay = amount ?? available;
  if (pay <= 0n) return reject('nothing_to_pay', 'the merchant has no available balance');
  if (pay > available) return reject('exceeds_available', `the payout exceeds the ${available} available`);
  const data = { merchantId: merchant.merchantId, currency, amount: pay, by: { id: finance.id, role: finance.role, ...(finance.name ? { name: finance.name } : {}) }, ...(reissueOf ? { reissueOf } : {}) };
  return { ok: true, events: [{ kind: 'payout', id: payoutId, data: { type: 'payout.created', data } }] };
}
