/**
 * The escrow order aggregate's commands and events: schemas for the wire and the types the
 * engine (src/core/escrow) decides and evolves with. Amounts are bigint minor units.
 */
import { z } from 'zod';
import type { Currency } from '../money.js';
import {
  amountSchema,
  bpsSchema,
  currencySchema,
  epochMsSchema,
  externalIdSchema,
  longTextSchema,
  positiveAmountSchema,
  shortTextSchema,
} from '../schemas.js';

export const SHIPPING_METHODS = ['express', 'virtual', 'surface'] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];

export const DISPUTE_KINDS = ['refund_request', 'dispute'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

export const DISPUTE_REASONS = [
  'item_not_received',
  'not_as_described',
  'damaged',
  'counterfeit',
  'unauthorized',
  'duplicate_charge',
  'other',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const RELEASE_REASONS = ['buyer_confirmed', 'auto_confirmed', 'staff_decision'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

// ---------------------------------------------------------------------------------------------
// Commands: what someone asks the order to do. Decided by src/core/escrow/decide.ts.

/** What a paid order carries (the marketplace's order.paid, the order.pay command). */
export const orderPayFields = {
  buyerId: externalIdSchema,
  merchantId: externalIdSchema,
  amount: positiveAmountSchema,
  currency: currencySchema,
  feeBps: bpsSchema,
  reserveBps: bpsSchema,
  buyerRegion: shortTextSchema.optional(),
  shippingRegion: shortTextSchema.optional(),
  deviceId: shortTextSchema.optional(),
  shippingAddress: shortTextSchema.optional(),
};
const orderPayData = z.strictObject(orderPayFields);

export const orderCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('order.pay'), orderId: externalIdSchema, data: orderPayData }),
  z.strictObject({
    type: z.literal('order.ship'),
    orderId: externalIdSchema,
    data: z.strictObject({ method: z.enum(SHIPPING_METHODS), trackingNo: shortTextSchema.optional() }),
  }),
  z.strictObject({ type: z.literal('order.confirm'), orderId: externalIdSchema }),
  z.strictObject({ type: z.literal('order.auto_confirm'), orderId: externalIdSchema }),
  z.strictObject({ type: z.literal('order.extend'), orderId: externalIdSchema }),
  z.strictObject({
    type: z.literal('order.open_dispute'),
    orderId: externalIdSchema,
    data: z.strictObject({
      disputeId: externalIdSchema,
      kind: z.enum(DISPUTE_KINDS),
      reason: z.enum(DISPUTE_REASONS),
      claimedAmount: positiveAmountSchema,
      currency: currencySchema,
      message: longTextSchema.optional(),
    }),
  }),
  z.strictObject({
    type: z.literal('order.withdraw_dispute'),
    orderId: externalIdSchema,
    data: z.strictObject({ disputeId: externalIdSchema }),
  }),
  z.strictObject({
    type: z.literal('order.refund'),
    orderId: externalIdSchema,
    data: z.strictObject({ amount: positiveAmountSchema, currency: currencySchema, note: shortTextSchema.optional() }),
  }),
  z.strictObject({
    type: z.literal('order.release'),
    orderId: externalIdSchema,
    // Release `amount` of the held money to the merchant and return the rest to the buyer;
    // without an amount everything still held is released.
    data: z.strictObject({ amount: positiveAmountSchema.optional(), currency: currencySchema, note: shortTextSchema.optional() }),
  }),
  z.strictObject({
    type: z.literal('order.risk_hold'),
    orderId: externalIdSchema,
    data: z.strictObject({ reason: shortTextSchema }),
  }),
  z.strictObject({
    type: z.literal('order.risk_clear'),
    orderId: externalIdSchema,
    data: z.strictObject({ note: shortTextSchema.optional() }),
  }),
]);

export type OrderCommand = z.output<typeof orderCommandSchema>;
export type OrderCommandType = OrderCommand['type'];

// ---------------------------------------------------------------------------------------------
// Events: what happened. Everything the ledger postings need is in the event, so applying an
// event is a pure function of (state, event) on every replica.

const orderPaidData = orderPayData;

