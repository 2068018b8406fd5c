/**
 * The queue's filters. Choices apply at once; typed values (merchant, amounts, dates) apply on
 * Enter, on leaving the field or with the button, once they are valid.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import { DISPUTE_STATUSES } from '../../../../shared/escrow/dispute.js';
import { DISPUTE_REASONS, type DisputeReason } from '../../../../shared/escrow/order.js';
import { CURRENCIES, type Currency } from '../../../../shared/money.js';
import { Button, Field } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { EMPTY_FILTERS, toQuery, type FilterErrors, type Filters } from './filters.js';
import { messages } from './messages.js';

interface Props {
  applied: Filters;
  onApply(filters: Filters): void;
  agents: readonly StaffIdentity[];
}

export function QueueFilters({ applied, onApply, agents }: Props) {
  const t = useT(messages);
  const [draft, setDraft] = useState<Filters>(applied);
  const [errors, setErrors] = useState<FilterErrors>({});
  useEffect(() => setDraft(applied), [applied]);

  function tryApply(next: Filters) {
    const checked = toQuery(next, t);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length === 0) onApply(next);
  }

  function choose<K extends keyof Filters>(key: K, value: Filters[K]) {
    const next = { ...draft, [key]: value };
    setDraft(next);
    tryApply(next);
  }

  function type<K extends 'merchantId' | 'minAmount' | 'maxAmount' | 'openedFrom' | 'openedTo'>(key: K, value: string) {
    setDraft((d) => ({ ...d, [key]: value }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    tryApply(draft);
  }

  const blur = () => {
    if (JSON.stringify(draft) !== JSON.stringify(applied)) tryApply(draft);
  };

  return (
    <form className="filters dispute-filters" aria-label={t('filters')} onSubmit={submit} data-testid="dispute-filters">
      <Field label={t('filterStatus')}>
        {(id) => (
          <select id={id} value={draft.status} onChange={(e) => choose('status', e.target.value as Filters['status'])} data-testid="dispute-filter-status">
            <option value="open">{t('statusAllOpen')}</option>
            {DISPUTE_STATUSES.filter((s) => s !== 'open').map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('filterReason')}>
        {(id) => (
          <select id={id} value={draft.reason} onChange={(e) => choose('reason', e.target.value as '' | DisputeReason)} data-testid="dispute-filter-reason">
            <option value="">{t('anyReason')}</option>
            {DISPUTE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reason_${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('filterOverdue')}>
        {(id) => (
          <select id={id} value={draft.overdue} onChange={(e) => choose('overdue', e.target.value as Filters['overdue'])} data-testid="dispute-filter-overdue">
            <option value="">{t('overdueAny')}</option>
            <option value="yes">{t('overdueYes')}</option>
            <option value="no">{t('overdueNo')}</option>
          </select>
        )}
      </Field>
      <Field label={t('filterAssignee')}>
        {(id) => (
          <select id={id} value={draft.assignee} onChange={(e) => choose('assignee', e.target.value)} data-testid="dispute-filter-assignee">
            <option value="">{t('assigneeAnyone')}</option>
            <option value="me">{t('assigneeMe')}</option>
            <option value="unassigned">{t('assigneeUnassigned')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('filterMerchant')} error={errors.merchantId}>
        {(id) => (
          <input id={id} value={draft.merchantId} maxLength={64} size={10} onChange={(e) => type('merchantId', e.target.value)} onBlur={blur} aria-invalid={!!errors.merchantId} data-testid="dispute-filter-merchant" />
        )}
      </Field>
      <Field label={t('filterMinAmount')} error={errors.minAmount}>
        {(id) => (
          <input id={id} inputMode="decimal" value={draft.minAmount} size={9} onChange={(e) => type('minAmount', e.target.value)} onBlur={blur} aria-invalid={!!errors.minAmount} data-testid="dispute-filter-min" />
        )}
      </Field>
      <Field label={t('filterMaxAmount')} error={errors.maxAmount}>
        {(id) => (
          <input id={id} inputMode="decimal" value={draft.maxAmount} size={9} onChange={(e) => type('maxAmount', e.target.value)} onBlur={blur} aria-invalid={!!errors.maxAmount} data-testid="dispute-filter-max" />
        )}
      </Field>
      <Field label={t('filterCurrency')}>
        {(id) => (
          <select id={id} value={draft.currency} onChange={(e) => choose('currency', e.target.value as Currency)} data-testid="dispute-filter-currency">
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('filterFrom')} error={errors.openedFrom}>
        {(id) => (
          <input id={id} type="date" min="2000-01-01" max="2199-12-31" value={draft.openedFrom} onChange={(e) => type('openedFrom', e.target.value)} onBlur={blur} aria-invalid={!!errors.openedFrom} data-testid="dispute-filter-from" />
        )}
      </Field>
      <Field label={t('filterTo')} error={errors.openedTo}>
        {(id) => (
          <input id={id} type="date" min="2000-01-01" max="2199-12-31" value={draft.openedTo} onChange={(e) => type('openedTo', e.target.value)} onBlur={blur} aria-invalid={!!errors.openedTo} data-testid="dispute-filter-to" />
        )}
      </Field>
      <div className="field field-check">
        <label>
          <input type="checkbox" checked={draft.proposalsOnly} onChange={(e) => choose('proposalsOnly', e.target.checked)} data-testid="dispute-filter-proposals" /> {t('filterProposals')}
        </label>
      </div>
      <div className="filter-buttons">
        <Button type="submit" variant="primary" data-testid="dispute-filter-apply">
          {t('applyFilters')}
        </Button>
        <Button
          onClick={() => {
            setErrors({});
            onApply(EMPTY_FILTERS);
          }}
          data-testid="dispute-filter-clear"
        >
          {t('clearFilters')}
        </Button>
      </div>
    </form>
  );
}
