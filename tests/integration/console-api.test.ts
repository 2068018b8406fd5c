/**
 * The console API through `invoke` (the in-memory transport every other transport wraps):
 * input validation, sign-in and lock, role permissions in the main process, and the dispute
 * queue's filters, order (overdue first) and keyset pages on a replica built from real events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/escrow/config.js';
import { invoke } from '../../src/main/app/app.js';
import { handlers } from '../../src/main/app/handlers.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import type { DisputeRow, Page } from '../../src/shared/api/console.js';
import type { StaffIdentity } from '../../src/shared/api/hub.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import type { Result } from '../../src/shared/result.js';
import { T0 } from '../support/driver.js';
import { tempDir } from '../support/files.js';
import { handlerContexts, value } from '../support/handler-context.js';
import { Scenario, STAFF } from '../support/scenario.js';

const tmp = tempDir('console-api');
let store: ConsoleStore;
const NOW = T0 + 5 * DAY_MS;

const { context, call } = handlerContexts(() => store, NOW);

beforeAll(async () => {
  // A replica of 40 disputed orders, built from real events with the real deciders, applied as the hub would send them.
  const s = new Scenario();
  for (let i = 0; i < 40; i += 1) {
    s.now = T0 + i * 3_600_000 * 2;
    await s.shippedOrder(`O${i}`, BigInt(100_00 + i * 1_000));
    await s.openDispute(`O${i}`, `D${String(i).padStart(2, '0')}`, BigInt(50_00 + i * 500));
  }
  s.now = T0 + DAY_MS;
  await s.staff(STAFF.agent, { type: 'dispute.assign', disputeId: 'D03', data: { assigneeId: STAFF.agent.id } });
  await s.staff(STAFF.agent, { type: 'dispute.request_info', disputeId: 'D05', data: { from: 'merchant' } });
  await s.staff(STAFF.agent, { type: 'dispute.resolve', disputeId: 'D07', data: { resolution: 'release', currency: 'CNY' } });
  store = await ConsoleStore.open(tmp.file('console.db'));
  const events = s.log.map((e, i) => ({ ...e, seq: i + 1 }));
  const outcome = await store.ledger.apply(events, { keepSeq: true });
  expect(outcome.results.every((r) => r === 'ok')).toBe(true);
});

afterAll(async () => {
  await store?.close();
  tmp.cleanup();
});

describe('console API: the gate in the main process', () => {
  it('refuses unknown methods, invalid input, missing sign-in, a locked session and the wrong role', async () => {
    expect(await call(STAFF.agent, 'ledger.drop')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call(STAFF.agent, 'disputes.queue', { limit: 100000 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(STAFF.agent, 'disputes.queue', { surprise: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(STAFF.agent, 'disputes.queue', { minAmount: 12.5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(null, 'disputes.queue')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await call(STAFF.agent, 'disputes.queue', {}, true)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call(STAFF.agent, 'risk.queue')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(STAFF.onboarding, 'disputes.decide', { command: { type: 'dispute.start_review', disputeId: 'D01', data: {} } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const riskApproves = await call(STAFF.risk, 'disputes.decide', { command: { type: 'dispute.approve', disputeId: 'D01', data: { proposalId: createIdGenerator()() } } });
    expect(riskApproves).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await store.pendingCount()).toBe(0);
  });

  it('a decision the decider refuses is not queued', async () => {
    const refused = await call(STAFF.agent, 'disputes.decide', { command: { type: 'dispute.resolve', disputeId: 'D01', data: { resolution: 'refund_partial', refundAmount: '999999999', currency: 'CNY' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refund_exceeds_held' } });
    expect(await store.pendingCount()).toBe(0);
    const accepted = await call(STAFF.agent, 'disputes.decide', { command: { type: 'dispute.start_review', disputeId: 'D01', data: {} } });
    expect(accepted.ok).toBe(true);
    expect(await store.pendingCount()).toBe(1);
    const page = value(await call<Page<DisputeRow>>(STAFF.agent, 'disputes.queue', { limit: 500 }));
    expect(page.items.find((d) => d.disputeId === 'D01')?.pendingSync).toBe(1);
  });
});

describe('console API: the dispute queue', () => {
  it('lists open disputes by deadline, overdue first, in keyset pages', async () => {
    const seen: DisputeRow[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i += 1) {
      const page = value(await call<Page<DisputeRow>>(STAFF.agent, 'disputes.queue', { limit: 7, ...(after ? { after } : {}) }));
      seen.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toHaveLength(39); // D07 is resolved
    const deadlines = seen.map((d) => d.deadlineAt!);
    expect([...deadlines].sort((a, b) => a - b)).toEqual(deadlines);
    expect(new Set(seen.map((d) => d.disputeId)).size).toBe(39);
    const firstNotOverdue = seen.findIndex((d) => !d.overdue);
    expect(seen.slice(firstNotOverdue).every((d) => !d.overdue)).toBe(true);
    expect(seen[0].overdue).toBe(true);
  });

  it.each([
    [{ overdue: true }, (d: DisputeRow) => d.overdue],
    [{ overdue: false }, (d: DisputeRow) => !d.overdue],
    [{ assignee: 'me' }, (d: DisputeRow) => d.assigneeId === STAFF.agent.id],
    [{ assignee: 'unassigned' }, (d: DisputeRow) => d.assigneeId === null],
    [{ status: 'awaiting_merchant' }, (d: DisputeRow) => d.status === 'awaiting_merchant'],
    [{ status: 'resolved_release' }, (d: DisputeRow) => d.disputeId === 'D07'],
    [{ reason: 'not_as_described' }, () => true],
    [{ reason: 'damaged' }, () => false],
    [{ merchantId: 'M1' }, () => true],
    [{ minAmount: '100000', maxAmount: '150000' }, (d: DisputeRow) => d.claimedAmount >= 100_000n && d.claimedAmount <= 150_000n],
    [{ openedFrom: T0 + DAY_MS, openedTo: T0 + 2 * DAY_MS }, (d: DisputeRow) => d.openedAt >= T0 + DAY_MS && d.openedAt < T0 + 2 * DAY_MS],
  ])('filters %o', async (filter, matches) => {
    const all = value(await call<Page<DisputeRow>>(STAFF.agent, 'disputes.queue', { status: (filter as { status?: string }).status ?? 'open', limit: 500 }));
    const page = value(await call<Page<DisputeRow>>(STAFF.agent, 'disputes.queue', { ...filter, limit: 500 }));
    expect(page.items.map((d) => d.disputeId)).toEqual(all.items.filter(matches).map((d) => d.disputeId));
  });

  it('counts disputes per status, open and overdue', async () => {
    const counts = value(await call<{ byStatus: Record<string, number>; open: number; overdue: number }>(STAFF.agent, 'disputes.counts'));
    expect(counts).toMatchObject({ open: 39, byStatus: { open: 38, awaiting_merchant: 1, resolved_release: 1 } });
    expect(counts.overdue).toBeGreaterThan(0);
  });

  it('shows a case with the timeline of dispute and order and the ledger movements', async () => {
    const detail = value(await call<{ dispute: { status: string }; timeline: Array<{ type: string }>; movements: Array<{ code: string }> }>(STAFF.agent, 'disputes.get', { disputeId: 'D07' }));
    expect(detail.dispute.status).toBe('resolved_release');
    expect(detail.timeline.map((t) => t.type)).toEqual(['order.paid', 'order.shipped', 'order.dispute_opened', 'dispute.opened', 'dispute.resolved', 'order.released']);
    expect(detail.movements.map((m) => m.code)).toEqual(['hold', 'release', 'fee', 'reserve']);
    expect(await call(STAFF.agent, 'disputes.get', { disputeId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('console API: staff directory and four-eyes approval', () => {
  const tmp2 = tempDir('console-api-approval');
  let approvals: ConsoleStore;
  let proposalId: string;

  const as = <T>(staff: StaffIdentity | null, method: string, input: unknown = {}) => invoke(handlers, method, input, { ...context(staff), store: approvals }) as Promise<Result<T>>;

  beforeAll(async () => {
    // One dispute above the CNY four-eyes threshold, resolved by an agent: a proposal for finance.
    const s = new Scenario();
    await s.shippedOrder('O90', 9_000_00n);
    await s.openDispute('O90', 'D90', 9_000_00n);
    const proposed = await s.staff(STAFF.agent, { type: 'dispute.resolve', disputeId: 'D90', data: { resolution: 'refund_full', currency: 'CNY' } });
    expect(proposed.ok && proposed.events.map((e) => e.type)).toEqual(['dispute.resolution_proposed']);
    proposalId = (await s.reader.dispute('D90'))!.proposal!.proposalId;
    await s.shippedOrder('O91', 120_00n);
    await s.openDispute('O91', 'D91', 120_00n);
    approvals = await ConsoleStore.open(tmp2.file('console.db'));
    const outcome = await approvals.ledger.apply(s.log.map((e, i) => ({ ...e, seq: i + 1 })), { keepSeq: true });
    expect(outcome.results.every((r) => r === 'ok')).toBe(true);
    await approvals.saveStaffDirectory(Object.values(STAFF), NOW);
  });

  afterAll(async () => {
    await approvals?.close();
    tmp2.cleanup();
  });

  it('lists the cached staff directory to anyone signed in', async () => {
    const directory = value(await as<StaffIdentity[]>(STAFF.agent, 'staff.directory'));
    expect(directory.map((s) => s.id).sort()).toEqual(Object.values(STAFF).map((s) => s.id).sort());
    expect(directory.find((s) => s.id === STAFF.agent2.id)).toEqual(STAFF.agent2);
    expect(await as(null, 'staff.directory')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await as(STAFF.agent, 'staff.directory', { role: 'agent' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('lets finance approve a proposal through disputes.decide, and nobody else', async () => {
    const approve = { command: { type: 'dispute.approve', disputeId: 'D90', data: { proposalId } } };
    expect(await as(STAFF.agent, 'disputes.decide', approve)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await as(STAFF.risk, 'disputes.decide', approve)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await as(STAFF.finance, 'disputes.decide', { command: { type: 'dispute.resolve', disputeId: 'D90', data: { resolution: 'release', currency: 'CNY' } } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await approvals.pendingCount()).toBe(0);
    const approved = await as<{ id: string; expectedVersion: number }>(STAFF.finance, 'disputes.decide', approve);
    expect(approved.ok).toBe(true);
    expect(await approvals.pendingCount()).toBe(1);
  });

  it('assigns a dispute to another agent from the directory, refusing someone who is not an agent', async () => {
    const assign = (assigneeId: string) => as(STAFF.agent, 'disputes.decide', { command: { type: 'dispute.assign', disputeId: 'D91', data: { assigneeId } } });
    expect(await assign(STAFF.finance.id)).toMatchObject({ ok: false, error: { code: 'assignee_not_an_agent' } });
    expect(await assign('nobody')).toMatchObject({ ok: false, error: { code: 'assignee_unknown' } });
    expect((await assign(STAFF.agent2.id)).ok).toBe(true);
  });
});