export const orderEventDataSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('order.paid'), data: orderPaidData }),
  z.strictObject({
    type: z.literal('order.shipped'),
    data: z.strictObject({ method: z.enum(SHIPPING_METHODS), trackingNo: shortTextSchema.optional(), confirmDueAt: epochMsSchema }),
  }),
  z.strictObject({ type: z.literal('order.confirmation_extended'), data: z.strictObject({ confirmDueAt: epochMsSchema }) }),
  z.strictObject({
    type: z.literal('order.dispute_opened'),
    data: z.strictObject({
      disputeId: externalIdSchema,
      kind: z.enum(DISPUTE_KINDS),
      reason: z.enum(DISPUTE_REASONS),
      claimedAmount: positiveAmountSchema,
      message: longTextSchema.optional(),
      /** Time left on the auto-confirm timer when it was paused; null before shipping. */
      pausedRemainingMs: z.number().int().min(0).nullable(),
    }),
  }),
  z.strictObject({
    type: z.literal('order.dispute_withdrawn'),
    data: z.strictObject({ disputeId: externalIdSchema, confirmDueAt: epochMsSchema.nullable() }),
  }),
  z.strictObject({
    type: z.literal('order.refunded'),
    data: z.strictObject({
      amount: positiveAmountSchema,
      /** What stays held after this refund; 0 means the hold is fully voided. */
      remainingHeld: amountSchema,
      note: shortTextSchema.optional(),
    }),
  }),
  z.strictObject({
    type: z.literal('order.released'),
    data: z.strictObject({
      reason: z.enum(RELEASE_REASONS),
      /** Posted to the merchant out of the hold (seller + fee + reserve). */
      released: positiveAmountSchema,
      /** The rest of the hold, returned to the buyer by the partial post. */
      returned: amountSchema,
      seller: amountSchema,
      fee: amountSchema,
      reserve: amountSchema,
      /** When the reserve returns to the merchant (absent without a reserve). */
      reserveDueAt: epochMsSchema.optional(),
      note: shortTextSchema.optional(),
    }),
  }),
  z.strictObject({ type: z.literal('order.risk_held'), data: z.strictObject({ reason: shortTextSchema }) }),
  z.strictObject({ type: z.literal('order.risk_cleared'), data: z.strictObject({ note: shortTextSchema.optional() }) }),
  /** The rolling reserve of a release, back to the merchant's payable after its period. */
  z.strictObject({ type: z.literal('order.reserve_released'), data: z.strictObject({ amount: positiveAmountSchema }) }),
]);

export type OrderEventData = z.output<typeof orderEventDataSchema>;
export type OrderEventType = OrderEventData['type'];

// ---------------------------------------------------------------------------------------------
// State (folded by src/core/escrow; answered by `orders.get` and the case views)

export type OrderStatus = 'paid' | 'shipped' | 'released' | 'refunded';

export interface OpenDispute {
  disputeId: string;
  kind: DisputeKind;
  reason: DisputeReason;
  claimedAmount: bigint;
  openedAt: number;
}

/**
 * The state of one escrow order, folded from its events. `held` is always
 * amount - refunded - released; it is stored rather than derived so that queries can use it
 * and the verifier can check the identity.
 */
export interface OrderState {
  orderId: string;
  /** Number of events applied; commands carry the version they were decided on. */
  version: number;
  status: OrderStatus;
  buyerId: string;
  merchantId: string;
  currency: Currency;
  amount: bigint;
  held: bigint;
  refunded: bigint;
  released: bigint;
  fee: bigint;
  reserve: bigint;
  feeBps: number;
  reserveBps: number;
  /** When the reserve held back at release returns to the merchant; null when none is waiting. */
  reserveDueAt: number | null;
  /** The pending transfer currently holding the money; null once the hold is resolved. */
  holdTransferId: string | null;
  paidAt: number;
  shippingMethod: ShippingMethod | null;
  trackingNo: string | null;
  shippedAt: number | null;
  /** When the auto-confirm timer fires; null before shipping, while paused and once resolved. */
  confirmDueAt: number | null;
  /** Time left on the timer while a dispute pauses it. */
  pausedRemainingMs: number | null;
  extensionUsed: boolean;
  dispute: OpenDispute | null;
  riskHoldReason: string | null;
  buyerRegion: string | null;
  shippingRegion: string | null;
  deviceId: string | null;
  shippingAddress: string | null;
  updatedAt: number;
}
