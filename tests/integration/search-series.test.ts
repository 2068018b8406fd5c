/**
 * Global search and the overview's day figures on a real console store, filled with real events
 * (decided by the real deciders, applied as the hub sends them): the figures are checked
 * against an oracle computed from the events themselves, against the orders' own columns, after
 * a replay, and on a replica upgraded to the migration (the backfill); search by every kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/escrow/config.js';
import { SqliteLedger } from '../../src/core/ledger/sqlite-ledger.js';
import { invoke } from '../../src/main/app/app.js';
import { handlers } from '../../src/main/app/handlers.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { CONSOLE_SCOPE, consoleMigrations } from '../../src/main/store/migrations/index.js';
import type { DayFigures, SearchHit } from '../../src/shared/api/console.js';
import { SYSTEM_ACTOR, type EventEnvelope } from '../../src/shared/escrow/envelope.js';
import { chinaDayNumber, chinaDayText, dayStart } from '../../src/shared/escrow/recon.js';
import type { Currency } from '../../src/shared/money.js';
import type { Result } from '../../src/shared/result.js';
import { buildUscc } from '../../src/sim/identifiers.js';
import { T0 } from '../support/driver.js';
import { tempDir } from '../support/files.js';
import { handlerContexts, value } from '../support/handler-context.js';
import { Scenario, STAFF } from '../support/scenario.js';

const tmp = tempDir('search-series');
const HOUR = 3_600_000;
/** 2026-11-11 16:00 UTC: midnight in China, the start of the 12th. */
const MIDNIGHT = T0 + 16 * HOUR;
const NOW = T0 + 6 * DAY_MS;
let store: ConsoleStore;
let events: EventEnvelope[];
const payoutIds: string[] = [];

const { context, call } = handlerContexts(() => store, NOW);

const application = (applicationId: string, merchantId: string, legalName: string) => ({
  applicationId,
  merchantId,
  legalName,
  entityType: 'company' as const,
  segment: 'b2c' as const,
  uscc: buildUscc({ authority: '9', kind: '1', division: '320500', orgBody: 'MA1XY523' }),
  legalRepresentative: '陈静',
  bankAccount: { kind: 'card' as const, number: '6222021234567890128' },
  category: 'textiles',
  expectedMonthlyVolume: 30_000_000n,
  currency: 'CNY' as const,
  documents: ['business_licence.pdf', 'legal_rep_id_front.jpg', 'legal_rep_id_back.jpg'].map((name, i) => ({
    name,
    sha256: String(i + 1).repeat(64),
    size: 2048,
    mime: name.endsWith('.pdf') ? ('application/pdf' as const) : ('image/jpeg' as const),
  })),
});

async function pay(s: Scenario, orderId: string, buyerId: string, merchantId: string, amount: bigint, currency: Currency = 'CNY'): Promise<void> {
  await s.market({ type: 'order.pay', orderId, data: { buyerId, merchantId, amount, currency, feeBps: 60, reserveBps: 1000 } });
}

/** A payout created, sent and paid by the bank: events as the hub appends them. */
function payoutEvents(s: Scenario, payoutId: string, merchantId: string, amount: bigint): EventEnvelope[] {
  const by = { id: STAFF.finance.id, name: STAFF.finance.name, role: STAFF.finance.role };
  const base = { aggregateId: payoutId, at: s.now, actor: SYSTEM_ACTOR };
  return [
    { ...base, id: s.newId(), version: 1, type: 'payout.created', data: { merchantId, currency: 'CNY', amount, by } },
    { ...base, id: s.newId(), version: 2, type: 'payout.sent', data: { by } },
    { ...base, id: s.newId(), version: 3, type: 'payout.paid', data: { bankReference: 'ICBC-1' } },
  ] as EventEnvelope[];
}

