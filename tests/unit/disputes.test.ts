import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/escrow/config.js';
import type { Handled } from '../../src/core/commands/staff.js';
import { DISPUTE_REJECTIONS } from '../../src/shared/escrow/codes.js';
import type { StaffCommand } from '../../src/shared/api/hub.js';
import { Scenario, STAFF } from '../support/scenario.js';

const SMALL = 1_000_00n; // CNY 1,000.00: below the four-eyes threshold
const LARGE = 8_000_00n; // CNY 8,000.00: above it

async function disputed(amount = SMALL): Promise<Scenario> {
  const s = new Scenario();
  await s.shippedOrder('O1', amount);
  await s.openDispute('O1', 'D1', amount / 2n);
  return s;
}

const resolve = (data: Omit<Extract<StaffCommand, { type: 'dispute.resolve' }>['data'], 'currency'> & { currency?: 'CNY' | 'USD' }): StaffCommand => ({
  type: 'dispute.resolve',
  disputeId: 'D1',
  data: { currency: 'CNY', ...data },
});

function expectRejected(handled: Handled, code: string): void {
  expect(handled).toMatchObject({ ok: false, code });
}

describe('dispute lifecycle', () => {
  it('opens with the order frozen and an agent-decision deadline', async () => {
    const s = await disputed();
    const d = (await s.reader.dispute('D1'))!;
    expect(d).toMatchObject({ status: 'open', orderId: 'O1', heldAtOpen: SMALL, claimedAmount: SMALL / 2n, messages: 1, deadlineAt: s.now + 3 * DAY_MS });
    expect((await s.reader.order('O1'))!.dispute?.disputeId).toBe('D1');
  });

  it('moves through awaiting merchant / buyer and review, with the SLA of each status', async () => {
    const s = await disputed();
    expect((await s.staff(STAFF.agent, { type: 'dispute.request_info', disputeId: 'D1', data: { from: 'merchant' } })).ok).toBe(true);
    expect(await s.reader.dispute('D1')).toMatchObject({ status: 'awaiting_merchant', deadlineAt: s.now + 2 * DAY_MS });
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.request_info', disputeId: 'D1', data: { from: 'merchant' } }), 'status_unchanged');
    // The merchant's reply moves it to review.
    s.now += DAY_MS;
    await s.message('D1', 'merchant');
    expect(await s.reader.dispute('D1')).toMatchObject({ status: 'under_review', deadlineAt: s.now + 3 * DAY_MS, messages: 2 });
    // Asking the buyer; the buyer does not answer in time: back to review by the deadline.
    await s.staff(STAFF.agent, { type: 'dispute.request_info', disputeId: 'D1', data: { from: 'buyer' } });
    s.now += 2 * DAY_MS - 1;
    expect(await s.deadlines('D1')).toEqual([]);
    s.now += 1;
    expect(await s.deadlines('D1')).toHaveLength(1);
    expect(await s.reader.dispute('D1')).toMatchObject({ status: 'under_review' });
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.start_review', disputeId: 'D1', data: {} }), 'status_unchanged');
  });

  it('assigns to me, to another agent, unassigns; at most one assignee', async () => {
    const s = await disputed();
    expect((await s.staff(STAFF.agent, { type: 'dispute.assign', disputeId: 'D1', data: { assigneeId: STAFF.agent.id } })).ok).toBe(true);
    expect((await s.reader.dispute('D1'))!.assignee).toMatchObject({ id: STAFF.agent.id, name: 'ann' });
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.assign', disputeId: 'D1', data: { assigneeId: STAFF.agent.id } }), 'already_assigned');
    await s.staff(STAFF.agent, { type: 'dispute.assign', disputeId: 'D1', data: { assigneeId: STAFF.agent2.id } });
    expect((await s.reader.dispute('D1'))!.assignee?.id).toBe(STAFF.agent2.id);
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.assign', disputeId: 'D1', data: { assigneeId: STAFF.finance.id } }), 'assignee_not_an_agent');
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.assign', disputeId: 'D1', data: { assigneeId: 'nobody' } }), 'assignee_unknown');
    await s.staff(STAFF.agent, { type: 'dispute.assign', disputeId: 'D1', data: { assigneeId: null } });
    expect((await s.reader.dispute('D1'))!.assignee).toBeNull();
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.assign', disputeId: 'D1', data: { assigneeId: null } }), 'status_unchanged');
  });

  it('keeps internal notes, also on closed disputes', async () => {
    const s = await disputed();
    await s.staff(STAFF.agent, resolve({ resolution: 'release' }));
    expect((await s.staff(STAFF.agent, { type: 'dispute.add_note', disputeId: 'D1', data: { text: 'merchant sent photos' } })).ok).toBe(true);
  });
});

