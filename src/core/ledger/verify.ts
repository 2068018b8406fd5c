/**
 * `verify`: recomputes the ledger's invariants (DESIGN §4) from the rows, independently of the
 * incremental bookkeeping that maintains them, and names every one that fails. The SQL is
 * portable (SQLite and PostgreSQL), so the hub can run the same checks.
 */
import type { Currency } from '../../shared/money.js';
import { accountHash, LedgerDigest, transferHash } from './digest.js';
import { accountShape, selectList, transferShape } from './rows.js';
import type { AccountRecord } from './transfer.js';

export type Query = (sql: string, params?: readonly (string | number)[]) => Promise<Record<string, unknown>[]>;

export interface InvariantResult {
  name: string;
  ok: boolean;
  /** Up to a few examples of what broke. */
  violations: string[];
}

export interface CurrencyTotals {
  debits_pending: string;
  credits_pending: string;
  debits_posted: string;
  credits_posted: string;
}

export interface VerifyReport {
  ok: boolean;
  failed: string[];
  currencies: Record<string, CurrencyTotals>;
  accounts: number;
  transfers: number;
  events: number;
  orders: number;
  open_holds: number;
  open_holds_amount: Record<string, string>;
  checksum: string;
  stored_checksum: string | null;
  invariants: InvariantResult[];
}

/** Extra checks other modules contribute (the audit chain, ...). */
export type InvariantCheck = (query: Query) => Promise<InvariantResult>;

const MAX_EXAMPLES = 5;
const PAGE = 5_000;

function invariant(name: string, violations: string[]): InvariantResult {
  return { name, ok: violations.length === 0, violations: violations.slice(0, MAX_EXAMPLES) };
}

export async function verifyLedger(query: Query, extraChecks: readonly InvariantCheck[] = []): Promise<VerifyReport> {
  const accounts = (await query(`SELECT ${selectList(accountShape, true)} FROM accounts ORDER BY id`)).map(accountShape.fromRow);
  const invariants: InvariantResult[] = [];

  // 1. Double entry: per currency, debits equal credits, pending and posted separately.
  const currencies: Record<string, CurrencyTotals> = {};
  const totals = new Map<Currency, { dp: bigint; cp: bigint; dpo: bigint; cpo: bigint }>();
  for (const a of accounts) {
    const t = totals.get(a.currency) ?? { dp: 0n, cp: 0n, dpo: 0n, cpo: 0n };
    t.dp += a.debitsPending;
    t.cp += a.creditsPending;
    t.dpo += a.debitsPosted;
    t.cpo += a.creditsPosted;
    totals.set(a.currency, t);
  }
  const unbalanced: string[] = [];
  for (const [currency, t] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    currencies[currency] = { debits_pending: `${t.dp}`, credits_pending: `${t.cp}`, debits_posted: `${t.dpo}`, credits_posted: `${t.cpo}` };
    if (t.dp !== t.cp) unbalanced.push(`${currency} pending: debits ${t.dp} != credits ${t.cp}`);
    if (t.dpo !== t.cpo) unbalanced.push(`${currency} posted: debits ${t.dpo} != credits ${t.cpo}`);
  }
  invariants.push(invariant('debits_equal_credits', unbalanced));

  // 2. Every account balance is the sum of its transfers.
  invariants.push(await balancesMatchTransfers(query, accounts));

  // 3. Balance limits.
  invariants.push(
    invariant(
      'balance_limits_respected',
      accounts
        .filter(
          (a) =>
            ((a.flags & 1) !== 0 && a.debitsPending + a.debitsPosted > a.creditsPosted) ||
            ((a.flags & 2) !== 0 && a.creditsPending + a.creditsPosted > a.debitsPosted),
        )
        .map((a) => `${a.id} exceeds its limit`),
    ),
  );

  // 4. Two-phase integrity: each hold resolved at most once, by a valid post or void.
  const badResolutions = await query(`
    SELECT r.id AS id, r.kind AS kind, p.kind AS pending_kind, CAST(r.amount AS TEXT) AS amount, CAST(p.amount AS TEXT) AS pending_amount,
           (SELECT count(*) FROM transfers x WHERE x.pending_id = r.pending_id) AS times
    FROM transfers r LEFT JOIN transfers p ON p.id = r.pending_id
    WHERE r.pending_id IS NOT NULL AND (
      p.id IS NULL OR p.kind <> 'pending' OR r.amount > p.amount OR (r.kind = 'void' AND r.amount <> p.amount)
      OR r.debit_account_id <> p.debit_account_id OR r.credit_account_id <> p.credit_account_id
      OR (SELECT count(*) FROM transfers x WHERE x.pending_id = r.pending_id) > 1)
    LIMIT ${MAX_EXAMPLES}`);
  invariants.push(
    invariant(
      'holds_resolved_at_most_once',
      badResolutions.map((r) =>
        r.pending_kind === null || r.pending_kind === undefined
          ? `${r.kind} ${r.id} resolves a pending transfer that does not exist`
          : Number(r.times) > 1
            ? `${r.kind} ${r.id}: its pending transfer is resolved ${r.times} times`
            : `${r.kind} ${r.id} does not match its pending transfer (${r.pending_kind}, ${r.pending_amount})`,
      ),
    ),
  );

  // 5. Orders agree with their holds: held + refunded + released = amount, and an open hold is
  //    exactly one unresolved pending transfer of the amount held.
  const badOrders = await query(`
    SELECT o.order_id AS order_id FROM orders o
    LEFT JOIN transfers h ON h.id = o.hold_transfer_id
    WHERE o.held + o.refunded + o.released <> o.amount
       OR (o.hold_transfer_id IS NULL AND o.held <> 0)
       OR (o.hold_transfer_id IS NOT NULL AND (h.id IS NULL OR h.kind <> 'pending' OR h.amount <> o.held
           OR EXISTS (SELECT 1 FROM transfers x WHERE x.pending_id = o.hold_transfer_id)))
    LIMIT ${MAX_EXAMPLES}`);
  const orphanHolds = await query(`
    SELECT p.id AS id FROM transfers p
    WHERE p.kind = 'pending' AND p.order_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM transfers x WHERE x.pending_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.hold_transfer_id = p.id)
    LIMIT ${MAX_EXAMPLES}`);
  invariants.push(
    invariant('orders_match_holds', [
      ...badOrders.map((r) => `order ${r.order_id}: held, refunded and released do not add up to its hold`),
      ...orphanHolds.map((r) => `pending transfer ${r.id} is open but no order holds it`),
    ]),
  );

  // 6. Events and transfers are numbered without gaps (a deleted row shows as a gap).
  for (const table of ['events', 'transfers'] as const) {
    const [row] = await query(`SELECT count(*) AS n, coalesce(max(seq), 0) AS top, coalesce(min(seq), 1) AS bottom FROM ${table}`);
    const n = Number(row.n);
    const top = Number(row.top);
    invariants.push(invariant(`${table}_sequence_contiguous`, n === top && Number(row.bottom) === 1 ? [] : [`${table}: ${n} rows numbered 1..${top}`]));
  }

  // 7. The stored running checksum equals the one recomputed from the rows.
  const digest = new LedgerDigest();
  for (const a of accounts) digest.add(accountHash(a));
  let transferCount = 0;
  for (let after = 0; ; ) {
    const page = (await query(`SELECT ${selectList(transferShape, true)} FROM transfers WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`, [after])).map(
      transferShape.fromRow,
    );
    for (const t of page) digest.add(transferHash(t));
    transferCount += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1].seq;
  }
  const [meta] = await query("SELECT value FROM ledger_meta WHERE key = 'digest'");
  const stored = meta ? String(meta.value) : null;
  const checksum = digest.toHex();
  const expectedStored = stored ?? (accounts.length === 0 && transferCount === 0 ? checksum : null);
  invariants.push(invariant('checksum_matches_state', expectedStored === checksum ? [] : [`stored ${stored ?? 'none'} != recomputed ${checksum}`]));

  for (const check of extraChecks) invariants.push(await check(query));

  const [counts] = await query('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM orders) AS orders');
  const holds = await query(`
    SELECT currency, count(*) AS n, CAST(sum(held) AS TEXT) AS held FROM orders WHERE hold_transfer_id IS NOT NULL GROUP BY currency ORDER BY currency`);
  const failed = invariants.filter((i) => !i.ok).map((i) => i.name);
  return {
    ok: failed.length === 0,
    failed,
    currencies,
    accounts: accounts.length,
    transfers: transferCount,
    events: Number(counts.events),
    orders: Number(counts.orders),
    open_holds: holds.reduce((n, r) => n + Number(r.n), 0),
    open_holds_amount: Object.fromEntries(holds.map((r) => [String(r.currency), String(r.held)])),
    checksum,
    stored_checksum: stored,
    invariants,
  };
}

