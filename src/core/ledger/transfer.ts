/**
 * Two-phase transfers with TigerBeetle semantics, applied to an in-memory working set of
 * accounts and transfers that the store loads for a batch and writes back afterwards.
 *
 * A chain (the legs of one event) is all or nothing: the first failing leg fails the chain,
 * every other leg answers `linked_event_failed`, and the working set is left as it was.
 */
import { MAX_INT64, type Currency } from '../../shared/money.js';
import {
  CREDITS_MUST_NOT_EXCEED_DEBITS,
  DEBITS_MUST_NOT_EXCEED_CREDITS,
  accountSpecOf,
  type AccountSpec,
  type Balances,
} from './accounts.js';

export type TransferKind = 'single' | 'pending' | 'post' | 'void';

/** What the transfer is for, kept with it for statements and audits. */
export type TransferCode = 'hold' | 'release' | 'refund' | 'fee' | 'reserve' | 'reserve_release' | 'payout' | 'write_off' | 'adjustment';

export interface TransferSpec {
  id: string;
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  /** For post: the amount posted (<= pending); for void: the pending amount. */
  amount: bigint;
  currency: Currency;
  /** The pending transfer a post or void resolves. */
  pendingId: string | null;
  orderId: string | null;
  code: TransferCode;
}

export interface TransferRecord extends TransferSpec {
  eventId: string;
  at: number;
}

export interface AccountRecord extends AccountSpec, Balances {}

/** Transfer result codes, a flat list in order of precedence (as TigerBeetle's). */
export const TRANSFER_RESULTS = [
  'ok',
  'linked_event_failed',
  'accounts_must_be_different',
  'pending_id_must_be_set',
  'pending_id_must_not_be_set',
  'amount_must_not_be_zero',
  'debit_account_not_found',
  'credit_account_not_found',
  'transfer_must_have_the_same_currency_as_accounts',
  'pending_transfer_not_found',
  'pending_transfer_not_pending',
  'pending_transfer_has_different_debit_account_id',
  'pending_transfer_has_different_credit_account_id',
  'pending_transfer_has_different_currency',
  'exceeds_pending_transfer_amount',
  'pending_transfer_has_different_amount',
  'pending_transfer_already_posted',
  'pending_transfer_already_voided',
  'exists_with_different_fields',
  'exists',
  'overflows_debits_pending',
  'overflows_credits_pending',
  'overflows_debits_posted',
  'overflows_credits_posted',
  'exceeds_credits',
  'exceeds_debits',
] as const;

export type TransferResult = (typeof TRANSFER_RESULTS)[number];

export interface ChainOutcome {
  ok: boolean;
  /** The result of each leg, in order. */
  results: TransferResult[];
}

/**
 * The accounts and transfers a batch touches. The store preloads what the batch references
 * (accounts, pending transfers and whether they are resolved); new rows accumulate here.
 */
export class LedgerWorkingSet {
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly transfers = new Map<string, TransferRecord>();
  /** pending transfer id -> kind of the transfer that resolved it. */
  private readonly resolutions = new Map<string, 'post' | 'void'>();
  private readonly createdTransfers: TransferRecord[] = [];
  private readonly touchedAccounts = new Set<string>();
  /** Balances as loaded, so the store can tell what changed. */
  readonly originalAccounts = new Map<string, AccountRecord | null>();

  loadAccount(account: AccountRecord | null, id: string): void {
    this.originalAccounts.set(id, account ? { ...account } : null);
    if (account) this.accounts.set(id, { ...account });
  }

  loadTransfer(transfer: TransferRecord): void {
    this.transfers.set(transfer.id, transfer);
  }

  loadResolution(pendingId: string, kind: 'post' | 'void'): void {
    this.resolutions.set(pendingId, kind);
  }

  account(id: string): AccountRecord | undefined {
    return this.accounts.get(id);
  }

  newTransfers(): readonly TransferRecord[] {
    return this.createdTransfers;
  }

  changedAccounts(): AccountRecord[] {
    return [...this.touchedAccounts].map((id) => this.accounts.get(id)!);
  }

  /** Applies the legs of one event atomically. */
  applyChain(specs: readonly TransferSpec[], eventId: string, at: number): ChainOutcome {
    // Accounts are replaced, never mutated, so remembering the objects is a full snapshot.
    const snapshot = new Map<string, AccountRecord | undefined>();
    const createdBefore = this.createdTransfers.length;
    const resolvedNow: string[] = [];
    const results: TransferResult[] = [];
    let failedAt = -1;
    for (let i = 0; i < specs.length; i += 1) {
      const spec = specs[i];
      for (const id of [spec.debitAccountId, spec.creditAccountId]) {
        if (!snapshot.has(id)) snapshot.set(id, this.accounts.get(id));
      }
      const result = this.applyOne(spec, eventId, at);
      results.push(result);
      if (result !== 'ok') {
        failedAt = i;
        break;
      }
      if (spec.pendingId) resolvedNow.push(spec.pendingId);
    }
    if (failedAt < 0) return { ok: true, results };

    // Roll the chain back: balances, created transfers and resolutions.
    for (const [id, account] of snapshot) {
      if (account) this.accounts.set(id, account);
      else this.accounts.delete(id);
    }
    for (const transfer of this.createdTransfers.splice(createdBefore)) this.transfers.delete(transfer.id);
    for (const pendingId of resolvedNow) this.resolutions.delete(pendingId);
    return { ok: false, results: specs.map((_, i) => (i === failedAt ? results[i] : 'linked_event_failed')) };
  }

