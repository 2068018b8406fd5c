/** Rules and risk levels in words. */
import type { Translate } from '../../i18n/i18n.js';
import type { MessageKey } from './messages.js';

const RULES = ['buyer_velocity', 'amount_anomaly', 'new_merchant_high_volume', 'shipping_region_mismatch', 'repeat_disputer', 'block_list'] as const;
type Rule = (typeof RULES)[number];

/** A rule's name in words (an unknown rule keeps its code). */
export function ruleLabel(rule: string, t: Translate<MessageKey>): string {
  return (RULES as readonly string[]).includes(rule) ? t(`rule_${rule as Rule}`) : rule;
}

export function levelLabel(level: string, t: Translate<MessageKey>): string {
  return level === 'normal' || level === 'elevated' || level === 'highest' ? t(`level_${level}`) : level;
}

export function levelTone(level: string): 'danger' | 'warning' | 'neutral' {
  return level === 'highest' ? 'danger' : level === 'elevated' ? 'warning' : 'neutral';
}
