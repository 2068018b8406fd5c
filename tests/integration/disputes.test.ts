/**
 * Disputes end to end over a real hub: the marketplace opens disputes and sends messages; an
 * agent's console, offline, decides one dispute of each kind; after sync another console sees
 * every decision and the ledger movements; large refunds go through four-eyes approval on a
 * finance console; reply deadlines fire from the hub's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCROW_CONFIG, DAY_MS } from '../../src/core/escrow/config.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import { decideStaffCommand, type DecisionContext } from '../../src/main/services/staff-commands.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import type { StaffCommand, StaffIdentity } from '../../src/shared/api/hub.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import { tempDir } from '../support/files.js';
import { addStaffCli, advanceClock, intake, startHub, type HubProcess } from '../support/hub-process.js';

const tmp = tempDir('disputes');
const hubDb = tmp.file('hub.db');
let hub: HubProcess;

interface Desk {
  store: ConsoleStore;
  sync: SyncClient;
  staff: StaffIdentity;
  decide(command: StaffCommand): ReturnType<typeof decideStaffCommand>;
}

async function desk(name: string, user: string): Promise<Desk> {
  const store = await ConsoleStore.open(tmp.file(`${name}.db`));
  const client = new HubClient(hub.url);
  const session = await client.signIn(user, `${user}-password-1`);
  const sync = new SyncClient(store, client);
  await sync.syncUntilCaughtUp();
  const ctx: DecisionContext = { store, clock: Date.now, newId: createIdGenerator(), config: DEFAULT_ESCROW_CONFIG };
  return { store, sync, staff: session.staff, decide: (command) => decideStaffCommand(ctx, session.staff, command) };
}

function disputeTraffic(i: number, amount: bigint): unknown[] {
  const orderId = `DO${i}`;
  return [
    { id: `${orderId}-p`, type: 'order.paid', orderId, buyerId: `B${i}`, merchantId: `M${i % 3}`, amount: String(amount), currency: 'CNY', feeBps: 60, reserveBps: 1000 },
    { id: `${orderId}-s`, type: 'order.shipped', orderId, method: 'express', trackingNo: `SF${i}` },
    { id: `${orderId}-d`, type: 'dispute.opened', orderId, disputeId: `DD${i}`, kind: i % 2 ? 'refund_request' : 'dispute', reason: 'damaged', claimedAmount: String(amount / 2n), currency: 'CNY', message: '箱子破了 / the box was crushed' },
  ];
}

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  for (const [name, role] of [['agent1', 'agent'], ['agent2', 'agent'], ['fin1', 'finance'], ['risk1', 'risk']]) await addStaffCli({ db: hubDb }, name, role);
  const events = [1, 2, 3, 4, 5].flatMap((i) => disputeTraffic(i, 1_000_00n));
  events.push(...disputeTraffic(6, 9_000_00n)); // above the four-eyes threshold
  const answers = await intake(hub.url, events);
  expect(answers.filter((a) => a.status !== 'accepted')).toEqual([]);
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  tmp.cleanup();
});

describe('disputes over the hub', () => {
  it('an offline agent decides one dispute of each kind; after sync another console sees them all', async () => {
    const agent = await desk('agent', 'agent1');
    const observer = await desk('observer', 'agent2');
    try {
      expect(await agent.store.dispute('DD1')).toMatchObject({ status: 'open', orderId: 'DO1', messages: 1 });
      // Offline: decisions queue up, several on one dispute.
      const offline: StaffCommand[] = [
        { type: 'dispute.assign', disputeId: 'DD1', data: { assigneeId: agent.staff.id } },
        { type: 'dispute.add_note', disputeId: 'DD1', data: { text: 'photos look genuine' } },
        { type: 'dispute.resolve', disputeId: 'DD1', data: { resolution: 'refund_full', currency: 'CNY' } },
        { type: 'dispute.resolve', disputeId: 'DD2', data: { resolution: 'refund_partial', refundAmount: 250_00n, currency: 'CNY' } },
        { type: 'dispute.resolve', disputeId: 'DD3', data: { resolution: 'release', currency: 'CNY' } },
        { type: 'dispute.resolve', disputeId: 'DD4', data: { resolution: 'split', refundAmount: 400_00n, releaseAmount: 600_00n, currency: 'CNY' } },
        { type: 'dispute.request_info', disputeId: 'DD5', data: { from: 'merchant' } },
      ];
      for (const command of offline) expect((await agent.decide(command)).ok, command.type).toBe(true);
      expect(await agent.store.pendingCount()).toBe(7);
      // Nothing has moved locally yet: the replica holds only what the hub accepted.
      expect(await agent.store.dispute('DD1')).toMatchObject({ status: 'open' });

      const status = await agent.sync.syncUntilCaughtUp();
      expect(status.pending).toBe(0);
      const answers = (await agent.store.entries('all', 20)).map((e) => `${e.type}:${e.status}:${e.answer?.status === 'rejected' ? e.answer.code + ' ' + e.answer.message : ''}`);
      expect(answers.filter((a) => !a.includes(':accepted:'))).toEqual([]);
      await observer.sync.syncUntilCaughtUp();
      const expected = [
        ['DD1', 'DO1', 'resolved_refund_full', { refunded: 1_000_00n, released: 0n }],
        ['DD2', 'DO2', 'resolved_refund_partial', { refunded: 250_00n, released: 750_00n }],
        ['DD3', 'DO3', 'resolved_release', { refunded: 0n, released: 1_000_00n }],
        ['DD4', 'DO4', 'resolved_split', { refunded: 400_00n, released: 600_00n }],
      ] as const;
      for (const [disputeId, orderId, disputeStatus, money] of expected) {
        expect(await observer.store.dispute(disputeId)).toMatchObject({ status: disputeStatus });
        expect(await observer.store.ledger.order(orderId)).toMatchObject({ held: 0n, ...money });
      }
      expect(await observer.store.dispute('DD1')).toMatchObject({ assignee: { id: agent.staff.id } });
      expect(await observer.store.dispute('DD5')).toMatchObject({ status: 'awaiting_merchant' });
      // The ledger shows each movement: the refund voided DO1's hold; DO3's release posted it with fee and reserve.
      const movements = await observer.store.ledger.db.read.all<{ order_id: string; kind: string; code: string }>(
        "SELECT order_id, kind, code FROM transfers WHERE order_id IN ('DO1', 'DO3') ORDER BY seq",
      );
      expect(movements.filter((m) => m.order_id === 'DO1').map((m) => m.kind)).toEqual(['pending', 'void']);
      expect(movements.filter((m) => m.order_id === 'DO3').map((m) => m.code)).toEqual(['hold', 'release', 'fee', 'reserve']);
      for (const d of [agent, observer]) expect((await verifyLedger((sql, p) => d.store.ledger.db.read.all(sql, p))).failed).toEqual([]);
    } finally {
      await agent.store.close();
      await observer.store.close();
    }
  });

  it('the merchant replies in time, or the deadline passes on the hub clock', async () => {
    await intake(hub.url, [{ id: 'DD5-reply', type: 'dispute.message', orderId: 'DO5', disputeId: 'DD5', from: 'merchant', text: 'we shipped it insured', trackingNo: 'SF5' }]);
    const agent = await desk('deadline', 'agent1');
    try {
      expect(await agent.store.dispute('DD5')).toMatchObject({ status: 'under_review', messages: 2 });
      expect((await agent.decide({ type: 'dispute.request_info', disputeId: 'DD5', data: { from: 'buyer' } })).ok).toBe(true);
      await agent.sync.syncUntilCaughtUp();
      await advanceClock(hub.url, 2 * DAY_MS + 1000);
      await agent.sync.hub.signIn('agent1', 'agent1-password-1'); // the old session expired with the clock
      await agent.sync.syncUntilCaughtUp();
      expect(await agent.store.dispute('DD5')).toMatchObject({ status: 'under_review' });
      const causes = await agent.store.ledger.db.read.all<{ body: string }>("SELECT body FROM events WHERE aggregate_id = 'DD5' AND type = 'dispute.status_changed' ORDER BY seq");
      expect(causes.map((r) => (JSON.parse(r.body) as { data: { cause: string } }).data.cause)).toEqual(['agent', 'reply', 'agent', 'deadline']);
    } finally {
      await agent.store.close();
    }
  });

  it('four-eyes: a large refund is proposed by an agent and approved on a finance console; shortcuts are refused by the hub', async () => {
    const agent = await desk('fe-agent', 'agent2');
    const finance = await desk('fe-finance', 'fin1');
    const risk = await desk('fe-risk', 'risk1');
    try {
      expect((await agent.decide({ type: 'dispute.resolve', disputeId: 'DD6', data: { resolution: 'refund_full', currency: 'CNY' } })).ok).toBe(true);
      await agent.sync.syncUntilCaughtUp();
      await finance.sync.syncUntilCaughtUp();
      const proposal = (await finance.store.dispute('DD6'))!.proposal!;
      expect(proposal).toMatchObject({ refundAmount: 9_000_00n, proposedBy: { id: agent.staff.id } });
      expect((await finance.store.ledger.order('DO6'))!.held).toBe(9_000_00n);

      // The wrong role, and a bypass through a direct order refund, are refused by the hub itself
      // (sent straight to the API, as a modified console would).
      const direct = new HubClient(hub.url);
      await direct.signIn('agent2', 'agent2-password-1');
      const bypass = await direct.commands([JSON.stringify({ id: createIdGenerator()(), expectedVersion: 3, command: { type: 'order.refund', orderId: 'DO6', data: { amount: '900000', currency: 'CNY' } } })]);
      expect(bypass).toMatchObject([{ status: 'rejected', code: 'approval_required' }]);
      const agentApproves = await direct.commands([JSON.stringify({ id: createIdGenerator()(), expectedVersion: 2, command: { type: 'dispute.approve', disputeId: 'DD6', data: { proposalId: proposal.proposalId } } })]);
      expect(agentApproves).toMatchObject([{ status: 'rejected', code: 'forbidden' }]);
      const riskApproval = await risk.decide({ type: 'dispute.approve', disputeId: 'DD6', data: { proposalId: proposal.proposalId } });
      expect(riskApproval).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      expect((await finance.decide({ type: 'dispute.approve', disputeId: 'DD6', data: { proposalId: proposal.proposalId, note: 'checked the photos' } })).ok).toBe(true);
      await finance.sync.syncUntilCaughtUp();
      expect(await finance.store.dispute('DD6')).toMatchObject({ status: 'resolved_refund_full', proposal: null });
      expect(await finance.store.ledger.order('DO6')).toMatchObject({ status: 'refunded', refunded: 9_000_00n });
    } finally {
      await agent.store.close();
      await finance.store.close();
      await risk.store.close();
    }
  });
});
