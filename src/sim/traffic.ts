/**
 * The simulated marketplace's traffic, as a pure function of (orders, seed, profile): the same
 * options always give byte-identical events, ids included, and no clock or I/O is involved.
 * The sender (send.ts) delivers it; tests inspect it without a hub.
 *
 * Ids carry a run tag derived from the options, so two different runs against one hub never
 * reuse each other's ids, and the same run replayed reuses exactly its own.
 */
import type { DisputeKind, DisputeReason } from '../shared/escrow/order.js';
import type { MarketplaceEvent } from '../shared/marketplace.js';
import { KNOWN_BAD_ADDRESSES, KNOWN_BAD_DEVICE_IDS, type Segment } from './catalog.js';
import { planApplications, type ApplicationDefect } from './applications.js';
import { disputeBudget, planDisputes } from './disputes.js';
import type { AttachmentFile } from './evidence.js';
import { planLifecycle, type Draft } from './lifecycle.js';
import { planOrdinaryOrders, type OrderPlan } from './orders.js';
import { Population } from './population.js';
import { Random } from './random.js';
import { plantRiskyPatterns, RISK_KINDS, type RiskKind } from './risky.js';
import { planSettlement, type Discrepancy } from './settlement.js';
import { BURST_WINDOW, SIM_EPOCH_MS, type Profile } from './timeline.js';

/** The planted patterns need room: below this, they would crowd out ordinary traffic. */
export const MIN_ORDERS = 200;
export const MAX_ORDERS = 2_000_000;

export interface TrafficOptions {
  orders: number;
  seed: string;
  profile: Profile;
}

export interface TimedEvent {
  /** Simulated ms since midnight of the simulated day (see timeline.ts). */
  at: number;
  event: MarketplaceEvent;
  /** The hub accepts it only when its clock follows the simulation (see lifecycle.ts). */
  needsClock: boolean;
}

export interface TrafficPlan {
  orders: number;
  buyers: number;
  merchantsSelling: Record<Segment, number>;
  ordersByCurrency: Record<string, number>;
  eventsByType: Record<string, number>;
  disputes: {
    total: number;
    byKind: Record<DisputeKind, number>;
    byReason: Partial<Record<DisputeReason, number>>;
    beforeShipping: number;
    withdrawn: number;
  };
  risky: Record<RiskKind, Array<{ subject: string; orderIds: string[] }>>;
  knownBad: { deviceIds: readonly string[]; shippingAddresses: readonly string[] };
  applications: { valid: number; invalid: number; invalidByDefect: Partial<Record<ApplicationDefect, string[]>> };
  statement: { lines: number; discrepancies: Discrepancy[] };
  payouts: { paid: number; failed: number };
  /** Events refused unless the hub's clock follows the simulation (--follow-clock). */
  clockDependentEvents: number;
  /** Dispute messages carrying files, and the distinct files they attach. */
  evidence: { messages: number; files: number; bytes: number };
}

export interface Traffic {
  options: TrafficOptions;
  runTag: string;
  /** The real date of simulated time 0 (statement lines are booked on it). */
  epochMs: number;
  /** In time order; `event.id`s are numbered in this order (evidence messages have their own, see Draft). */
  events: TimedEvent[];
  /** The files dispute messages attach, by SHA-256: uploaded to the hub before the messages are sent. */
  attachments: Map<string, AttachmentFile>;
  /** The simulated span whose accepted rate the sender reports, if the profile has one. */
  burst: { from: number; to: number } | null;
  plan: TrafficPlan;
}

function validateTrafficOptions(options: TrafficOptions): void {
  if (!Number.isInteger(options.orders) || options.orders < MIN_ORDERS || options.orders > MAX_ORDERS) {
    throw new RangeError(`orders must be a whole number from ${MIN_ORDERS} to ${MAX_ORDERS}`);
  }
  if (options.seed.length === 0) throw new RangeError('the seed must not be empty');
}

/** Six base-36 characters naming the run, derived from its options. */
function runTagOf(options: TrafficOptions): string {
  return new Random(`run-tag|${options.seed}|${options.profile}|${options.orders}`).chars('0123456789abcdefghijklmnopqrstuvwxyz', 6);
}

