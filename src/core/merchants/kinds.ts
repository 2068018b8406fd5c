/**
 * Applications and merchants post nothing; payouts move money: created, a pending transfer
 * from the merchant's payable to the bank settlement account (checked against the available
 * balance when it is created); paid, posted; failed or canceled, voided, so the money is
 * available again.
 */
import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { ApplicationEventData, MerchantEventData, PayoutEventData } from '../../shared/escrow/merchant.js';
import type { AggregateKind } from '../aggregates.js';
import { transferIdOf } from '../escrow/postings.js';
import { accountId } from '../ledger/accounts.js';
import type { TransferSpec } from '../ledger/transfer.js';
import { evolveApplication, evolveMerchant, evolvePayout } from './evolve.js';
import type { ApplicationState, MerchantState, PayoutState } from './state.js';

const none = { postings: () => [], accountFootprint: () => [], openHolds: () => [] };

export const applicationKind: AggregateKind<ApplicationState> = {
  name: 'application',
  owns: (type) => type.startsWith('application.'),
  evolve: (state, event) => evolveApplication(state, event as EventEnvelope<ApplicationEventData>),
  ...none,
};

export const merchantKind: AggregateKind<MerchantState> = {
  name: 'merchant',
  owns: (type) => type.startsWith('merchant.'),
  evolve: (state, event) => evolveMerchant(state, event as EventEnvelope<MerchantEventData>),
  ...none,
};

function payoutAccounts(merchantId: string, currency: PayoutState['currency']) {
  return { debitAccountId: accountId('merchant_payable', currency, merchantId), creditAccountId: accountId('bank_settlement', currency) };
}

export const payoutKind: AggregateKind<PayoutState> = {
  name: 'payout',
  owns: (type) => type.startsWith('payout.'),
  evolve: (state, event) => evolvePayout(state, event as EventEnvelope<PayoutEventData>),
  postings(before, envelope) {
    const event = envelope as EventEnvelope<PayoutEventData>;
    if (event.type === 'payout.created') {
      const { merchantId, currency, amount } = event.data;
      const spec: TransferSpec = { id: transferIdOf(event.id, 0), kind: 'pending', ...payoutAccounts(merchantId, currency), amount, currency, pendingId: null, orderId: null, code: 'payout' };
      return [spec];
    }
    if (!before?.holdTransferId || event.type === 'payout.sent') return [];
    const resolve = event.type === 'payout.paid' ? 'post' : 'void';
    return [{ id: transferIdOf(event.id, 0), kind: resolve, ...payoutAccounts(before.merchantId, before.currency), amount: before.amount, currency: before.currency, pendingId: before.holdTransferId, orderId: null, code: 'payout' }];
  },
  accountFootprint(state, envelope) {
    const event = envelope as EventEnvelope<PayoutEventData>;
    const owner = state ?? (event.type === 'payout.created' ? event.data : null);
    if (!owner) return [];
    const { debitAccountId, creditAccountId } = payoutAccounts(owner.merchantId, owner.currency);
    return [debitAccountId, creditAccountId];
  },
  openHolds: (state) => (state.holdTransferId ? [state.holdTransferId] : []),
};
