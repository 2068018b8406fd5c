/** The onboarding pipeline: applications by status, oldest first (the order they are worked in). */
import { useState } from 'react';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../../shared/escrow/merchant.js';
import { Segmented } from '../../components/Segmented.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { Button, DateTime, Empty, ErrorBanner, Loading, Money } from '../../components/ui.js';
import { usePages } from '../../components/usePages.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { ApplicationStatusBadge, CheckBadge } from './badges.js';
import { fieldLabel } from './helpers.js';
import { MerchantIdLink } from './MerchantIdLink.js';
import { messages } from './messages.js';
import type { PipelineApplicationView } from './types.js';
import './merchants.css';

type Filter = ApplicationStatus | 'all';

/** Which automatic checks did not pass, so a reviewer sees the applications needing a closer look. */
function CheckSummary({ attention }: { attention: PipelineApplicationView['attention'] }) {
  const t = useT(messages);
  if (attention.length === 0) return <CheckBadge status="ok" label={t('allChecksPassed')} />;
  return (
    <ul className="check-summary">
      {attention.map((check) => (
        <li key={check.field} data-field={check.field} data-status={check.status}>
          <CheckBadge status={check.status} /> {fieldLabel(check.field, t)} {check.code && <code>{check.code}</code>}
        </li>
      ))}
    </ul>
  );
}

export function Pipeline() {
  const t = useT(messages);
  const [status, setStatus] = useState<Filter>('submitted');
  const pages = usePages<PipelineApplicationView, 'merchants.pipeline'>('merchants.pipeline', { limit: 50, ...(status === 'all' ? {} : { status }) }, (a) => a.applicationId);
  // Decisions queued here move applications between statuses once the hub accepts them.
  useOnSyncChange(pages.reload);
  const options = [...APPLICATION_STATUSES.map((s) => ({ value: s as Filter, label: t(`appStatus_${s}`) })), { value: 'all' as Filter, label: t('statusAll') }];

  return (
    <section aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">{t('tabPipeline')}</h2>
      <div className="filters">
        <Segmented label={t('statusFilter')} options={options} value={status} onChange={setStatus} testId="pipeline-status" />
      </div>
      <ErrorBanner error={pages.error} />
      {pages.rows.length === 0 && pages.loading ? (
        <Loading />
      ) : pages.rows.length === 0 ? (
        <Empty>{t('noApplications')}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="pipeline-table">
            <caption className="visually-hidden">{t('pipelineTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colApplication')}</th>
                <th scope="col">{t('colMerchant')}</th>
                <th scope="col">{t('colLegalName')}</th>
                <th scope="col">{t('colEntity')}</th>
                <th scope="col">{t('colCategory')}</th>
                <th scope="col" className="num">
                  {t('colVolume')}
                </th>
                <th scope="col">{t('colReceived')}</th>
                <th scope="col">{t('colChecks')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colDeadline')}</th>
              </tr>
            </thead>
            <tbody>
              {pages.rows.map((a) => (
                <tr key={a.applicationId} data-testid="application-row" data-application-id={a.applicationId} data-status={a.status}>
                  <td className="nowrap">
                    <a href={href('merchants', 'applications', a.applicationId)}>{a.applicationId}</a>
                  </td>
                  <td className="nowrap">
                    <MerchantIdLink merchantId={a.merchantId} status={a.status} />
                  </td>
                  <td className="legal-name">{a.application.legalName}</td>
                  <td>{t(`entity_${a.application.entityType}`)}</td>
                  <td>{a.application.category}</td>
                  <td className="num">
                    <Money amount={a.application.expectedMonthlyVolume} currency={a.application.currency} />
                  </td>
                  <td className="nowrap">
                    <DateTime at={a.receivedAt} />
                  </td>
                  <td data-testid="application-checks">
                    <CheckSummary attention={a.attention} />
                  </td>
                  <td>
                    <ApplicationStatusBadge status={a.status} />
                  </td>
                  <td>{a.requested ? <DateTime at={a.requested.deadlineAt} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.next && (
        <Button onClick={pages.loadMore} disabled={pages.loading} data-testid="pipeline-more">
          {t('loadMore')}
        </Button>
      )}
    </section>
  );
}
