/** The reconciled days, newest first: how much of each is still open, and whether it is closed. */
import { useState } from 'react';
import type { DaySummary } from '../../../../shared/api/views.js';
import type { ReconKind } from '../../../../shared/escrow/recon.js';
import { ok } from '../../../../shared/result.js';
import { useApi } from '../../api/client.js';
import { Segmented } from '../../components/Segmented.js';
import { Badge, Button, DateTime, Empty, ErrorBanner, Loading, PageHeader } from '../../components/ui.js';
import { useKeysetPages } from '../../components/useKeysetPages.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import * as format from '../../format.js';
import { href } from '../../router.js';
import { messages } from './messages.js';

type Filter = 'all' | ReconKind;
const PAGE = 100;

/** YYYY-MM-DD of the next calendar day. */
function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function splitDayId(dayId: string): { kind: ReconKind; day: string } {
  const [kind, day] = dayId.split('.') as [ReconKind, string];
  return { kind, day };
}

export function DayState({ day }: { day: Pick<DaySummary, 'closed' | 'open' | 'computedAt'> }) {
  const t = useT(messages);
  if (day.closed) return <Badge tone="success">{t('stateClosed')}</Badge>;
  if (day.computedAt === null) return <Badge tone="warning">{t('stateNotMatched')}</Badge>;
  if (day.open === 0) return <Badge tone="info">{t('stateDone')}</Badge>;
  return <Badge tone="warning">{t('stateOpen')}</Badge>;
}

export function ReconDays() {
  const api = useApi();
  const t = useT(messages);
  const { language } = useLanguage();
  const [kind, setKind] = useState<Filter>('all');
  /**
   * `before` excludes a whole date, and a page may end between the two accounts of one date:
   * the next page starts at the day after the last date shown (the pager drops the repeats).
   */
  const pages = useKeysetPages(
    kind,
    async (before) => {
      const result = await api.call('recon.days', { limit: PAGE, ...(kind === 'all' ? {} : { kind }), ...(before ? { before } : {}) });
      if (!result.ok) return result;
      const items = result.value as DaySummary[];
      const last = items[items.length - 1];
      return ok({ items, next: items.length === PAGE && last ? dayAfter(splitDayId(last.dayId).day) : null });
    },
    (d) => d.dayId,
  );
  const days = pages.rows;
  const options = [
    { value: 'all' as Filter, label: t('kind_all') },
    { value: 'trade' as Filter, label: t('kind_trade') },
    { value: 'bank' as Filter, label: t('kind_bank') },
  ];

  return (
    <>
      <PageHeader title={t('daysTitle')} />
      <div className="filters">
        <Segmented label={t('kindFilter')} options={options} value={kind} onChange={setKind} testId="recon-kind" />
      </div>
      <ErrorBanner error={pages.error} />
      {days.length === 0 && pages.loading ? (
        <Loading />
      ) : days.length === 0 ? (
        <Empty>{t('noDays')}</Empty>
      ) : (
        <table className="data" data-testid="recon-days">
          <caption className="visually-hidden">{t('daysTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colDay')}</th>
              <th scope="col">{t('colKind')}</th>
              <th scope="col" className="num">
                {t('colExpected')}
              </th>
              <th scope="col" className="num">
                {t('colLines')}
              </th>
              <th scope="col" className="num">
                {t('colMatched')}
              </th>
              <th scope="col" className="num">
                {t('colExceptions')}
              </th>
              <th scope="col" className="num">
                {t('colOpen')}
              </th>
              <th scope="col">{t('colState')}</th>
              <th scope="col">{t('colComputed')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => {
              const { kind: k, day } = splitDayId(d.dayId);
              // A day of the bank's feed not matched yet: its figures are unknown, not zero.
              const figure = (value: number) => (d.computedAt === null ? '—' : format.count(value, language));
              return (
                <tr key={d.dayId} data-testid="recon-day" data-day-id={d.dayId} data-open={d.open} data-closed={d.closed} data-matched={d.computedAt !== null}>
                  <th scope="row">
                    <a href={href('settlements', 'recon', d.dayId)}>{day}</a>
                  </th>
                  <td>{t(`kind_${k}`)}</td>
                  <td className="num">{figure(d.expected)}</td>
                  <td className="num">{figure(d.lines)}</td>
                  <td className="num">{figure(d.matched)}</td>
                  <td className="num">{figure(d.exceptions)}</td>
                  <td className="num">{figure(d.open)}</td>
                  <td>
                    <DayState day={d} />
                  </td>
                  <td>{d.computedAt === null ? '—' : <DateTime at={d.computedAt} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pages.next && (
        <Button onClick={pages.loadMore} disabled={pages.loading} data-testid="recon-days-more">
          {t('loadMore')}
        </Button>
      )}
    </>
  );
}
