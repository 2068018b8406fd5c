/**
 * The Alipay trade bill of a day of simulator traffic, written the way Alipay exports it (GBK,
 * CRLF, footer totals), from the payments and refunds the hub's event log holds: every CNY
 * payment of the busiest day is on the bill, so reconciliation has real matches, except four
 * planted discrepancies, one of each kind a trade day can show (a row a little off, a payment
 * left out, a row Alipay repeated, a large payment naming no order of ours).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { ALIPAY_FOOTER, alipayRowText } from '../../../resources/statements/make-fixtures.js';
import { ALIPAY_TRADE_BILL_COLUMNS } from '../../../src/core/statements/alipay.js';
import { HubClient } from '../../../src/main/sync/hub-client.js';
import { reconDay } from '../../../src/shared/escrow/recon.js';
import { toDecimalString } from '../../../src/shared/money.js';
import { passwordOf, type StaffName } from './world.js';

/** What Alipay settled: a payment (positive) or a refund (negative) of one of our orders. */
interface Movement {
  orderId: string;
  eventId: string;
  at: number;
  amount: bigint;
  /** 支付宝交易号: Alipay's own number of the movement. */
  tradeNo: string;
}

interface Envelope {
  id: string;
  type: string;
  aggregateId: string;
  at: number;
  data: { currency?: string; amount?: string; returned?: string };
}

export interface PlantedBill {
  path: string;
  /** The China day the bill covers, YYYY-MM-DD. */
  day: string;
  /** The day after: the clearing house settles the day's payments to the bank then (T+1), on the bank's feed. */
  settledDay: string;
  /** Payments and refunds of the day that are on the bill exactly once, as the ledger has them. */
  matching: number;
  /** The order whose row is off by `delta` (amount_mismatch). */
  amountOff: { orderId: string; delta: bigint };
  /** The payment left off the bill (missing_in_statement). */
  missing: { orderId: string; amount: bigint };
  /** The payment Alipay lists twice (duplicate). */
  repeated: { orderId: string };
  /** The payment nobody can place (unknown_in_statement), above the four-eyes threshold. */
  unplaced: { reference: string; amount: bigint };
}

/** Every event of the hub's log, read as `reader` (any signed-in staff member may read it). */
async function hubEvents(hubUrl: string, reader: StaffName): Promise<Envelope[]> {
  const client = new HubClient(hubUrl);
  await client.signIn(reader, passwordOf(reader));
  try {
    const events: Envelope[] = [];
    for (let after = 0; ; ) {
      const page = await client.events(after, 5_000, 0);
      events.push(...(page.events as Envelope[]));
      if (page.next >= page.head || page.events.length === 0) return events;
      after = page.next;
    }
  } finally {
    await client.signOut();
  }
}

/** The CNY payments and refunds of the log (Alipay's trade bill is in CNY), in time order. */
function cnyMovements(events: readonly Envelope[]): Movement[] {
  const cnyOrders = new Set(events.filter((e) => e.type === 'order.paid' && e.data.currency === 'CNY').map((e) => e.aggregateId));
  const movements: Array<Omit<Movement, 'tradeNo'>> = [];
  for (const e of events) {
    if (!cnyOrders.has(e.aggregateId)) continue;
    const base = { orderId: e.aggregateId, eventId: e.id, at: e.at };
    if (e.type === 'order.paid') movements.push({ ...base, amount: BigInt(e.data.amount!) });
    // A refund, or what a partial release gives back to the buyer.
    const refunded = e.type === 'order.refunded' ? e.data.amount : e.type === 'order.released' ? e.data.returned : undefined;
    if (refunded && BigInt(refunded) > 0n) movements.push({ ...base, amount: -BigInt(refunded) });
  }
  return movements.sort((a, b) => a.at - b.at).map((m, i) => ({ ...m, tradeNo: `2031${String(i + 1).padStart(24, '0')}` }));
}

