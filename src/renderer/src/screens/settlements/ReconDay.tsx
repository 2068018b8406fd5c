/**
 * One reconciliation day: its exceptions grouped by category with a resolution per exception,
 * matching again, closing (only when nothing is open), reopening with a reason, and the CSV
 * export (downloaded as a file; the window stays where it is).
 */
import { useState, type ReactNode } from 'react';
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import type { DayView, ExceptionView, RematchResult } from '../../../../shared/api/views.js';
import { EXCEPTION_CATEGORIES, type ExceptionCategory, type ReconCommand } from '../../../../shared/escrow/recon.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi, useCall } from '../../api/client.js';
import { downloadText } from '../../components/download.js';
import { Notice } from '../../components/Notice.js';
import { ReasonForm } from '../../components/ReasonForm.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { Button, Empty, ErrorBanner, Loading, PageHeader, Panel, Stat } from '../../components/ui.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import * as format from '../../format.js';
import { href } from '../../router.js';
import { ExceptionRow } from './ExceptionRow.js';
import { messages } from './messages.js';
import { DayState, splitDayId } from './ReconDays.js';
import { isOpen } from './resolutions.js';

function CategoryTable({ category, exceptions, children }: { category: ExceptionCategory; exceptions: readonly ExceptionView[]; children: ReactNode }) {
  const t = useT(messages);
  return (
    <section className="exception-group" aria-labelledby={`cat-${category}`} data-testid="exception-group" data-category={category}>
      <h2 id={`cat-${category}`}>
        {t(`category_${category}`)} <span className="count">({exceptions.length})</span>
      </h2>
      <table className="data">
        <caption className="visually-hidden">{t('exceptionsTable', { category: t(`category_${category}`), count: exceptions.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colReference')}</th>
            <th scope="col" className="num">
              {t('colExpectedAmount')}
            </th>
            <th scope="col" className="num">
              {t('colStatementAmount')}
            </th>
            <th scope="col" className="num">
              {t('colDifference')}
            </th>
            <th scope="col">{t('colDetail')}</th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col">{t('colResolution')}</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

export function ReconDay({ dayId, staff }: { dayId: string; staff: StaffIdentity }) {
  const api = useApi();
  const t = useT(messages);
  const { language } = useLanguage();
  const call = useCall('recon.day', { dayId });
  useOnSyncChange(call.reload);
  const view = call.data as DayView | null;
  const [error, setError] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reopening, setReopening] = useState(false);
  const [busy, setBusy] = useState(false);
  const { kind, day } = splitDayId(dayId);

  async function decide(command: ReconCommand): Promise<boolean> {
    setError(null);
    setNotice(null);
    const result = await api.call('recon.decide', { command });
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setNotice(t('queued'));
    call.reload();
    return true;
  }

  async function rematch() {
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await api.call('recon.reconcile', { dayId });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const r = result.value as RematchResult;
    setNotice(t('rematched', { matched: format.count(r.matched, language), exceptions: format.count(r.exceptions, language) }));
    call.reload();
  }

  async function exportCsv() {
    setError(null);
    const result = await api.call('recon.export', { dayId });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    downloadText(result.value.fileName, result.value.csv);
    setNotice(t('exported', { file: result.value.fileName }));
  }

  if (call.loading && !view) return <Loading />;
  if (!view) return <ErrorBanner error={call.error} />;

  const open = view.exceptions.filter(isOpen);
  const proposed = view.exceptions.filter((e) => e.resolution?.status === 'proposed').length;
  const everMatched = view.matchedAt !== null;
  const canClose = everMatched && !view.closed && open.length === 0;
  const groups = EXCEPTION_CATEGORIES.map((category) => ({ category, exceptions: view.exceptions.filter((e) => e.category === category) })).filter((g) => g.exceptions.length > 0);

  return (
    <div data-testid="recon-day-view" data-day-id={dayId} data-closed={view.closed}>
      <PageHeader
        title={t('dayTitle', { day, kind: t(`kind_${kind}`) })}
        actions={
          <>
            <Button variant={everMatched ? 'secondary' : 'primary'} onClick={() => void rematch()} disabled={busy || view.closed} data-testid="day-rematch">
              {everMatched ? t('rematch') : t('match')}
            </Button>
            <Button onClick={() => void exportCsv()} data-testid="export-csv">
              {t('exportCsv')}
            </Button>
            {view.closed ? (
              <Button onClick={() => setReopening(true)} disabled={reopening} data-testid="day-reopen">
                {t('reopen')}
              </Button>
            ) : (
              <Button
                variant="primary"
                disabled={!canClose}
                aria-describedby={canClose ? undefined : 'close-hint'}
                onClick={() => void decide({ type: 'recon.close', dayId, data: { exceptionKeys: view.exceptions.map((e) => e.key), matched: view.matched } })}
                data-testid="day-close"
              >
                {t('closeDay')}
              </Button>
            )}
          </>
        }
      >
        <p className="subtitle">
          <a href={href('settlements', 'recon')}>{t('backToDays')}</a> · <DayState day={{ closed: view.closed, open: open.length, computedAt: view.matchedAt }} />
        </p>
      </PageHeader>
      {!view.closed && !canClose && (
        <p id="close-hint" className="muted">
          {everMatched ? t('closeDisabled') : t('notMatched')}
        </p>
      )}
      {view.closed && <p className="info-text">{t('dayClosedNote')}</p>}
      {reopening && (
        <Panel>
          <ReasonForm
            labels={{ reason: t('reopenReason'), submit: t('confirmReopen'), cancel: t('back'), required: t('reasonRequired') }}
            onSubmit={async (reason) => {
              if (await decide({ type: 'recon.reopen', dayId, data: { reason } })) setReopening(false);
            }}
            onCancel={() => setReopening(false)}
            testId="day-reopen-form"
          />
        </Panel>
      )}
      <ErrorBanner error={error ?? call.error} />
      {notice && <Notice testId="recon-notice">{notice}</Notice>}

      <div className="grid grid-4">
        <Stat label={t('statMatched')} value={format.count(view.matched, language)} />
        <Stat label={t('statExceptions')} value={format.count(view.exceptions.length, language)} />
        <Stat label={t('statOpen')} value={<span data-testid="day-open-count">{format.count(open.length, language)}</span>} tone={open.length > 0 ? 'warning' : undefined} />
        <Stat label={t('statProposed')} value={format.count(proposed, language)} />
      </div>

      {groups.length === 0 ? (
        everMatched && <Empty>{t('noExceptions')}</Empty>
      ) : (
        groups.map((g) => (
          <CategoryTable key={g.category} category={g.category} exceptions={g.exceptions}>
            {g.exceptions.map((e) => (
              <ExceptionRow key={e.key} exception={e} dayId={dayId} closed={view.closed} staffId={staff.id} onDecide={decide} />
            ))}
          </CategoryTable>
        ))
      )}
    </div>
  );
}
