/** Sending a risk decision (flag review or list change); `busy` while it runs, the refusal in `error`. */
import { useCallback, useState } from 'react';
import type { RiskCommand } from '../../../../shared/escrow/risk.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi } from '../../api/client.js';
import type { Translate } from '../../i18n/i18n.js';
import type { MessageKey } from './messages.js';

export function useRiskDecide() {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const decide = useCallback(
    async (command: RiskCommand): Promise<{ ok: true } | { ok: false; error: Failure }> => {
      setBusy(true);
      setError(null);
      const result = await api.call('risk.decide', { command });
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return { ok: false, error: result.error };
      }
      return { ok: true };
    },
    [api],
  );
  return { decide, busy, error, setError };
}

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