export function generateTraffic(options: TrafficOptions): Traffic {
  validateTrafficOptions(options);
  const { orders: orderCount, profile } = options;
  const tag = runTagOf(options);
  const root = new Random(`escrow-sim|${options.seed}|${profile}|${orderCount}`);
  const epochMs = SIM_EPOCH_MS[profile];

  const population = new Population(root.fork('population'), tag, orderCount);
  const planted = plantRiskyPatterns(root.fork('risk'), population, orderCount, profile);
  const ordinary = planOrdinaryOrders(root.fork('orders'), population, orderCount - planted.orders.length, profile);
  const orders = [...ordinary, ...planted.orders].sort((a, b) => a.paidAt - b.paidAt);
  orders.forEach((order, i) => (order.orderId = `O-${tag}-${String(i + 1).padStart(7, '0')}`));
  planDisputes(root.fork('disputes'), orders, disputeBudget(orderCount));

  const lifeRandom = root.fork('lifecycle');
  const outcomes = orders.map((order) => ({ order, ...planLifecycle(lifeRandom, order, epochMs) }));
  const attachments = new Map<string, AttachmentFile>();
  for (const { files } of outcomes) for (const { ref, mime, bytes } of files) attachments.set(ref.sha256, { mime, bytes });
  const applications = planApplications(root.fork('applications'), population, planted.newMerchants, orderCount, tag);
  const settlement = planSettlement(root.fork('settlement'), outcomes, epochMs, tag);

  const drafts: Draft[] = [...outcomes.flatMap((o) => o.drafts), ...applications.drafts, ...settlement.drafts];
  // Stable sort: events at the same instant keep their planned order (an order's own events
  // never share an instant, so causality within an order is kept either way).
  drafts.sort((a, b) => a.at - b.at);
  let numbered = 0;
  const events = drafts.map((draft): TimedEvent => ({
    at: draft.at,
    event: { id: draft.id ?? `E-${tag}-${String((numbered += 1)).padStart(8, '0')}`, ...draft.body } as MarketplaceEvent,
    needsClock: draft.needsClock,
  }));
  const eventsByType = countBy(events, (e) => e.event.type, {});

  return {
    options,
    runTag: tag,
    epochMs,
    events,
    attachments,
    burst: BURST_WINDOW[profile],
    plan: {
      orders: orders.length,
      buyers: new Set(orders.map((o) => o.buyer.id)).size,
      merchantsSelling: countBy(uniqueBy(orders.map((o) => o.merchant), (m) => m.id), (m) => m.segment, { c2c: 0, b2c: 0, b2b: 0 }),
      ordersByCurrency: countBy(orders, (o) => o.merchant.currency, {}),
      eventsByType,
      disputes: disputeSummary(orders),
      risky: Object.fromEntries(
        RISK_KINDS.map((kind) => [
          kind,
          planted.patterns.filter((p) => p.kind === kind).map((p) => ({ subject: p.subject, orderIds: p.orders.map((o) => o.orderId).sort() })),
        ]),
      ) as TrafficPlan['risky'],
      knownBad: { deviceIds: KNOWN_BAD_DEVICE_IDS, shippingAddresses: KNOWN_BAD_ADDRESSES.map((a) => a.address) },
      applications: {
        valid: applications.report.valid.length,
        invalid: applications.report.invalid.length,
        invalidByDefect: groupBy(applications.report.invalid, (a) => a.defect, (a) => a.applicationId),
      },
      statement: { lines: settlement.report.lines, discrepancies: settlement.report.discrepancies },
      payouts: settlement.report.payouts,
      clockDependentEvents: events.filter((e) => e.needsClock).length,
      evidence: {
        messages: eventsByType['dispute.message'] ?? 0,
        files: attachments.size,
        bytes: [...attachments.values()].reduce((sum, file) => sum + file.bytes.length, 0),
      },
    },
  };
}

function disputeSummary(orders: readonly OrderPlan[]): TrafficPlan['disputes'] {
  const intents = orders.flatMap((o) => (o.dispute ? [o.dispute] : []));
  return {
    total: intents.length,
    byKind: countBy(intents, (d) => d.kind, { refund_request: 0, dispute: 0 }),
    byReason: countBy(intents, (d) => d.reason, {}),
    beforeShipping: intents.filter((d) => d.stage === 'before_shipping').length,
    withdrawn: intents.filter((d) => d.withdrawn).length,
  };
}

function countBy<T, K extends string>(items: readonly T[], key: (item: T) => K, initial: Partial<Record<K, number>>): Record<K, number> {
  const counts = { ...initial } as Record<K, number>;
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function groupBy<T, K extends string, V>(items: readonly T[], key: (item: T) => K, value: (item: T) => V): Partial<Record<K, V[]>> {
  const groups: Partial<Record<K, V[]>> = {};
  for (const item of items) (groups[key(item)] ??= []).push(value(item));
  return groups;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