/** "2031-03-04 10:00:05": an instant as Alipay prints it, China Standard Time. */
function chinaTime(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function chinaDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${y}年${m}月${d}日`;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function rowOf(movement: Movement): string {
  const refund = movement.amount < 0n;
  return alipayRowText({
    tradeNo: movement.tradeNo,
    orderNo: movement.orderId,
    kind: refund ? '退款' : '交易',
    product: refund ? '退款' : '商品',
    createdAt: chinaTime(movement.at),
    finishedAt: chinaTime(movement.at),
    counterparty: '*买家(138****0000)',
    amount: toDecimalString(movement.amount, 'CNY'),
    refundNo: refund ? `R${movement.eventId}` : '',
    fee: '0.00',
  });
}

function footer(movements: readonly Movement[], day: string): string[] {
  const sum = (list: readonly Movement[]) => toDecimalString(list.reduce((total, m) => total + m.amount, 0n), 'CNY');
  const trades = movements.filter((m) => m.amount > 0n);
  const refunds = movements.filter((m) => m.amount < 0n);
  return [
    ALIPAY_FOOTER[0],
    `#交易合计：${trades.length}笔，商家实收共${sum(trades)}元，商家优惠共0.00元`,
    `#退款合计：${refunds.length}笔，商家实收退款共${sum(refunds)}元，商家优惠退款共0.00元`,
    `#导出时间：[${chinaDate(nextDay(day))} 09:00:00]`,
  ];
}

/** Writes the bill of the day with the most CNY payments into `dir` and says what was planted. */
export async function writeAlipayBill(hubUrl: string, dir: string, reader: StaffName): Promise<PlantedBill> {
  const movements = cnyMovements(await hubEvents(hubUrl, reader));
  const byDay = new Map<string, Movement[]>();
  for (const m of movements) {
    const ofDay = byDay.get(reconDay(m.at));
    if (ofDay) ofDay.push(m);
    else byDay.set(reconDay(m.at), [m]);
  }
  const [day, ofDay] = [...byDay.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  const payments = ofDay.filter((m) => m.amount > 0n);
  if (payments.length < 10) throw new Error(`the busiest day (${day}) has only ${payments.length} CNY payments`);
  const [offBy, missing, repeated] = [payments[1], payments[Math.floor(payments.length / 2)], payments[payments.length - 2]];
  const delta = 150n;
  const unplaced = { orderId: 'ALIPAY-UNPLACED-0001', eventId: 'unplaced', at: payments[3].at, amount: 12_345_67n, tradeNo: `2031${'9'.repeat(24)}` };

  const billed: Movement[] = [];
  for (const m of ofDay) {
    if (m === missing) continue;
    billed.push(m === offBy ? { ...m, amount: m.amount + delta } : m);
    // The same row again, byte for byte: the import keeps a genuinely repeated line.
    if (m === repeated) billed.push(m);
  }
  billed.push(unplaced);
  const preamble = [
    '#支付宝业务明细查询',
    '#账号：[20881234567890120156]',
    `#起始日期：[${chinaDate(day)} 00:00:00]   终止日期：[${chinaDate(nextDay(day))} 00:00:00]`,
    '#-----------------------------------------业务明细列表----------------------------------------',
    ALIPAY_TRADE_BILL_COLUMNS.join(','),
  ];
  const text = [...preamble, ...billed.map(rowOf), ...footer(billed, day)].join('\r\n') + '\r\n';
  const path = join(dir, `alipay-trade-${day}.csv`);
  writeFileSync(path, iconv.encode(text, 'gbk'));
  return {
    path,
    day,
    settledDay: nextDay(day),
    matching: ofDay.length - 2,
    amountOff: { orderId: offBy.orderId, delta },
    missing: { orderId: missing.orderId, amount: missing.amount },
    repeated: { orderId: repeated.orderId },
    unplaced: { reference: unplaced.orderId, amount: unplaced.amount },
  };
}
