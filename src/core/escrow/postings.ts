/**
 * Posting rules: which two-phase transfers an order event produces. An escrow hold is a
 * pending transfer from buyer funds to the merchant's payable; release posts it (partially:
 * the remainder returns to the buyer) and moves fee and reserve out of the payable in the same
 * linked chain; a refund voids it, re-holding what stays in escrow after a partial refund.
 */
import type { OrderEventData } from '../../shared/escrow/order.js';
import type { Currency } from '../../shared/money.js';
import { accountId } from '../ledger/accounts.js';
import type { TransferSpec } from '../ledger/transfer.js';
import type { OrderEvent } from './evolve.js';
import type { OrderState } from './state.js';

export function transferIdOf(eventId: string, leg: number): string {
  return `${eventId}.${leg}`;
}

/** The pending transfer an event leaves holding the order's money (paid, partial refund). */
export function holdTransferIdOf(event: { id: string; type: OrderEventData['type'] }): string {
  return transferIdOf(event.id, event.type === 'order.refunded' ? 1 : 0);
}

/** Every account an order's postings can touch: what a batch preloads for the order. */
export function orderAccountFootprint(merchantId: string, currency: Currency): string[] {
  return [
    accountId('buyer_funds', currency),
    accountId('merchant_payable', currency, merchantId),
    accountId('merchant_reserve', currency, merchantId),
    accountId('platform_fees', currency),
  ];
}

export function orderPostings(before: OrderState | null, event: OrderEvent): TransferSpec[] {
  const leg = (n: number) => transferIdOf(event.id, n);
  switch (event.type) {
    case 'order.paid': {
      const { currency, merchantId, amount } = event.data;
      return [
        {
          id: leg(0),
          kind: 'pending',
          debitAccountId: accountId('buyer_funds', currency),
          creditAccountId: accountId('merchant_payable', currency, merchantId),
          amount,
          currency,
          pendingId: null,
          orderId: event.aggregateId,
          code: 'hold',
        },
      ];
    }
    case 'order.refunded': {
      const state = required(before, event);
      const hold = currentHold(state);
      const transfers: TransferSpec[] = [{ ...hold, id: leg(0), kind: 'void', amount: state.held, pendingId: state.holdTransferId, code: 'refund' }];
      if (event.data.remainingHeld > 0n) {
        transfers.push({ ...hold, id: leg(1), kind: 'pending', amount: event.data.remainingHeld, pendingId: null, code: 'hold' });
      }
      return transfers;
    }
    case 'order.released': {
      const state = required(before, event);
      const hold = currentHold(state);
      const payable = hold.creditAccountId;
      const transfers: TransferSpec[] = [{ ...hold, id: leg(0), kind: 'post', amount: event.data.released, pendingId: state.holdTransferId, code: 'release' }];
      if (event.data.fee > 0n) {
        transfers.push({ ...single(state, leg(1), payable, accountId('platform_fees', state.currency)), amount: event.data.fee, code: 'fee' });
      }
      if (event.data.reserve > 0n) {
        transfers.push({ ...single(state, leg(2), payable, accountId('merchant_reserve', state.currency, state.merchantId)), amount: event.data.reserve, code: 'reserve' });
      }
      return transfers;
    }
    case 'order.reserve_released': {
      const state = required(before, event);
      return [{ ...single(state, leg(0), accountId('merchant_reserve', state.currency, state.merchantId), accountId('merchant_payable', state.currency, state.merchantId)), amount: event.data.amount, code: 'reserve_release' }];
    }
    default:
      return [];
  }
}

function required(state: OrderState | null, event: OrderEvent): OrderState {
  if (!state) throw new Error(`posting ${event.type} needs the order's state`);
  return state;
}

function currentHold(state: OrderState): Omit<TransferSpec, 'id' | 'kind' | 'amount' | 'pendingId' | 'code'> {
  return {
    debitAccountId: accountId('buyer_funds', state.currency),
    creditAccountId: accountId('merchant_payable', state.currency, state.merchantId),
    currency: state.currency,
    orderId: state.orderId,
  };
}

function single(state: OrderState, id: string, debitAccountId: string, creditAccountId: string): Omit<TransferSpec, 'amount' | 'code'> {
  return { id, kind: 'single', debitAccountId, creditAccountId, currency: state.currency, pendingId: null, orderId: state.orderId };
}
