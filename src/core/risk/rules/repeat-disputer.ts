import { gradedPoints } from '../graded.js';
import { count } from '../text.js';
import type { RiskRule } from '../types.js';

/**
 * A buyer who disputes order after order: refund abuse ("never arrived") or friendly fraud.
 * Disputes decided against the merchant are left out: those were justified claims, and a
 * buyer who was wronged twice is not a risk. Open, withdrawn and rejected claims count.
 */
export const repeatDisputer: RiskRule = ({ order, features }, config) => {
  const { threshold, fullAt, weight } = config.repeatDisputer;
  const { opened, lostByMerchant = 0 } = features.buyerDisputes;
  const counted = Math.max(0, opened - lostByMerchant);
  const points = gradedPoints(BigInt(counted), BigInt(threshold), BigInt(fullAt), weight);
  if (points === 0) return null;
  return {
    rule: 'repeat_disputer',
    points,
    reason:
      `buyer ${order.buyerId} has opened ${count(opened, 'dispute')}, ${lostByMerchant} of them decided against the merchant ` +
      `(${counted} counted; threshold ${threshold}, full weight at ${fullAt})`,
    evidence: { disputesOpened: opened, lostByMerchant, counted, threshold, fullAt },
  };
};
