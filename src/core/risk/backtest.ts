/**
 * Backtest: how a configuration (the current one or edited thresholds) would have scored a
 * history of orders, against what became of them. The caller supplies each order's input as
 * of its payment (features from the history before it) and its later outcome. Pure; every
 * figure is an integer or a ratio of integers.
 */
import type { BacktestReport as SharedBacktestReport, Ratio, RuleBacktest, Tally } from '../../shared/escrow/risk.js';
import type { RiskConfig } from './config.js';
import { scoreOrder } from './score.js';
import { RISK_DECISIONS, RISK_LEVELS, RISK_RULE_NAMES, type RiskDecision, type RiskInput, type RiskLevel, type RiskRuleName } from './types.js';

export interface BacktestEntry {
  input: RiskInput;
  outcome: { disputed: boolean; fraudRefunded: boolean };
}

export type { Ratio, RuleBacktest, Tally };

export type BacktestReport = SharedBacktestReport<RiskRuleName, RiskLevel, RiskDecision>;

/** A ratio in basis points, rounded down (7500 for 3/4); null when there is nothing to divide. */
export function basisPoints(ratio: Ratio): number | null {
  return ratio.denominator === 0 ? null : Math.floor((ratio.numerator * 10_000) / ratio.denominator);
}

function tallies<K extends string>(keys: readonly K[]): Record<K, Tally> {
  return Object.fromEntries(keys.map((key) => [key, { orders: 0, laterDisputedOrFraud: 0 }])) as Record<K, Tally>;
}

function tallyOrder(tally: Tally, bad: boolean): void {
  tally.orders += 1;
  if (bad) tally.laterDisputedOrFraud += 1;
}

/** Scores orders one by one, in payment order, and tallies them: for histories that stream. */
export class BacktestTally {
  private readonly total: Tally = { orders: 0, laterDisputedOrFraud: 0 };
  private readonly levels = tallies(RISK_LEVELS);
  private readonly decisions = tallies(RISK_DECISIONS);
  private readonly counts = Object.fromEntries(RISK_RULE_NAMES.map((rule) => [rule, { fired: 0, flagged: 0, laterDisputedOrFraud: 0 }])) as Record<
    RiskRuleName,
    Omit<RuleBacktest, 'precision'>
  >;
  private allowListLowered = 0;
  private previousPaidAt = -Infinity;
  private firstPaidAt: number | null = null;

  constructor(private readonly config: RiskConfig) {}

  add({ input, outcome }: BacktestEntry): void {
    const { paidAt, orderId } = input.order;
    // Features are computed as of each order's time; a history out of order means they were not.
    if (paidAt < this.previousPaidAt) throw new RangeError(`backtest history is not in payment order at order ${orderId}`);
    this.previousPaidAt = paidAt;
    this.firstPaidAt ??= paidAt;

    const assessment = scoreOrder(input, this.config);
    const bad = outcome.disputed || outcome.fraudRefunded;
    tallyOrder(this.total, bad);
    tallyOrder(this.levels[assessment.level], bad);
    tallyOrder(this.decisions[assessment.decision], bad);
    if (assessment.score < assessment.rulesScore) this.allowListLowered += 1;
    const flagged = assessment.level !== 'normal';
    for (const { rule } of assessment.findings) {
      const ruleCounts = this.counts[rule];
      ruleCounts.fired += 1;
      if (flagged) ruleCounts.flagged += 1;
      if (flagged && bad) ruleCounts.laterDisputedOrFraud += 1;
    }
  }

  report(): BacktestReport {
    const rules = Object.fromEntries(
      RISK_RULE_NAMES.map((rule) => {
        const ruleCounts = this.counts[rule];
        const precision: Ratio = { numerator: ruleCounts.laterDisputedOrFraud, denominator: ruleCounts.flagged };
        return [rule, { ...ruleCounts, precision }];
      }),
    ) as Record<RiskRuleName, RuleBacktest>;
    const period = this.firstPaidAt === null ? null : { from: this.firstPaidAt, to: this.previousPaidAt };
    return { period, total: this.total, rules, levels: this.levels, decisions: this.decisions, allowListLowered: this.allowListLowered };
  }
}

/** Scores a history in payment order. */
export function backtest(history: Iterable<BacktestEntry>, config: RiskConfig): BacktestReport {
  const tally = new BacktestTally(config);
  for (const entry of history) tally.add(entry);
  return tally.report();
}
