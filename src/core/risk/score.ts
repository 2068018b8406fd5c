/**
 * scoreOrder: every rule's findings summed into a 0..100 score, a level and a decision. Pure:
 * the same input and config always give the same assessment.
 */
import type { RiskConfig } from './config.js';
import { blockListFinding, findListEntry } from './lists.js';
import { amountAnomaly } from './rules/amount-anomaly.js';
import { buyerVelocity } from './rules/buyer-velocity.js';
import { newMerchantVolume } from './rules/new-merchant-volume.js';
import { repeatDisputer } from './rules/repeat-disputer.js';
import { shippingRegionMismatch } from './rules/shipping-region-mismatch.js';
import { LIST_ENTITY_TYPES, type RiskAssessment, type RiskDecision, type RiskInput, type RiskLevel, type RiskRule, type RuleFinding } from './types.js';

/** In RISK_RULE_NAMES order; the block list comes last. */
const RULES: readonly RiskRule[] = [buyerVelocity, amountAnomaly, newMerchantVolume, shippingRegionMismatch, repeatDisputer];

const MAX_SCORE = 100;

export function riskLevel(score: number, config: RiskConfig): RiskLevel {
  if (score >= config.levels.highestAt) return 'highest';
  if (score >= config.levels.elevatedAt) return 'elevated';
  return 'normal';
}

export function scoreOrder(input: RiskInput, config: RiskConfig): RiskAssessment {
  const { order, lists } = input;
  const findings: RuleFinding[] = [];
  for (const rule of RULES) {
    const found = rule(input, config);
    if (found) findings.push(found);
  }
  const blockedBy = findListEntry(lists.block, order, LIST_ENTITY_TYPES);
  if (blockedBy) findings.push(blockListFinding(blockedBy));
  const allowedBy = findListEntry(lists.allow, order, config.allowList.appliesTo);

  const rulesScore = clamp(findings.reduce((sum, f) => sum + f.points, 0));
  const score = allowedBy && !blockedBy ? Math.min(rulesScore, allowListCap(config)) : rulesScore;
  const level = riskLevel(score, config);
  return { score, rulesScore, level, decision: decide(level, blockedBy !== null), findings, blockedBy, allowedBy };
}

function clamp(points: number): number {
  return Math.max(0, Math.min(MAX_SCORE, points));
}

/** The highest score an allow-listed order keeps: just below the configured level, wherever that is set. */
function allowListCap(config: RiskConfig): number {
  const level = config.allowList.capBelow === 'elevated' ? config.levels.elevatedAt : config.levels.highestAt;
  return clamp(level - 1);
}

function decide(level: RiskLevel, blocked: boolean): RiskDecision {
  if (blocked) return 'refuse';
  return level === 'normal' ? 'pass' : 'hold';
}
