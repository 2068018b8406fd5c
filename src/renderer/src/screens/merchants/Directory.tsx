/** Onboarded merchants in id order, with their terms and status; and a merchant opened by id. */
import { useId, useState, type FormEvent } from 'react';
import { Segmented } from '../../components/Segmented.js';
import { Button, DateTime, Empty, ErrorBanner, Loading } from '../../components/ui.js';
import { usePages } from '../../components/usePages.js';
import { useT } from '../../i18n/i18n.js';
import { href, navigate } from '../../router.js';
import { MerchantStatusBadge } from './badges.js';
import { bpsToPercent, tierLabel } from './helpers.js';
import { messages } from './messages.js';
import type { MerchantView } from './types.js';

type Filter = 'all' | 'active' | 'suspended';

const MERCHANT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function OpenById() {
  const t = useT(messages);
  const id = useId();
  const [value, setValue] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    const merchantId = value.trim();
    if (MERCHANT_ID.test(merchantId)) navigate('merchants', merchantId);
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('openById')}>
      <label htmlFor={id}>{t('merchantIdLabel')}</label>
      <input id={id} value={value} onChange={(e) => setValue(e.target.value)} pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}" maxLength={64} data-testid="merchant-open-id" />
      <Button type="submit" disabled={!MERCHANT_ID.test(value.trim())}>
        {t('open')}
      </Button>
    </form>
  );
}

export function Directory() {
  const t = useT(messages);
  const [status, setStatus] = useState<Filter>('all');
  const pages = usePages<MerchantView, 'merchants.list'>('merchants.list', { limit: 50, ...(status === 'all' ? {} : { status }) }, (m) => m.merchantId);
  const options = [
    { value: 'all' as Filter, label: t('statusAll') },
    { value: 'active' as Filter, label: t('merchantStatus_active') },
    { value: 'suspended' as Filter, label: t('merchantStatus_suspended') },
  ];

  return (
    <section aria-labelledby="directory-title">
      <h2 id="directory-title">{t('tabDirectory')}</h2>
      <div className="filters">
        <Segmented label={t('statusFilter')} options={options} value={status} onChange={setStatus} testId="directory-status" />
        <OpenById />
      </div>
      <ErrorBanner error={pages.error} />
      {pages.rows.length === 0 && pages.loading ? (
        <Loading />
      ) : pages.rows.length === 0 ? (
        <Empty>{t('noMerchants')}</Empty>
      ) : (
        <table className="data" data-testid="directory-table">
          <caption className="visually-hidden">{t('directoryTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colMerchant')}</th>
              <th scope="col">{t('colLegalName')}</th>
              <th scope="col">{t('colTier')}</th>
              <th scope="col">{t('colSchedule')}</th>
              <th scope="col" className="num">
                {t('colReserve')}
              </th>
              <th scope="col">{t('colActivated')}</th>
              <th scope="col">{t('colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {pages.rows.map((m) => (
              <tr key={m.merchantId} data-testid="merchant-row" data-merchant-id={m.merchantId}>
                <td>
                  <a href={href('merchants', m.merchantId)}>{m.merchantId}</a>
                </td>
                <td>{m.legalName}</td>
                <td>{tierLabel(m.tier, t)}</td>
                <td>{t(`schedule_${m.payoutSchedule}`)}</td>
                <td className="num">{bpsToPercent(m.reserveBps)} %</td>
                <td>
                  <DateTime at={m.activatedAt} />
                </td>
                <td>
                  <MerchantStatusBadge status={m.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages.next && (
        <Button onClick={pages.loadMore} disabled={pages.loading} data-testid="directory-more">
          {t('loadMore')}
        </Button>
      )}
    </section>
  );
}
