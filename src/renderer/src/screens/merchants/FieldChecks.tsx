/**
 * The automatic checks, one row per field: USCC check digits, bank card Luhn / IBAN mod-97,
 * name screening (score, threshold and the closest block-list entry), required documents.
 */
import type { ReactNode } from 'react';
import { Panel } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { CheckBadge } from './badges.js';
import { fieldLabel } from './helpers.js';
import { messages } from './messages.js';
import type { FieldCheckView } from './types.js';

/** Page-object names: check-uscc, check-screening, check-bank, check-document-<kind>. */
function checkTestId(field: string): string {
  if (field === 'uscc') return 'check-uscc';
  if (field === 'legalName') return 'check-screening';
  if (field === 'bankAccount.number') return 'check-bank';
  if (field.startsWith('documents.')) return `check-document-${field.slice('documents.'.length)}`;
  return `check-${field}`;
}

function Detail({ check }: { check: FieldCheckView }) {
  const t = useT(messages);
  const d = check.detail ?? {};
  const parts: ReactNode[] = [];
  if (check.field === 'legalName') {
    if (typeof d.score === 'number') parts.push(<span key="score">{t('screeningScore', { score: d.score, threshold: String(d.threshold ?? '—') })}</span>);
    if (typeof d.entryName === 'string') parts.push(<span key="entry">{t('screeningEntry', { name: d.entryName, id: String(d.entryId ?? '—') })}</span>);
    if (typeof d.entriesScreened === 'number') parts.push(<span key="screened">{t('screeningScreened', { count: d.entriesScreened })}</span>);
  }
  if (typeof d.network === 'string') parts.push(<span key="network">{t('network', { network: d.network })}</span>);
  if (typeof d.country === 'string') parts.push(<span key="country">{t('ibanCountry', { country: d.country })}</span>);
  if (Array.isArray(d.errors)) parts.push(<code key="errors">{(d.errors as readonly string[]).join(', ')}</code>);
  return (
    <div className="check-detail">
      <span>{check.message}</span>
      {parts}
    </div>
  );
}

export function FieldChecks({ checks }: { checks: readonly FieldCheckView[] }) {
  const t = useT(messages);
  return (
    <Panel title={t('checksTitle')}>
      <table className="data" data-testid="field-checks">
        <caption className="visually-hidden">{t('checksTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colCheck')}</th>
            <th scope="col">{t('colResult')}</th>
            <th scope="col">{t('colCode')}</th>
            <th scope="col">{t('colDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.field} data-testid={checkTestId(check.field)} data-status={check.status}>
              <th scope="row">
                {fieldLabel(check.field, t)} <code>{check.field}</code>
              </th>
              <td>
                <CheckBadge status={check.status} />
              </td>
              <td>{check.code ? <code>{check.code}</code> : '—'}</td>
              <td>
                <Detail check={check} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