describe('dispute resolutions move the held money through the order', () => {
  it('full refund voids the hold', async () => {
    const s = await disputed();
    const handled = await s.staff(STAFF.agent, resolve({ resolution: 'refund_full' }));
    expect(handled.ok && handled.events.map((e) => e.type)).toEqual(['dispute.resolved', 'order.refunded']);
    expect(await s.reader.dispute('D1')).toMatchObject({ status: 'resolved_refund_full', refundAmount: SMALL, releaseAmount: 0n, deadlineAt: null });
    expect(await s.reader.order('O1')).toMatchObject({ status: 'refunded', refunded: SMALL, held: 0n });
  });

  it('partial refund: the amount back to the buyer, the rest released to the merchant', async () => {
    const s = await disputed();
    await s.staff(STAFF.agent, resolve({ resolution: 'refund_partial', refundAmount: 300_00n }));
    expect(await s.reader.dispute('D1')).toMatchObject({ status: 'resolved_refund_partial', refundAmount: 300_00n, releaseAmount: 700_00n });
    expect(await s.reader.order('O1')).toMatchObject({ status: 'released', refunded: 300_00n, released: 700_00n, held: 0n });
  });

  it('release pays the merchant; split by amount divides the hold', async () => {
    const s = await disputed();
    await s.staff(STAFF.agent, resolve({ resolution: 'release' }));
    expect(await s.reader.order('O1')).toMatchObject({ released: SMALL, refunded: 0n });
    const t = new Scenario();
    await t.shippedOrder('O1', SMALL);
    await t.openDispute('O1', 'D1', SMALL);
    await t.staff(STAFF.agent, resolve({ resolution: 'split', refundAmount: 400_00n, releaseAmount: 600_00n }));
    expect(await t.reader.dispute('D1')).toMatchObject({ status: 'resolved_split' });
    expect(await t.reader.order('O1')).toMatchObject({ refunded: 400_00n, released: 600_00n });
  });

  it.each([
    [{ resolution: 'refund_partial' }, 'invalid_resolution'],
    [{ resolution: 'refund_partial', refundAmount: 0n }, 'invalid_resolution'],
    [{ resolution: 'refund_partial', refundAmount: SMALL }, 'refund_exceeds_held'],
    [{ resolution: 'refund_partial', refundAmount: SMALL + 1n }, 'refund_exceeds_held'],
    [{ resolution: 'release', refundAmount: 5n }, 'invalid_resolution'],
    [{ resolution: 'split', refundAmount: 400_00n, releaseAmount: 500_00n }, 'split_must_equal_held'],
    [{ resolution: 'split', refundAmount: SMALL, releaseAmount: 0n }, 'invalid_resolution'],
    [{ resolution: 'refund_full', currency: 'USD' }, 'currency_mismatch'],
  ] as const)('refuses %o with %s and moves nothing', async (data, code) => {
    const s = await disputed();
    expectRejected(await s.staff(STAFF.agent, resolve(data as Parameters<typeof resolve>[0])), code);
    expect(await s.reader.order('O1')).toMatchObject({ held: SMALL });
  });

  it('cannot release a risk-frozen hold or act on a closed dispute', async () => {
    const s = await disputed();
    await s.market({ type: 'order.risk_hold', orderId: 'O1', data: { reason: 'velocity' } });
    expectRejected(await s.staff(STAFF.agent, resolve({ resolution: 'release' })), 'hold_frozen');
    await s.staff(STAFF.agent, resolve({ resolution: 'refund_full' }));
    expectRejected(await s.staff(STAFF.agent, resolve({ resolution: 'refund_full' })), 'dispute_closed');
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.start_review', disputeId: 'D1', data: {} }), 'dispute_closed');
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.start_review', disputeId: 'D9', data: {} }), 'dispute_not_found');
  });

  it('refuses a decision made on an older version (conflict)', async () => {
    const s = await disputed();
    const version = (await s.reader.dispute('D1'))!.version;
    await s.staff(STAFF.agent2, { type: 'dispute.start_review', disputeId: 'D1', data: {} });
    expect(await s.staff(STAFF.agent, resolve({ resolution: 'refund_full' }), version)).toMatchObject({ ok: false, code: 'conflict', currentVersion: version + 1 });
  });
});

