/**
 * Points of a graded rule (see GradedRule in config.ts), in exact integer arithmetic so that
 * amounts compare as bigint and no score depends on float rounding.
 */

/**
 * 0 below `threshold`; from half of `weight` (rounded up, so a rule that fires always gives a
 * point) at the threshold to the whole `weight` at `fullAt`, linearly; never more than `weight`.
 * A `fullAt` not above the threshold makes the rule all or nothing.
 */
export function gradedPoints(measure: bigint, threshold: bigint, fullAt: bigint, weight: number): number {
  if (weight <= 0 || measure < threshold) return 0;
  if (measure >= fullAt) return weight;
  const span = fullAt - threshold;
  const shortfall = (BigInt(weight) * (fullAt - measure)) / (2n * span);
  return weight - Number(shortfall);
}
