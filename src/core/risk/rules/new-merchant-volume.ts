import { gradedPoints } from '../graded.js';
import { count, duration, money } from '../text.js';
import type { RiskRule } from '../types.js';

/**
 * A merchant selling a lot in its first days: the bust-out pattern, where a shop takes as
 * many orders as it can and disappears before buyers notice nothing ships.
 */
export const newMerchantVolume: RiskRule = ({ order, features }, config) => {
  const rule = config.newMerchantVolume;
  // No earlier trace of the merchant: this order is its first.
  const firstSeenAt = features.merchantFirstSeenAt ?? order.paidAt;
  const age = Math.max(0, order.paidAt - firstSeenAt);
  if (age >= rule.windowMs) return null;
  const orders = features.merchantOrdersSinceFirstSeen + 1;
  if (orders < rule.minOrders) return null;
  const volume = features.merchantVolumeSinceFirstSeen + order.amount;
  const { threshold, fullAt } = rule.volume[order.currency];
  const points = gradedPoints(volume, threshold, fullAt, rule.weight);
  if (points === 0) return null;
  return {
    rule: 'new_merchant_high_volume',
    points,
    reason:
      `merchant ${order.merchantId}, first seen ${duration(age)} ago, has taken ${count(orders, 'order')} for ${money(volume, order.currency)} ` +
      `(threshold ${money(threshold, order.currency)} within ${duration(rule.windowMs)})`,
    evidence: {
      merchantAgeMs: age,
      ordersSinceFirstSeen: orders,
      volumeSinceFirstSeen: volume.toString(),
      currency: order.currency,
      volumeThreshold: threshold.toString(),
      volumeFullAt: fullAt.toString(),
      windowMs: rule.windowMs,
    },
  };
};