describe('four-eyes', () => {
  it('above the threshold an agent only proposes; a finance officer approves and the money moves', async () => {
    const s = await disputed(LARGE);
    const proposed = await s.staff(STAFF.agent, resolve({ resolution: 'refund_full' }));
    expect(proposed.ok && proposed.events.map((e) => e.type)).toEqual(['dispute.resolution_proposed']);
    const proposal = (await s.reader.dispute('D1'))!.proposal!;
    expect(proposal).toMatchObject({ resolution: 'refund_full', refundAmount: LARGE, proposedBy: { id: STAFF.agent.id } });
    expect((await s.reader.order('O1'))!.held).toBe(LARGE); // nothing moved yet
    expectRejected(await s.staff(STAFF.agent, resolve({ resolution: 'release' })), 'proposal_pending');
    const approved = await s.staff(STAFF.finance, { type: 'dispute.approve', disputeId: 'D1', data: { proposalId: proposal.proposalId } });
    expect(approved.ok && approved.events.map((e) => e.type)).toEqual(['dispute.resolved', 'order.refunded']);
    expect(await s.reader.dispute('D1')).toMatchObject({ status: 'resolved_refund_full', proposal: null });
    expect(await s.reader.order('O1')).toMatchObject({ status: 'refunded' });
  });

  it('a partial refund whose release leg is above the threshold is also proposed', async () => {
    const s = await disputed(LARGE);
    const proposed = await s.staff(STAFF.agent, resolve({ resolution: 'refund_partial', refundAmount: 100_00n }));
    expect(proposed.ok && proposed.events[0].type).toBe('dispute.resolution_proposed');
  });

  it('refuses self-approval, the wrong role, and a stale or missing proposal', async () => {
    const s = await disputed(LARGE);
    await s.staff(STAFF.agent, resolve({ resolution: 'release' }));
    const { proposalId } = (await s.reader.dispute('D1'))!.proposal!;
    expectRejected(await s.staff(STAFF.agent, { type: 'dispute.approve', disputeId: 'D1', data: { proposalId } }), 'forbidden'); // an agent cannot approve at all
    expectRejected(await s.staff(STAFF.risk, { type: 'dispute.approve', disputeId: 'D1', data: { proposalId } }), 'forbidden');
    expectRejected(await s.staff(STAFF.finance, { type: 'dispute.approve', disputeId: 'D1', data: { proposalId: s.newId() } }), 'proposal_mismatch');
    // A finance officer who proposed cannot approve their own proposal.
    const t = await disputed(LARGE);
    const financeProposes = { ...STAFF.finance, role: 'agent' as const }; // the same person acting as agent
    await t.staff(financeProposes, resolve({ resolution: 'release' }));
    const own = (await t.reader.dispute('D1'))!.proposal!.proposalId;
    expectRejected(await t.staff(STAFF.finance, { type: 'dispute.approve', disputeId: 'D1', data: { proposalId: own } }), 'self_approval');
    expectRejected(await t.staff(STAFF.finance2, { type: 'dispute.decline', disputeId: 'D1', data: { proposalId: s.newId(), note: 'x' } }), 'proposal_mismatch');
    expect((await t.staff(STAFF.finance2, { type: 'dispute.decline', disputeId: 'D1', data: { proposalId: own, note: 'evidence is thin' } })).ok).toBe(true);
    expect((await t.reader.dispute('D1'))!.proposal).toBeNull();
    expectRejected(await t.staff(STAFF.finance2, { type: 'dispute.approve', disputeId: 'D1', data: { proposalId: own } }), 'no_pending_proposal');
  });

  it('refuses to bypass the proposal with a direct order refund or release', async () => {
    const s = await disputed(LARGE);
    expectRejected(await s.staff(STAFF.agent, { type: 'order.refund', orderId: 'O1', data: { amount: LARGE, currency: 'CNY' } }), 'approval_required');
    expectRejected(await s.staff(STAFF.agent, { type: 'order.release', orderId: 'O1', data: { currency: 'CNY' } }), 'approval_required');
    expect((await s.reader.order('O1'))!.held).toBe(LARGE);
    // Below the threshold a direct partial refund is an ordinary decision.
    expect((await s.staff(STAFF.agent, { type: 'order.refund', orderId: 'O1', data: { amount: 100_00n, currency: 'CNY' } })).ok).toBe(true);
  });

  it('an approval is refused when the hold changed since the proposal', async () => {
    const s = await disputed(LARGE);
    await s.staff(STAFF.agent, resolve({ resolution: 'refund_full' }));
    const { proposalId } = (await s.reader.dispute('D1'))!.proposal!;
    await s.staff(STAFF.agent, { type: 'order.refund', orderId: 'O1', data: { amount: 100_00n, currency: 'CNY' } });
    expectRejected(await s.staff(STAFF.finance, { type: 'dispute.approve', disputeId: 'D1', data: { proposalId } }), 'proposal_mismatch');
  });
});

describe('permissions', () => {
  it('onboarding and risk cannot work disputes; finance cannot resolve them', async () => {
    const s = await disputed();
    for (const actor of [STAFF.onboarding, STAFF.risk, STAFF.finance]) {
      expectRejected(await s.staff(actor, resolve({ resolution: 'refund_full' })), 'forbidden');
      expectRejected(await s.staff(actor, { type: 'dispute.assign', disputeId: 'D1', data: { assigneeId: STAFF.agent.id } }), 'forbidden');
    }
  });

  it('every dispute rejection code is exercised in this file', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL(import.meta.url), 'utf8');
    for (const code of DISPUTE_REJECTIONS.filter((c) => c !== 'dispute_already_exists')) expect(source, code).toContain(`'${code}'`);
  });
});
