/** Suspend a merchant (new payouts stop) or reactivate it: onboarding reviewers, with a reason. */
import { useState } from 'react';
import type { Failure } from '../../../../shared/result.js';
import { useApi } from '../../api/client.js';
import { Notice } from '../../components/Notice.js';
import { ReasonForm } from '../../components/ReasonForm.js';
import { Button, ErrorBanner } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';
import type { MerchantView } from './types.js';

export function MerchantStatusForm({ merchant }: { merchant: MerchantView }) {
  const api = useApi();
  const t = useT(messages);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [queued, setQueued] = useState(false);
  const suspending = merchant.status === 'active';

  async function submit(text: string) {
    setError(null);
    const command = suspending
      ? ({ type: 'merchant.suspend', merchantId: merchant.merchantId, data: { reason: text } } as const)
      : ({ type: 'merchant.reactivate', merchantId: merchant.merchantId, data: { note: text } } as const);
    const result = await api.call('merchants.decide', { command });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setOpen(false);
    setQueued(true);
  }

  if (queued) return <Notice testId="merchant-status-queued">{t('statusQueued')}</Notice>;
  return (
    <div data-testid="merchant-status-form">
      <ErrorBanner error={error} />
      {open ? (
        <ReasonForm
          labels={{ reason: suspending ? t('suspendReason') : t('reactivateNote'), submit: suspending ? t('confirmSuspend') : t('confirmReactivate'), cancel: t('back'), required: t('reasonRequired') }}
          variant={suspending ? 'danger' : 'primary'}
          onSubmit={submit}
          onCancel={() => setOpen(false)}
          testId={suspending ? 'merchant-suspend' : 'merchant-reactivate'}
        />
      ) : (
        <Button variant={suspending ? 'danger' : 'primary'} onClick={() => setOpen(true)} data-testid={suspending ? 'merchant-suspend-open' : 'merchant-reactivate-open'}>
          {suspending ? t('suspend') : t('reactivate')}
        </Button>
      )}
    </div>
  );
}