/** Three China days of traffic (two currencies), with the China midnight between the 11th and the 12th crossed on purpose. */
async function traffic(): Promise<EventEnvelope[]> {
  const s = new Scenario();
  await s.receiveApplication(application('APP-1', 'M1', 'Suzhou Silk Road Textiles Co., Ltd.'));
  await s.receiveApplication(application('APP-2', 'M2', 'sunny farm 阳光农场'));
  await s.receiveApplication(application('APP-3', 'M3', '杭州西湖茶叶有限公司'));
  for (const id of ['APP-1', 'APP-2']) {
    const approved = await s.staff(STAFF.onboarding, { type: 'application.approve', applicationId: id, data: { tier: 'standard', payoutSchedule: 'daily', reserveBps: 1000 } });
    expect(approved.ok).toBe(true);
  }
  // The 11th (China): orders up to the last millisecond before midnight; the 12th from midnight.
  const payments: Array<[number, string, string, string, bigint]> = [
    [T0 + HOUR, 'O1', 'B1', 'M2', 100_00n],
    [T0 + 2 * HOUR, 'O2', 'B2', 'M1', 110_00n],
    [MIDNIGHT - 1, 'O3', 'B3', 'M1', 120_00n],
    [MIDNIGHT - 1, 'O4', 'B4', 'M2', 130_00n],
    [MIDNIGHT, 'O5', 'B1', 'M1', 140_00n],
    [MIDNIGHT + HOUR, 'O6', 'B2', 'M1', 150_00n],
    [MIDNIGHT + HOUR, 'O7', 'B3', 'M2', 160_00n],
    [MIDNIGHT + 2 * HOUR, 'O8', 'B4', 'M1', 170_00n],
    [MIDNIGHT + 2 * HOUR, 'O9', 'B1', 'M1', 180_00n],
  ];
  for (const [at, orderId, buyerId, merchantId, amount] of payments) {
    s.now = at;
    await pay(s, orderId, buyerId, merchantId, amount);
  }
  await pay(s, 'U1', 'B9', 'M1', 77_00n, 'USD');
  s.now = MIDNIGHT + 2 * HOUR + 60_000;
  for (let i = 1; i <= 9; i += 1) await s.market({ type: 'order.ship', orderId: `O${i}`, data: { method: 'express' } });
  // Releases: buyers confirm (fee and reserve), a staff release of part of a hold (the rest returns to the buyer).
  s.now = MIDNIGHT + 3 * HOUR;
  for (const id of ['O1', 'O2', 'O3', 'O4']) await s.market({ type: 'order.confirm', orderId: id });
  await s.market({ type: 'order.release', orderId: 'O5', data: { amount: 60_00n, currency: 'CNY' } });
  // Refunds: a partial one in the last millisecond of the 12th, the rest of it and a full one on the 13th.
  s.now = MIDNIGHT + DAY_MS - 1;
  await s.market({ type: 'order.refund', orderId: 'O6', data: { amount: 10_00n, currency: 'CNY' } });
  s.now = MIDNIGHT + DAY_MS;
  await s.market({ type: 'order.refund', orderId: 'O6', data: { amount: 20_00n, currency: 'CNY' } });
  await s.market({ type: 'order.refund', orderId: 'O7', data: { amount: 160_00n, currency: 'CNY' } });
  // The 13th: three more orders, two of them flagged.
  s.now = MIDNIGHT + DAY_MS + HOUR;
  await pay(s, 'O10', 'B2', 'M2', 190_00n);
  await pay(s, 'O11', 'B3', 'M1', 200_00n);
  await pay(s, 'O12', 'B4', 'M1', 210_00n);
  await s.flag('O10', 80);
  await s.flag('O11', 60);
  // Disputes; one decided by a split: part refunded, part released.
  s.now = MIDNIGHT + DAY_MS + 2 * HOUR;
  await s.openDispute('O8', 'D8', 50_00n);
  await s.openDispute('O9', 'D9', 30_00n);
  const split = await s.staff(STAFF.agent, { type: 'dispute.resolve', disputeId: 'D9', data: { resolution: 'split', refundAmount: 80_00n, releaseAmount: 100_00n, currency: 'CNY' } });
  expect(split.ok).toBe(true);
  // Payouts paid the next day.
  s.now = MIDNIGHT + 2 * DAY_MS + HOUR;
  const log = [...s.log];
  for (const [merchantId, amount] of [['M1', 100_00n], ['M2', 50_00n]] as const) {
    const payoutId = s.newId();
    payoutIds.push(payoutId);
    log.push(...payoutEvents(s, payoutId, merchantId, amount));
  }
  return log.map((e, i) => ({ ...e, seq: i + 1 }));
}