async function balancesMatchTransfers(query: Query, accounts: readonly AccountRecord[]): Promise<InvariantResult> {
  const rows = await query(`
    SELECT account, CAST(sum(dp) AS TEXT) AS dp, CAST(sum(dpo) AS TEXT) AS dpo, CAST(sum(cp) AS TEXT) AS cp, CAST(sum(cpo) AS TEXT) AS cpo
    FROM (
      SELECT debit_account_id AS account,
             CASE WHEN kind = 'pending' AND NOT EXISTS (SELECT 1 FROM transfers x WHERE x.pending_id = t.id) THEN amount ELSE 0 END AS dp,
             CASE WHEN kind IN ('single', 'post') THEN amount ELSE 0 END AS dpo, 0 AS cp, 0 AS cpo
      FROM transfers t
      UNION ALL
      SELECT credit_account_id, 0, 0,
             CASE WHEN kind = 'pending' AND NOT EXISTS (SELECT 1 FROM transfers x WHERE x.pending_id = t.id) THEN amount ELSE 0 END,
             CASE WHEN kind IN ('single', 'post') THEN amount ELSE 0 END
      FROM transfers t
    ) legs GROUP BY account`);
  const sums = new Map(rows.map((r) => [String(r.account), r]));
  const violations: string[] = [];
  for (const a of accounts) {
    const s = sums.get(a.id);
    sums.delete(a.id);
    const expected = s ? [BigInt(String(s.dp)), BigInt(String(s.dpo)), BigInt(String(s.cp)), BigInt(String(s.cpo))] : [0n, 0n, 0n, 0n];
    const actual = [a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted];
    if (expected.some((v, i) => v !== actual[i])) {
      violations.push(`${a.id}: balances ${actual.join('/')} but transfers sum to ${expected.join('/')}`);
    }
  }
  for (const account of sums.keys()) violations.push(`transfers reference account ${account}, which does not exist`);
  return invariant('balances_match_transfers', violations);
}
