/** Status badges of the merchant screens: a word and a glyph, never colour alone. */
import type { ApplicationStatus, PayoutStatus } from '../../../../shared/escrow/merchant.js';
import { Badge } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';
import type { CheckStatus } from './types.js';

const APPLICATION_TONES = { submitted: 'info', information_requested: 'warning', approved: 'success', rejected: 'danger' } as const;

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const t = useT(messages);
  return <Badge tone={APPLICATION_TONES[status]}>{t(`appStatus_${status}`)}</Badge>;
}

export function MerchantStatusBadge({ status }: { status: 'active' | 'suspended' }) {
  const t = useT(messages);
  return <Badge tone={status === 'active' ? 'success' : 'danger'}>{t(`merchantStatus_${status}`)}</Badge>;
}

const CHECK_TONES = { ok: 'success', failed: 'danger', warning: 'warning' } as const;
const CHECK_GLYPHS = { ok: '✓', failed: '✕', warning: '!' } as const;

/** A check's result; `label` words it otherwise ("All passed" rather than "Passed"). */
export function CheckBadge({ status, label }: { status: CheckStatus; label?: string }) {
  const t = useT(messages);
  return (
    <Badge tone={CHECK_TONES[status]}>
      <span aria-hidden="true">{CHECK_GLYPHS[status]} </span>
      {label ?? t(`checkStatus_${status}`)}
    </Badge>
  );
}

const PAYOUT_TONES = { pending: 'info', in_transit: 'info', paid: 'success', failed: 'danger', canceled: 'neutral' } as const;

export function PayoutStatusBadge({ status }: { status: PayoutStatus }) {
  const t = useT(messages);
  return <Badge tone={PAYOUT_TONES[status]}>{t(`payoutStatus_${status}`)}</Badge>;
}
