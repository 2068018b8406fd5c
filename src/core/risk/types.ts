/**
 * The vocabulary of the risk rules engine: what it is given (an order, features the caller
 * computed from its own storage, the allow and block lists) and what it answers. The engine
 * never reads storage or a clock: the hub computes features at intake, the console computes
 * them as of each order's time for backtests, and both get the same answer from the same input.
 */
import type { Json } from '../../shared/json.js';
import type { Currency } from '../../shared/money.js';
import type { RiskConfig } from './config.js';

/** Every rule that can contribute points, in the order findings are listed. */
export const RISK_RULE_NAMES = [
  'buyer_velocity',
  'amount_anomaly',
  'new_merchant_high_volume',
  'shipping_region_mismatch',
  'repeat_disputer',
  'block_list',
] as const;
export type RiskRuleName = (typeof RISK_RULE_NAMES)[number];

export const RISK_LEVELS = ['normal', 'elevated', 'highest'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** pass: release as usual; hold: the hub freezes the hold until a risk officer reviews it; refuse: block list. */
export const RISK_DECISIONS = ['pass', 'hold', 'refuse'] as const;
export type RiskDecision = (typeof RISK_DECISIONS)[number];

/** In order of precedence when several entries match one order: the most specific identity first. */
export const LIST_ENTITY_TYPES = ['buyer', 'merchant', 'device', 'address'] as const;
export type ListEntityType = (typeof LIST_ENTITY_TYPES)[number];

export interface ListEntry {
  entityType: ListEntityType;
  /** An id as the marketplace sends it; for addresses any spelling (matched after normalisation). */
  value: string;
  reason: string;
  /** The entry stops applying at this instant (epoch ms); null: until removed. */
  expiresAt: number | null;
}

export interface RiskLists {
  block: readonly ListEntry[];
  allow: readonly ListEntry[];
}

/** The order.paid data the rules look at. */
export interface RiskOrder {
  orderId: string;
  buyerId: string;
  merchantId: string;
  amount: bigint;
  currency: Currency;
  paidAt: number;
  buyerRegion?: string;
  shippingRegion?: string;
  deviceId?: string;
  shippingAddress?: string;
}

/**
 * History as of the moment the order was paid, excluding the order itself (the rules count
 * it). Merchant amounts are in the order's currency.
 */
export interface RiskFeatures {
  /** The buyer's orders paid within `config.velocityWindowMs` before this one. */
  buyerOrdersInWindow: number;
  /** The merchant's orders within `config.merchantHistoryWindowMs`; null statistics when there are none. */
  merchantHistory: { orders: number; medianAmount: bigint | null; p90Amount: bigint | null };
  /** The merchant's first order or activation, whichever came first; null when this is its first trace. */
  merchantFirstSeenAt: number | null;
  merchantOrdersSinceFirstSeen: number;
  merchantVolumeSinceFirstSeen: bigint;
  /** The buyer's most frequent shipping region so far; null without history. */
  buyerUsualRegion: string | null;
  /** Disputes the buyer opened so far, and how many of them were decided against the merchant. */
  buyerDisputes: { opened: number; lostByMerchant?: number };
}

export interface RiskInput {
  order: RiskOrder;
  features: RiskFeatures;
  lists: RiskLists;
}

/** One rule's contribution. Evidence is plain JSON (amounts as decimal strings of minor units) so it can be stored as is. */
export interface RuleFinding {
  rule: RiskRuleName;
  points: number;
  /** For the risk officer: what triggered the rule, with the numbers. */
  reason: string;
  evidence: Readonly<Record<string, Json>>;
}

/** A scoring rule: answers a finding when it gives points, null when it gives none (below threshold, weight 0). */
export type RiskRule = (input: RiskInput, config: RiskConfig) => RuleFinding | null;

export interface RiskAssessment {
  /** 0..100, after the allow list. */
  score: number;
  /** The capped sum of the findings' points, before the allow list. */
  rulesScore: number;
  level: RiskLevel;
  decision: RiskDecision;
  /** Rules that gave points, in RISK_RULE_NAMES order. */
  findings: RuleFinding[];
  /** The block-list entry that refuses the order (the first by LIST_ENTITY_TYPES precedence). */
  blockedBy: ListEntry | null;
  /** The allow-list entry that matched; it lowers the score only when nothing is blocked. */
  allowedBy: ListEntry | null;
}