/** The oracle: the day figures computed from the events' own data, not from the ledger's rows. */
function expectedFigures(log: readonly EventEnvelope[], currency: Currency): Map<string, Omit<DayFigures, 'day'>> {
  const out = new Map<string, Omit<DayFigures, 'day'>>();
  const orderCurrency = new Map<string, Currency>();
  const payoutAmount = new Map<string, { amount: bigint; currency: Currency }>();
  const day = (at: number) => {
    const key = chinaDayText(chinaDayNumber(at));
    if (!out.has(key)) out.set(key, { paid: 0n, released: 0n, refunded: 0n, fees: 0n, orders: 0, disputesOpened: 0, flagsRaised: 0, payoutsPaid: 0n });
    return out.get(key)!;
  };
  for (const e of log) {
    const data = e.data as Record<string, unknown>;
    if (e.type === 'order.paid') orderCurrency.set(e.aggregateId, data.currency as Currency);
    if (e.type === 'payout.created') payoutAmount.set(e.aggregateId, { amount: data.amount as bigint, currency: data.currency as Currency });
    const of = e.type.startsWith('order.') ? orderCurrency.get(e.aggregateId) : e.type === 'payout.paid' ? payoutAmount.get(e.aggregateId)?.currency : (data.currency as Currency | undefined);
    if (of !== currency) continue;
    if (e.type === 'order.paid') {
      day(e.at).paid += data.amount as bigint;
      day(e.at).orders += 1;
    } else if (e.type === 'order.released') {
      day(e.at).released += data.released as bigint;
      day(e.at).fees += data.fee as bigint;
      day(e.at).refunded += data.returned as bigint;
    } else if (e.type === 'order.refunded') day(e.at).refunded += data.amount as bigint;
    else if (e.type === 'dispute.opened') day(e.at).disputesOpened += 1;
    else if (e.type === 'risk.flagged') day(e.at).flagsRaised += 1;
    else if (e.type === 'payout.paid') day(e.at).payoutsPaid += payoutAmount.get(e.aggregateId)!.amount;
  }
  return out;
}

async function series(currency: Currency, from = T0 - 2 * DAY_MS, to = NOW): Promise<{ currency: Currency; days: DayFigures[] }> {
  return value(await call<{ currency: Currency; days: DayFigures[] }>(STAFF.agent, 'stats.series', { from, to, currency }));
}

beforeAll(async () => {
  events = await traffic();
  store = await ConsoleStore.open(tmp.file('console.db'));
  const outcome = await store.ledger.apply(events, { keepSeq: true });
  expect(outcome.results.filter((r) => r !== 'ok')).toEqual([]);
});

afterAll(async () => {
  await store?.close();
  tmp.cleanup();
});

