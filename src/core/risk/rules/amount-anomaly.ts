import { gradedPoints } from '../graded.js';
import { count, money, multiple } from '../text.js';
import type { RiskRule } from '../types.js';

/**
 * An amount far above what the merchant usually sells: a stolen card tested on a big ticket,
 * or a merchant and buyer moving money under cover of a sale. Compared with the merchant's
 * own history, since a normal price at one shop is absurd at another.
 */
export const amountAnomaly: RiskRule = ({ order, features }, config) => {
  const rule = config.amountAnomaly;
  const { orders, medianAmount: median, p90Amount: p90 } = features.merchantHistory;
  if (orders < rule.minHistoryOrders || median === null || median <= 0n) return null;
  // Amounts are compared with percentages of the references by scaling the amount by 100
  // instead of dividing the references, so every comparison is exact.
  const scaledAmount = order.amount * 100n;
  const fromMedian = median * BigInt(rule.medianPercent);
  const fromP90 = p90 === null ? null : p90 * BigInt(rule.p90Percent);
  const threshold = fromP90 !== null && fromP90 < fromMedian ? fromP90 : fromMedian;
  const points = gradedPoints(scaledAmount, threshold, median * BigInt(rule.fullAtMedianPercent), rule.weight);
  if (points === 0) return null;
  const p90Text = p90 === null ? '' : `, p90 ${money(p90, order.currency)}`;
  return {
    rule: 'amount_anomaly',
    points,
    reason:
      `amount ${money(order.amount, order.currency)} is ${multiple(order.amount, median)} the merchant's median ` +
      `${money(median, order.currency)} (${count(orders, 'order')}${p90Text}; threshold ${multiple(BigInt(rule.medianPercent), 100n)} the median ` +
      `or ${multiple(BigInt(rule.p90Percent), 100n)} the p90)`,
    evidence: {
      amount: order.amount.toString(),
      currency: order.currency,
      historyOrders: orders,
      medianAmount: median.toString(),
      p90Amount: p90 === null ? null : p90.toString(),
      medianPercent: rule.medianPercent,
      p90Percent: rule.p90Percent,
      fullAtMedianPercent: rule.fullAtMedianPercent,
    },
  };
};
