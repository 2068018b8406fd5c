/**
 * The chart of accounts. An account is identified by a readable key
 * `kind:currency` (platform accounts) or `kind:owner:currency` (per-merchant accounts); the key
 * alone determines the account's currency and balance limits, so every replica creates the
 * same account the first time a posting touches it.
 */
import { isCurrency, type Currency } from '../../shared/money.js';

export const ACCOUNT_KINDS = {
  /** Buyer payments received into escrow; debited by holds, refunds void back into it. */
  buyer_funds: { owned: false, flags: 0 },
  /** What the platform owes a merchant. Must never go negative. */
  merchant_payable: { owned: true, flags: 1 },
  /** The merchant's rolling reserve, released back to payable after its period. */
  merchant_reserve: { owned: true, flags: 1 },
  /** Platform fee revenue. */
  platform_fees: { owned: false, flags: 1 },
  /** Money sent out to merchants' bank accounts (payouts). */
  bank_settlement: { owned: false, flags: 0 },
  /** Reconciliation differences the platform absorbs (written off, with a reason and approval). */
  write_offs: { owned: false, flags: 0 },
} as const satisfies Record<string, { owned: boolean; flags: number }>;

export type AccountKind = keyof typeof ACCOUNT_KINDS;

/** TigerBeetle account flags. */
export const DEBITS_MUST_NOT_EXCEED_CREDITS = 1;
export const CREDITS_MUST_NOT_EXCEED_DEBITS = 2;

export interface AccountSpec {
  id: string;
  kind: AccountKind;
  owner: string | null;
  currency: Currency;
  flags: number;
}

export function accountId(kind: AccountKind, currency: Currency, owner?: string): string {
  const owned = ACCOUNT_KINDS[kind].owned;
  if (owned !== (owner !== undefined)) throw new Error(`account kind ${kind} ${owned ? 'needs' : 'takes no'} owner`);
  return owner === undefined ? `${kind}:${currency}` : `${kind}:${owner}:${currency}`;
}

export function accountSpecOf(id: string): AccountSpec | null {
  const parts = id.split(':');
  const kind = parts[0] as AccountKind;
  if (!Object.prototype.hasOwnProperty.call(ACCOUNT_KINDS, kind)) return null;
  const owned = ACCOUNT_KINDS[kind].owned;
  if (parts.length !== (owned ? 3 : 2)) return null;
  const currency = parts[parts.length - 1];
  if (!isCurrency(currency)) return null;
  return { id, kind, owner: owned ? parts[1] : null, currency, flags: ACCOUNT_KINDS[kind].flags };
}

export interface Balances {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

export interface BalanceViews {
  posted: bigint;
  pending: bigint;
  available: bigint;
}

/**
 * Balance views as Modern Treasury defines them. Credit-normal accounts (the ones whose
 * debits must not exceed credits: what we owe) count credits as positive; the others are
 * debit-normal. Available subtracts outgoing pending amounts but not incoming ones.
 */
export function balanceViews(flags: number, b: Balances): BalanceViews {
  if (flags & DEBITS_MUST_NOT_EXCEED_CREDITS) {
    return {
      posted: b.creditsPosted - b.debitsPosted,
      pending: b.creditsPending + b.creditsPosted - b.debitsPending - b.debitsPosted,
      available: b.creditsPosted - b.debitsPosted - b.debitsPending,
    };
  }
  return {
    posted: b.debitsPosted - b.creditsPosted,
    pending: b.debitsPending + b.debitsPosted - b.creditsPending - b.creditsPosted,
    available: b.debitsPosted - b.creditsPosted - b.creditsPending,
  };
}
