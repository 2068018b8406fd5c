import { gradedPoints } from '../graded.js';
import { count, duration } from '../text.js';
import type { RiskRule } from '../types.js';

/** Many orders by one buyer in a short time: an account takeover emptying a wallet, a reseller bot. */
export const buyerVelocity: RiskRule = ({ order, features }, config) => {
  const { threshold, fullAt, weight } = config.buyerVelocity;
  const orders = features.buyerOrdersInWindow + 1;
  const points = gradedPoints(BigInt(orders), BigInt(threshold), BigInt(fullAt), weight);
  if (points === 0) return null;
  return {
    rule: 'buyer_velocity',
    points,
    reason: `${count(orders, 'order')} by buyer ${order.buyerId} within ${duration(config.velocityWindowMs)} (threshold ${threshold}, full weight at ${fullAt})`,
    evidence: { ordersInWindow: orders, windowMs: config.velocityWindowMs, threshold, fullAt },
  };
};
