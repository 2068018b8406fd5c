/**
 * An in-memory escrow for decider tests: marketplace events and staff commands decided by the
 * real core handlers, states evolved by the real evolve functions, no storage.
 */
import { OverlayReader } from '../../src/core/commands/overlay.js';
import { handleStaffCommand, readTarget, type Handled, type StateReader } from '../../src/core/commands/staff.js';
import { messageReceived, openedDispute, replyDeadlinePassed } from '../../src/core/disputes/decide.js';
import type { StaffRef } from '../../src/core/disputes/state.js';
import type { MerchantApplication } from '../../src/core/kyb/application.js';
import { DEFAULT_ESCROW_CONFIG, type EscrowConfig } from '../../src/core/escrow/config.js';
import { handleOrderCommand } from '../../src/core/escrow/handle.js';
import { commandTarget, type CommandRequest, type StaffCommand, type StaffIdentity } from '../../src/shared/api/hub.js';
import type { DisputeEventData } from '../../src/shared/escrow/dispute.js';
import { MARKETPLACE_ACTOR, SYSTEM_ACTOR, type EventEnvelope } from '../../src/shared/escrow/envelope.js';
import type { OrderCommand } from '../../src/shared/escrow/order.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import { T0 } from './driver.js';

export const STAFF = {
  agent: { id: 'agent-1', name: 'ann', role: 'agent' },
  agent2: { id: 'agent-2', name: 'bob', role: 'agent' },
  finance: { id: 'fin-1', name: 'fay', role: 'finance' },
  finance2: { id: 'fin-2', name: 'fin', role: 'finance' },
  risk: { id: 'risk-1', name: 'rik', role: 'risk' },
  onboarding: { id: 'onb-1', name: 'ona', role: 'onboarding' },
} as const satisfies Record<string, StaffIdentity>;

const empty: StateReader = {
  order: async () => null,
  dispute: async () => null,
  riskFlag: async () => null,
  riskListEntry: async () => null,
  application: async () => null,
  merchant: async () => null,
  payout: async () => null,
  reconDay: async () => null,
  available: async () => 0n,
  screeningList: async () => [],
  staff: async (id) => (Object.values(STAFF).find((s) => s.id === id) as StaffRef | undefined) ?? null,
};

export class Scenario {
  readonly reader = new OverlayReader(empty);
  readonly log: EventEnvelope[] = [];
  now = T0;
  readonly newId = createIdGenerator(() => this.now);

  constructor(readonly config: EscrowConfig = DEFAULT_ESCROW_CONFIG) {}

  private async append(events: EventEnvelope[]): Promise<EventEnvelope[]> {
    await this.reader.apply(events);
    this.log.push(...events);
    return events;
  }

  async market(command: OrderCommand): Promise<EventEnvelope[]> {
    const handled = handleOrderCommand(await this.reader.order(command.orderId), command, { config: this.config, at: this.now, actor: MARKETPLACE_ACTOR, newId: this.newId });
    if (!handled.ok) throw new Error(`${command.type}: ${handled.code}`);
    return this.append(handled.events);
  }

  /** A paid and shipped order of `amount` CNY minor units. */
  async shippedOrder(orderId: string, amount: bigint): Promise<void> {
    await this.market({ type: 'order.pay', orderId, data: { buyerId: 'B1', merchantId: 'M1', amount, currency: 'CNY', feeBps: 60, reserveBps: 1000 } });
    await this.market({ type: 'order.ship', orderId, data: { method: 'express' } });
  }

  /** The marketplace opens a dispute on an order: the order freezes, the dispute starts. */
  async openDispute(orderId: string, disputeId: string, claimedAmount: bigint): Promise<void> {
    await this.market({ type: 'order.open_dispute', orderId, data: { disputeId, kind: 'dispute', reason: 'not_as_described', claimedAmount, currency: 'CNY', message: 'broken' } });
    const order = (await this.reader.order(orderId))!;
    await this.disputeEvents(disputeId, [openedDispute(order, { kind: 'dispute', reason: 'not_as_described', claimedAmount, message: 'broken' }, this.now, this.config)]);
  }

  /** A merchant application as the marketplace sends it. */
  async receiveApplication(application: MerchantApplication): Promise<void> {
    const version = (await this.reader.application(application.applicationId))?.version ?? 0;
    await this.append([{ id: this.newId(), aggregateId: application.applicationId, version: version + 1, at: this.now, actor: MARKETPLACE_ACTOR, type: 'application.received', data: application } as EventEnvelope]);
  }

  /** What intake does to a risky payment: the hold frozen, a flag raised. */
  async flag(orderId: string, score = 80): Promise<void> {
    await this.market({ type: 'order.risk_hold', orderId, data: { reason: `risk score ${score}` } });
    const order = (await this.reader.order(orderId))!;
    const data = { buyerId: order.buyerId, merchantId: order.merchantId, amount: order.amount, currency: order.currency, score, level: score >= 75 ? 'highest' : 'elevated', findings: [{ rule: 'buyer_velocity', points: score, reason: 'many orders' }] };
    await this.append([{ id: this.newId(), aggregateId: orderId, version: 1, at: this.now, actor: SYSTEM_ACTOR, type: 'risk.flagged', data } as EventEnvelope]);
  }

  async message(disputeId: string, from: 'buyer' | 'merchant'): Promise<void> {
    const dispute = (await this.reader.dispute(disputeId))!;
    await this.disputeEvents(disputeId, messageReceived(dispute, { from, text: 'here is my side', attachments: [] }, this.now, this.config));
  }

  async deadlines(disputeId: string): Promise<EventEnvelope[]> {
    const dispute = (await this.reader.dispute(disputeId))!;
    return this.disputeEvents(disputeId, replyDeadlinePassed(dispute, this.now, this.config));
  }

  private async disputeEvents(disputeId: string, payloads: DisputeEventData[]): Promise<EventEnvelope[]> {
    const version = (await this.reader.dispute(disputeId))?.version ?? 0;
    return this.append(payloads.map((data, i) => ({ id: this.newId(), aggregateId: disputeId, version: version + i + 1, at: this.now, actor: SYSTEM_ACTOR, ...data }) as EventEnvelope));
  }

  /** A staff command on the current version of its target (or the one given). */
  async staff(actor: StaffIdentity, command: StaffCommand, expectedVersion?: number): Promise<Handled> {
    const { kind, id } = commandTarget(command);
    const target = await readTarget(this.reader, kind, id);
    const request: CommandRequest = { id: this.newId(), expectedVersion: expectedVersion ?? target?.version ?? 0, command };
    const handled = await handleStaffCommand(this.reader, actor, request, { now: this.now, config: this.config, newId: this.newId });
    if (handled.ok) await this.append(handled.events);
    return handled;
  }
}