describe('stats.series: the overview figures per China day', () => {
  it('equal the figures computed from the events, day by day, in each currency, with empty days as zeros', async () => {
    for (const currency of ['CNY', 'USD'] as const) {
      const answer = await series(currency);
      expect(answer.currency).toBe(currency);
      const oracle = expectedFigures(events, currency);
      const empty = { paid: 0n, released: 0n, refunded: 0n, fees: 0n, orders: 0, disputesOpened: 0, flagsRaised: 0, payoutsPaid: 0n };
      expect(answer.days).toEqual(answer.days.map((d) => ({ day: d.day, ...(oracle.get(d.day) ?? empty) })));
      // Every day of the range, in order, once: 2 days before T0 up to NOW.
      expect(answer.days.map((d) => d.day)).toEqual(Array.from({ length: 9 }, (_, i) => chinaDayText(chinaDayNumber(T0) - 2 + i)));
      expect([...oracle.keys()].every((day) => answer.days.some((d) => d.day === day))).toBe(true);
    }
    const cny = (await series('CNY')).days;
    expect(cny.find((d) => d.day === '2026-11-11')).toMatchObject({ orders: 4, paid: 460_00n }); // O3 and O4 in its last millisecond
    expect(cny.find((d) => d.day === '2026-11-12')).toMatchObject({ orders: 5, released: 460_00n + 60_00n, refunded: 80_00n + 10_00n });
    expect(cny.find((d) => d.day === '2026-11-13')).toMatchObject({ orders: 3, refunded: 20_00n + 160_00n + 80_00n, released: 100_00n, disputesOpened: 2, flagsRaised: 2 });
    expect(cny.find((d) => d.day === '2026-11-14')).toMatchObject({ payoutsPaid: 150_00n });
    expect((await series('USD')).days.reduce((n, d) => n + d.paid, 0n)).toBe(77_00n);
  });

  it('add up to the orders’ own columns (paid, released, refunded, fees)', async () => {
    const totals = await store.ledger.db.read.get<Record<string, string>>(
      "SELECT CAST(sum(amount) AS TEXT) AS paid, CAST(sum(released) AS TEXT) AS released, CAST(sum(refunded) AS TEXT) AS refunded, CAST(sum(CASE WHEN released > 0 THEN fee ELSE 0 END) AS TEXT) AS fees, count(*) AS n FROM orders WHERE currency = 'CNY'",
    );
    const days = (await series('CNY')).days;
    const sum = (f: (d: DayFigures) => bigint) => days.reduce((n, d) => n + f(d), 0n);
    expect({ paid: sum((d) => d.paid), released: sum((d) => d.released), refunded: sum((d) => d.refunded), fees: sum((d) => d.fees) }).toEqual({
      paid: BigInt(totals!.paid),
      released: BigInt(totals!.released),
      refunded: BigInt(totals!.refunded),
      fees: BigInt(totals!.fees),
    });
    expect(days.reduce((n, d) => n + d.orders, 0)).toBe(Number(totals!.n));
  });

  it('cut the range at China midnight: a range of one day shows that day only', async () => {
    const day12 = chinaDayNumber(MIDNIGHT);
    const one = (await series('CNY', dayStart(chinaDayText(day12)), dayStart(chinaDayText(day12 + 1)))).days;
    expect(one.map((d) => d.day)).toEqual(['2026-11-12']);
    const lastMs = (await series('CNY', MIDNIGHT - 1, MIDNIGHT)).days;
    expect(lastMs).toMatchObject([{ day: '2026-11-11', orders: 4 }]);
  });

  it('do not count a replayed batch twice', async () => {
    const before = await series('CNY');
    const again = await store.ledger.apply(events);
    expect(new Set(again.results)).toEqual(new Set(['exists']));
    expect(await series('CNY')).toEqual(before);
  });

  it('are the same on a replica that held the events before the migration (backfill)', async () => {
    const file = tmp.file('upgraded.db');
    const old = await SqliteLedger.open(file, { extraMigrations: [{ scope: CONSOLE_SCOPE, migrations: consoleMigrations.slice(0, 5) }] });
    expect((await old.apply(events, { keepSeq: true })).results.every((r) => r === 'ok')).toBe(true);
    await old.close();
    const upgraded = await ConsoleStore.open(file);
    try {
      const read = (db: ConsoleStore) => db.ledger.db.read.all('SELECT * FROM day_figures ORDER BY currency, day');
      expect(await read(upgraded)).toEqual(await read(store));
    } finally {
      await upgraded.close();
    }
  });

  it('refuse a range that is empty or longer than 366 days', async () => {
    expect(await call(STAFF.agent, 'stats.series', { from: NOW, to: NOW })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(STAFF.agent, 'stats.series', { from: NOW - 367 * DAY_MS, to: NOW })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(STAFF.agent, 'stats.series', { from: NOW - DAY_MS, to: NOW, currency: 'XXX' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(null, 'stats.series', { from: NOW - DAY_MS, to: NOW })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('stats.overview: disputes by SLA state and open exceptions by age', () => {
  it('counts open disputes overdue and due within a day', async () => {
    const stats = value(await call<{ disputes: { open: number; overdue: number; due_soon: number } }>(STAFF.agent, 'stats.overview'));
    // D8 is open (D9 resolved); its deadline is within the agent SLA of its opening.
    expect(stats.disputes.open).toBe(1);
    expect(stats.disputes.overdue + stats.disputes.due_soon).toBeLessThanOrEqual(1);
    const deadline = await store.ledger.db.read.get<{ deadline_at: number }>("SELECT deadline_at FROM disputes WHERE dispute_id = 'D8'");
    const at = (now: number) => invoke(handlers, 'stats.overview', {}, { ...context(STAFF.agent), now: () => now }) as Promise<Result<{ disputes: { overdue: number; due_soon: number } }>>;
    expect(value(await at(deadline!.deadline_at - 2 * HOUR)).disputes).toMatchObject({ overdue: 0, due_soon: 1 });
    expect(value(await at(deadline!.deadline_at - 2 * DAY_MS)).disputes).toMatchObject({ overdue: 0, due_soon: 0 });
    expect(value(await at(deadline!.deadline_at + 1)).disputes).toMatchObject({ overdue: 1, due_soon: 0 });
  });
});

describe('search.global', () => {
  // Finance may open every kind but applications (onboarding's).
  const searchAs = async (staff: (typeof STAFF)[keyof typeof STAFF], q: string, limit = 20) => value(await call<{ items: SearchHit[] }>(staff, 'search.global', { q, limit })).items;
  const search = (q: string, limit = 20) => searchAs(STAFF.finance, q, limit);
  const ids = (hits: SearchHit[], kind?: SearchHit['kind']) => hits.filter((h) => !kind || h.kind === kind).map((h) => h.id);

  it('finds orders by id prefix, in any case, the exact id first, within the limit', async () => {
    const hits = await search('O1');
    expect(hits[0]).toMatchObject({ kind: 'order', id: 'O1', route: 'orders/O1' });
    expect(ids(hits, 'order').sort()).toEqual(['O1', 'O10', 'O11', 'O12']);
    expect(ids(await search('o1'), 'order').sort()).toEqual(['O1', 'O10', 'O11', 'O12']);
    expect(hits[0].facts).toMatchObject({ amount: 10000n, currency: 'CNY' });
    expect(await search('O', 3)).toHaveLength(3);
    expect(await search('nothing-like-this')).toEqual([]);
  });

  it('finds disputes by id, merchants by id or legal name in any case, applications, payouts and buyers', async () => {
    expect(await search('D8')).toEqual([expect.objectContaining({ kind: 'dispute', id: 'D8', route: 'disputes/D8' })]);
    expect(ids(await search('d'), 'dispute').sort()).toEqual(['D8', 'D9']);
    expect((await search('M1')).filter((h) => h.kind === 'merchant')).toEqual([{ kind: 'merchant', id: 'M1', facts: { name: 'Suzhou Silk Road Textiles Co., Ltd.', status: 'active' }, route: 'merchants/M1' }]);
    const su = await searchAs(STAFF.onboarding, 'su');
    expect(ids(su, 'merchant')).toEqual(['M2', 'M1']); // 'sunny farm' before 'Suzhou', case aside
    expect(ids(su, 'application')).toEqual(['APP-2', 'APP-1']);
    expect(ids(await search('SUNNY'), 'merchant')).toEqual(['M2']);
    // Not onboarded yet: only its application.
    expect(await searchAs(STAFF.onboarding, '杭州')).toEqual([expect.objectContaining({ kind: 'application', id: 'APP-3', route: 'merchants/applications/APP-3' })]);
    expect(ids(await searchAs(STAFF.onboarding, 'app-'), 'application')).toEqual(['APP-1', 'APP-2', 'APP-3']);
    const payout = payoutIds[0];
    expect(await search(payout.slice(0, 13))).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'payout', id: payout, route: `settlements/payouts/${payout}` })]));
    expect((await search(payout.toUpperCase()))[0]).toMatchObject({ kind: 'payout', id: payout });
    const buyers = (await search('b')).filter((h) => h.kind === 'buyer');
    expect(buyers.map((h) => h.id)).toEqual(['B1', 'B2', 'B3', 'B4', 'B9']);
    // B1 paid O1, O5, O9; the latest is O9 (paid last).
    expect(buyers[0]).toMatchObject({ facts: { orders: 3, orderId: 'O9' }, route: 'orders/O9' });
  });

  it('offers only the hits the staff member can open', async () => {
    const kinds = async (staff: (typeof STAFF)[keyof typeof STAFF]) => new Set([...(await searchAs(staff, 'M')), ...(await searchAs(staff, 'D')), ...(await searchAs(staff, 'APP')), ...(await searchAs(staff, payoutIds[0].slice(0, 4)))].map((h) => h.kind));
    expect(await kinds(STAFF.agent)).toEqual(new Set(['merchant', 'dispute']));
    expect(await kinds(STAFF.onboarding)).toEqual(new Set(['merchant', 'application']));
    expect(await kinds(STAFF.finance)).toEqual(new Set(['merchant', 'dispute', 'payout']));
    expect(ids(await searchAs(STAFF.risk, 'O1'), 'order')).toContain('O1');
  });

  it('refuses an empty or too long query, and anyone signed out', async () => {
    expect(await call(STAFF.agent, 'search.global', { q: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(STAFF.agent, 'search.global', { q: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(null, 'search.global', { q: 'O1' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
