import { describe, expect, it } from 'vitest';
import { accountId, accountSpecOf, balanceViews } from '../../src/core/ledger/accounts.js';
import { LedgerWorkingSet, TRANSFER_RESULTS, type TransferSpec } from '../../src/core/ledger/transfer.js';

const BUYERS = accountId('buyer_funds', 'CNY');
const PAYABLE = accountId('merchant_payable', 'CNY', 'M1');
const FEES = accountId('platform_fees', 'CNY');
const SETTLEMENT = accountId('bank_settlement', 'CNY');

function spec(overrides: Partial<TransferSpec> & Pick<TransferSpec, 'id' | 'kind' | 'amount'>): TransferSpec {
  return { debitAccountId: BUYERS, creditAccountId: PAYABLE, currency: 'CNY', pendingId: null, orderId: 'O1', code: 'hold', ...overrides };
}

function balances(ws: LedgerWorkingSet, id: string) {
  const a = ws.account(id)!;
  return [a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted];
}

describe('two-phase transfers', () => {
  it('pending reserves on both sides; post moves the posted amount and releases the rest', () => {
    const ws = new LedgerWorkingSet();
    expect(ws.applyChain([spec({ id: 'h', kind: 'pending', amount: 100n })], 'e1', 1).ok).toBe(true);
    expect(balances(ws, BUYERS)).toEqual([100n, 0n, 0n, 0n]);
    expect(balances(ws, PAYABLE)).toEqual([0n, 0n, 100n, 0n]);
    expect(ws.applyChain([spec({ id: 'p', kind: 'post', amount: 60n, pendingId: 'h' })], 'e2', 2).ok).toBe(true);
    expect(balances(ws, BUYERS)).toEqual([0n, 60n, 0n, 0n]);
    expect(balances(ws, PAYABLE)).toEqual([0n, 0n, 0n, 60n]);
  });

  it('void returns everything; a pending transfer resolves at most once', () => {
    const ws = new LedgerWorkingSet();
    ws.applyChain([spec({ id: 'h', kind: 'pending', amount: 100n })], 'e1', 1);
    expect(ws.applyChain([spec({ id: 'v', kind: 'void', amount: 100n, pendingId: 'h' })], 'e2', 2).ok).toBe(true);
    expect(balances(ws, PAYABLE)).toEqual([0n, 0n, 0n, 0n]);
    expect(ws.applyChain([spec({ id: 'v2', kind: 'void', amount: 100n, pendingId: 'h' })], 'e3', 3).results).toEqual(['pending_transfer_already_voided']);
    expect(ws.applyChain([spec({ id: 'p', kind: 'post', amount: 1n, pendingId: 'h' })], 'e4', 4).results).toEqual(['pending_transfer_already_voided']);
  });

  it('refuses a second post of the same hold', () => {
    const ws = new LedgerWorkingSet();
    ws.applyChain([spec({ id: 'h', kind: 'pending', amount: 100n })], 'e1', 1);
    ws.applyChain([spec({ id: 'p', kind: 'post', amount: 100n, pendingId: 'h' })], 'e2', 2);
    expect(ws.applyChain([spec({ id: 'p2', kind: 'post', amount: 1n, pendingId: 'h' })], 'e3', 3).results).toEqual(['pending_transfer_already_posted']);
  });

  it.each([
    [{ id: 'x', kind: 'post', amount: 1n, pendingId: null }, 'pending_id_must_be_set'],
    [{ id: 'x', kind: 'single', amount: 1n, pendingId: 'h' }, 'pending_id_must_not_be_set'],
    [{ id: 'x', kind: 'single', amount: 0n }, 'amount_must_not_be_zero'],
    [{ id: 'x', kind: 'single', amount: 1n, creditAccountId: BUYERS }, 'accounts_must_be_different'],
    [{ id: 'x', kind: 'single', amount: 1n, debitAccountId: 'nonsense:CNY' }, 'debit_account_not_found'],
    [{ id: 'x', kind: 'single', amount: 1n, creditAccountId: 'merchant_payable:CNY' }, 'credit_account_not_found'],
    [{ id: 'x', kind: 'single', amount: 1n, currency: 'USD' }, 'transfer_must_have_the_same_currency_as_accounts'],
    [{ id: 'x', kind: 'post', amount: 1n, pendingId: 'missing' }, 'pending_transfer_not_found'],
    [{ id: 'x', kind: 'post', amount: 1n, pendingId: 's' }, 'pending_transfer_not_pending'],
    [{ id: 'x', kind: 'post', amount: 1n, pendingId: 'h', debitAccountId: SETTLEMENT }, 'pending_transfer_has_different_debit_account_id'],
    [{ id: 'x', kind: 'post', amount: 1n, pendingId: 'h', creditAccountId: FEES }, 'pending_transfer_has_different_credit_account_id'],
    [{ id: 'x', kind: 'post', amount: 101n, pendingId: 'h' }, 'exceeds_pending_transfer_amount'],
    [{ id: 'x', kind: 'void', amount: 99n, pendingId: 'h' }, 'pending_transfer_has_different_amount'],
    [{ id: 'h', kind: 'pending', amount: 100n }, 'exists'],
    [{ id: 'h', kind: 'pending', amount: 7n }, 'exists_with_different_fields'],
    [{ id: 'x', kind: 'single', amount: 6n, debitAccountId: PAYABLE, creditAccountId: FEES }, 'exceeds_credits'],
  ] as const)('%o answers %s', (overrides, code) => {
    const ws = new LedgerWorkingSet();
    ws.applyChain([spec({ id: 'h', kind: 'pending', amount: 100n })], 'e1', 1);
    ws.applyChain([spec({ id: 's', kind: 'single', amount: 5n })], 'e2', 2);
    const result = ws.applyChain([spec(overrides as Partial<TransferSpec> & Pick<TransferSpec, 'id' | 'kind' | 'amount'>)], 'e3', 3);
    expect(result).toEqual({ ok: false, results: [code] });
    expect(TRANSFER_RESULTS).toContain(code);
  });

  it('checks limits pessimistically: pending debits count against available credits', () => {
    const ws = new LedgerWorkingSet();
    ws.applyChain([spec({ id: 's', kind: 'single', amount: 100n })], 'e1', 1); // payable +100 posted
    const payout = { debitAccountId: PAYABLE, creditAccountId: SETTLEMENT, code: 'payout' as const };
    expect(ws.applyChain([spec({ ...payout, id: 'p1', kind: 'pending', amount: 70n })], 'e2', 2).ok).toBe(true);
    // 30 available: a further 31 is refused even though nothing is posted out yet.
    expect(ws.applyChain([spec({ ...payout, id: 'p2', kind: 'pending', amount: 31n })], 'e3', 3).results).toEqual(['exceeds_credits']);
    expect(ws.applyChain([spec({ ...payout, id: 'p3', kind: 'pending', amount: 30n })], 'e4', 4).ok).toBe(true);
    expect(balanceViews(ws.account(PAYABLE)!.flags, ws.account(PAYABLE)!)).toEqual({ posted: 100n, pending: 0n, available: 0n });
  });

  it('refuses a balance above 2^63 - 1', () => {
    const ws = new LedgerWorkingSet();
    ws.loadAccount({ ...accountSpecOf(BUYERS)!, debitsPending: 0n, debitsPosted: 2n ** 63n - 1n, creditsPending: 0n, creditsPosted: 0n }, BUYERS);
    expect(ws.applyChain([spec({ id: 's', kind: 'single', amount: 1n })], 'e1', 1).results).toEqual(['overflows_debits_posted']);
  });

  it('a chain is all or nothing: a failing leg rolls back the legs before it', () => {
    const ws = new LedgerWorkingSet();
    ws.applyChain([spec({ id: 'h', kind: 'pending', amount: 100n })], 'e1', 1);
    const before = [balances(ws, BUYERS), balances(ws, PAYABLE)];
    const result = ws.applyChain(
      [
        spec({ id: 'r', kind: 'post', amount: 100n, pendingId: 'h' }),
        spec({ id: 'f', kind: 'single', amount: 10n, debitAccountId: PAYABLE, creditAccountId: FEES }),
        spec({ id: 'bad', kind: 'single', amount: 1_000n, debitAccountId: PAYABLE, creditAccountId: accountId('merchant_reserve', 'CNY', 'M1') }),
      ],
      'e2',
      2,
    );
    expect(result).toEqual({ ok: false, results: ['linked_event_failed', 'linked_event_failed', 'exceeds_credits'] });
    expect([balances(ws, BUYERS), balances(ws, PAYABLE)]).toEqual(before);
    expect(ws.account(FEES)).toBeUndefined();
    expect(ws.newTransfers().map((t) => t.id)).toEqual(['h']);
    // The hold is still unresolved: a later post works.
    expect(ws.applyChain([spec({ id: 'r2', kind: 'post', amount: 100n, pendingId: 'h' })], 'e3', 3).ok).toBe(true);
  });
});

describe('balance views', () => {
  it('follow Modern Treasury for credit- and debit-normal accounts', () => {
    const b = { debitsPending: 5n, debitsPosted: 20n, creditsPending: 7n, creditsPosted: 100n };
    expect(balanceViews(1, b)).toEqual({ posted: 80n, pending: 82n, available: 75n });
    expect(balanceViews(0, b)).toEqual({ posted: -80n, pending: -82n, available: -87n });
  });

  it('account keys encode kind, owner and currency', () => {
    expect(accountSpecOf('merchant_payable:M1:JPY')).toMatchObject({ kind: 'merchant_payable', owner: 'M1', currency: 'JPY', flags: 1 });
    expect(accountSpecOf('platform_fees:XXX')).toBeNull();
    expect(accountSpecOf('merchant_payable:JPY')).toBeNull();
    expect(() => accountId('merchant_payable', 'CNY')).toThrow();
  });
});