  private applyOne(spec: TransferSpec, eventId: string, at: number): TransferResult {
    if (spec.debitAccountId === spec.creditAccountId) return 'accounts_must_be_different';
    const resolves = spec.kind === 'post' || spec.kind === 'void';
    if (resolves && !spec.pendingId) return 'pending_id_must_be_set';
    if (!resolves && spec.pendingId) return 'pending_id_must_not_be_set';
    if (spec.amount <= 0n) return 'amount_must_not_be_zero';
    const debit = this.accountOrCreate(spec.debitAccountId);
    if (!debit) return 'debit_account_not_found';
    const credit = this.accountOrCreate(spec.creditAccountId);
    if (!credit) return 'credit_account_not_found';
    if (debit.currency !== spec.currency || credit.currency !== spec.currency) return 'transfer_must_have_the_same_currency_as_accounts';

    let pending: TransferRecord | undefined;
    if (resolves) {
      pending = this.transfers.get(spec.pendingId!);
      if (!pending) return 'pending_transfer_not_found';
      if (pending.kind !== 'pending') return 'pending_transfer_not_pending';
      if (pending.debitAccountId !== spec.debitAccountId) return 'pending_transfer_has_different_debit_account_id';
      if (pending.creditAccountId !== spec.creditAccountId) return 'pending_transfer_has_different_credit_account_id';
      if (pending.currency !== spec.currency) return 'pending_transfer_has_different_currency';
      if (spec.amount > pending.amount) return 'exceeds_pending_transfer_amount';
      if (spec.kind === 'void' && spec.amount !== pending.amount) return 'pending_transfer_has_different_amount';
      const resolution = this.resolutions.get(pending.id);
      if (resolution === 'post') return 'pending_transfer_already_posted';
      if (resolution === 'void') return 'pending_transfer_already_voided';
    }

    const existing = this.transfers.get(spec.id);
    if (existing) return sameTransfer(existing, spec) ? 'exists' : 'exists_with_different_fields';

    const next = { debit: { ...debit }, credit: { ...credit } };
    if (spec.kind === 'pending') {
      next.debit.debitsPending += spec.amount;
      next.credit.creditsPending += spec.amount;
    } else if (spec.kind === 'single') {
      next.debit.debitsPosted += spec.amount;
      next.credit.creditsPosted += spec.amount;
    } else {
      // Post or void: the whole pending amount leaves pending; a post makes `amount` posted and
      // returns the rest to the debit account.
      next.debit.debitsPending -= pending!.amount;
      next.credit.creditsPending -= pending!.amount;
      if (spec.kind === 'post') {
        next.debit.debitsPosted += spec.amount;
        next.credit.creditsPosted += spec.amount;
      }
    }
    if (next.debit.debitsPending > MAX_INT64) return 'overflows_debits_pending';
    if (next.credit.creditsPending > MAX_INT64) return 'overflows_credits_pending';
    if (next.debit.debitsPosted > MAX_INT64) return 'overflows_debits_posted';
    if (next.credit.creditsPosted > MAX_INT64) return 'overflows_credits_posted';
    // Limits are checked pessimistically: pending debits count against the credits available.
    if (spec.kind !== 'void' && debit.flags & DEBITS_MUST_NOT_EXCEED_CREDITS) {
      if (next.debit.debitsPending + next.debit.debitsPosted > next.debit.creditsPosted) return 'exceeds_credits';
    }
    if (spec.kind !== 'void' && credit.flags & CREDITS_MUST_NOT_EXCEED_DEBITS) {
      if (next.credit.creditsPending + next.credit.creditsPosted > next.credit.debitsPosted) return 'exceeds_debits';
    }

    this.accounts.set(debit.id, next.debit);
    this.accounts.set(credit.id, next.credit);
    this.touchedAccounts.add(debit.id);
    this.touchedAccounts.add(credit.id);
    const record: TransferRecord = { ...spec, eventId, at };
    this.transfers.set(spec.id, record);
    this.createdTransfers.push(record);
    if (pending) this.resolutions.set(pending.id, spec.kind as 'post' | 'void');
    return 'ok';
  }

  /** Accounts are created on first use from their key (see accounts.ts). */
  private accountOrCreate(id: string): AccountRecord | undefined {
    const found = this.accounts.get(id);
    if (found) return found;
    const spec = accountSpecOf(id);
    if (!spec) return undefined;
    const created: AccountRecord = { ...spec, debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
    if (!this.originalAccounts.has(id)) this.originalAccounts.set(id, null);
    this.accounts.set(id, created);
    return created;
  }
}

function sameTransfer(a: TransferSpec, b: TransferSpec): boolean {
  return (
    a.kind === b.kind &&
    a.debitAccountId === b.debitAccountId &&
    a.creditAccountId === b.creditAccountId &&
    a.amount === b.amount &&
    a.currency === b.currency &&
    a.pendingId === b.pendingId &&
    a.orderId === b.orderId &&
    a.code === b.code
  );
}
