/**
 * The bank's side of the day, for reconciliation: the settlement account's statement and the
 * bank's payout confirmations.
 *
 * - Collections: the clearing house (网联) settles each paid order to the platform's account
 *   the next morning, one credit line per order, referencing the order id.
 * - Payouts: each week every merchant is paid what its buyers confirmed (the seller share of the
 *   release); the bank confirms each payout (a few fail), a paid one is a debit line.
 *
 * Discrepancies of each kind are planted in the collections and reported: a missing line, an
 * amount a little off, an unknown credit, a duplicated line, a line in the wrong currency.
 */
import { splitRelease, toDecimalString, type Currency } from '../shared/money.js';
import { companyName, REGIONS } from './catalog.js';
import type { Draft } from './lifecycle.js';
import type { OrderPlan } from './orders.js';
import type { SimCurrency } from './prices.js';
import type { Random } from './random.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './timeline.js';

export const DISCREPANCY_KINDS = ['missing_line', 'amount_off', 'unknown_line', 'duplicate_line', 'wrong_currency'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export interface Discrepancy {
  kind: DiscrepancyKind;
  /** The statement line that is wrong; null for a line that is missing. */
  lineId: string | null;
  /** The order (or, for an unknown line, the bank's) reference. */
  reference: string;
  detail: string;
}

export interface SettlementReport {
  lines: number;
  discrepancies: Discrepancy[];
  payouts: { paid: number; failed: number };
}

export interface SettledOrder {
  order: OrderPlan;
  confirmedAt: number | null;
}

/** The platform's settlement account per currency. */
const ACCOUNTS: Record<SimCurrency, string> = {
  CNY: 'CMB-0755-CNY-88880001',
  HKD: 'BOCHK-012-HKD-66660001',
  USD: 'BOC-SH-USD-27270001',
  JPY: 'MUFG-TYO-JPY-31310001',
};

/** Another currency of the same ISO 4217 exponent: the digits stay plausible, the currency is wrong. */
const WRONG_CURRENCY: Record<SimCurrency, Currency> = { CNY: 'HKD', HKD: 'CNY', USD: 'CNY', JPY: 'KRW' };

const CLEARING_HOUSE = '网联清算有限公司';

type LineFields = { amount: bigint; currency: Currency; accountRef: string; reference: string; counterparty: string; description: string };
/** Appends a statement line at `at` and returns its id. */
type AddLine = (at: number, fields: LineFields) => string;
const PAYOUT_CYCLE_MS = 7 * DAY_MS;
const PAYOUT_FAILURES = ['account_closed', 'name_mismatch', 'invalid_account_number'];

export function planSettlement(random: Random, settled: readonly SettledOrder[], epochMs: number, tag: string): { drafts: Draft[]; report: SettlementReport } {
  const drafts: Draft[] = [];
  const discrepancies: Discrepancy[] = [];
  let lineSequence = 0;
  const line: AddLine = (at, fields) => {
    lineSequence += 1;
    const lineId = `L-${tag}-${String(lineSequence).padStart(7, '0')}`;
    drafts.push({ at, body: { type: 'bank.statement_line', line: { lineId, bookedAt: epochMs + at, ...fields } }, needsClock: false });
    return lineId;
  };

  // Planted discrepancies: about one of each kind per thousand orders, on distinct orders.
  const perKind = Math.max(1, Math.round(settled.length / 1000));
  const chosen = random.sample(settled, 4 * perKind);
  const plantedKind = new Map<OrderPlan, DiscrepancyKind>();
  (['missing_line', 'amount_off', 'duplicate_line', 'wrong_currency'] as const).forEach((kind, k) => {
    for (const { order } of chosen.slice(k * perKind, (k + 1) * perKind)) plantedKind.set(order, kind);
  });

  for (const { order } of settled) {
    const currency = order.merchant.currency;
    const at = settlementMorning(random, order.paidAt);
    const fields: LineFields = {
      amount: order.amount,
      currency,
      accountRef: ACCOUNTS[currency],
      reference: order.orderId,
      counterparty: CLEARING_HOUSE,
      description: `网联清算 收款 ${order.orderId}`,
    };
    const kind = plantedKind.get(order);
    if (kind === 'missing_line') {
      discrepancies.push({ kind, lineId: null, reference: order.orderId, detail: `no line for ${money(order.amount, currency)}` });
      continue;
    }
    if (kind === 'amount_off') {
      const delta = BigInt(random.int(1, currency === 'JPY' ? 9 : 99)) * (random.chance(0.5) || order.amount <= 100n ? 1n : -1n);
      const lineId = line(at, { ...fields, amount: order.amount + delta });
      discrepancies.push({ kind, lineId, reference: order.orderId, detail: `line says ${money(order.amount + delta, currency)}, order is ${money(order.amount, currency)}` });
      continue;
    }
    if (kind === 'wrong_currency') {
      const lineId = line(at, { ...fields, currency: WRONG_CURRENCY[currency] });
      discrepancies.push({ kind, lineId, reference: order.orderId, detail: `line in ${WRONG_CURRENCY[currency]}, order in ${currency}` });
      continue;
    }
    line(at, fields);
    if (kind === 'duplicate_line') {
      const lineId = line(at + random.int(1, 10) * MINUTE_MS, fields);
      discrepancies.push({ kind, lineId, reference: order.orderId, detail: `second line for the same ${money(order.amount, currency)}` });
    }
  }

  // Money nobody can place: a transfer with the bank's own reference.
  for (let i = 0; i < perKind; i += 1) {
    const at = random.int(DAY_MS, 2 * DAY_MS);
    const reference = `TRF${random.digits(16)}`;
    const amount = random.bigint(10_000n, 5_000_000n);
    const city = random.pick(random.pick(REGIONS).cities);
    const lineId = line(at, { amount, currency: 'CNY', accountRef: ACCOUNTS.CNY, reference, counterparty: companyName(random, city, 'b2b'), description: '往来款' });
    discrepancies.push({ kind: 'unknown_line', lineId, reference, detail: `credit of ${money(amount, 'CNY')} matching no order` });
  }

  const payouts = planPayouts(random, settled, tag, drafts, line);
  return { drafts, report: { lines: lineSequence, discrepancies, payouts } };
}

function money(amount: bigint, currency: Currency): string {
  return `${toDecimalString(amount, currency)} ${currency}`;
}

/** The clearing house settles yesterday's payments between 02:00 and 05:00. */
function settlementMorning(random: Random, paidAt: number): number {
  return paidAt - (paidAt % DAY_MS) + DAY_MS + random.int(2 * HOUR_MS, 5 * HOUR_MS);
}

/** Weekly payouts per merchant of the seller share of what buyers confirmed that week. */
function planPayouts(
  random: Random,
  settled: readonly SettledOrder[],
  tag: string,
  drafts: Draft[],
  line: AddLine,
): { paid: number; failed: number } {
  const due = new Map<string, { order: OrderPlan; cycle: number; amount: bigint }>();
  for (const { order, confirmedAt } of settled) {
    if (confirmedAt === null) continue;
    const cycle = Math.floor(confirmedAt / PAYOUT_CYCLE_MS);
    const key = `${order.merchant.id}|${cycle}`;
    const { seller } = splitRelease(order.amount, order.merchant.feeBps, order.merchant.reserveBps);
    const entry = due.get(key) ?? { order, cycle, amount: 0n };
    entry.amount += seller;
    due.set(key, entry);
  }
  const runs = [...due.values()].sort((a, b) => a.cycle - b.cycle || (a.order.merchant.id < b.order.merchant.id ? -1 : 1));
  let paid = 0;
  let failed = 0;
  runs.forEach(({ order, cycle, amount }, index) => {
    const { merchant } = order;
    const payoutId = `P-${tag}-${index + 1}`;
    const sentAt = (cycle + 1) * PAYOUT_CYCLE_MS + 10 * HOUR_MS;
    const confirmedAt = sentAt + random.int(10 * MINUTE_MS, 3 * HOUR_MS);
    if (random.chance(0.97)) {
      paid += 1;
      const bankReference = `BR${random.digits(14)}`;
      drafts.push({ at: confirmedAt, body: { type: 'payout.confirmed', confirmation: { payoutId, status: 'paid', bankReference } }, needsClock: false });
      line(confirmedAt + random.int(MINUTE_MS, HOUR_MS), {
        amount: -amount,
        currency: merchant.currency,
        accountRef: ACCOUNTS[merchant.currency],
        reference: payoutId,
        counterparty: merchant.name,
        description: `商户结算 ${payoutId}`,
      });
    } else {
      failed += 1;
      drafts.push({ at: confirmedAt, body: { type: 'payout.confirmed', confirmation: { payoutId, status: 'failed', failureReason: random.pick(PAYOUT_FAILURES) } }, needsClock: false });
    }
  });
  return { paid, failed };
}
