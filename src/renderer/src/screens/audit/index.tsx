/**
 * The audit log: this console's hash-chained record of staff actions, a page at a time
 * (by sequence number, oldest first; "Newest" jumps to the head), and "Verify chain", which
 * walks the whole chain in the main process and names each problem by sequence number.
 */
import { useState } from 'react';
import type { Failure } from '../../../../shared/result.js';
import { useApi, useCall } from '../../api/client.js';
import type { ScreenProps } from '../../app/screens.js';
import { Button, DateTime, Empty, ErrorBanner, Loading, PageHeader, Panel } from '../../components/ui.js';
import { common } from '../../i18n/common.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';
import './audit.css';

const PAGE = 50;
/** Characters of a detail shown in the table (the whole detail is in the cell's title). */
const DETAIL_CHARS = 160;

type VerifyResult = { ok: boolean; length: number; violations: string[] };

const ROLE_KEYS = ['agent', 'risk', 'onboarding', 'finance', 'admin'] as const;

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

export function AuditScreen(_props: ScreenProps) {
  const api = useApi();
  const t = useT(messages);
  const c = useT(common);
  const { language } = useLanguage();
  const [after, setAfter] = useState(0);
  const page = useCall('audit.list', { after, limit: PAGE });
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<Failure | null>(null);

  const entries = page.data?.entries ?? [];
  const head = page.data?.head ?? null;
  const total = head?.seq ?? 0;
  const lastSeq = entries.length > 0 ? entries[entries.length - 1].seq : after;

  async function verify() {
    setVerifying(true);
    setError(null);
    setResult(null);
    const answer = await api.call('audit.verify', {});
    setVerifying(false);
    if (answer.ok) setResult(answer.value);
    else setError(answer.error);
  }

  const actorText = (actor: unknown): string => {
    const a = asRecord(actor);
    if (!a) return t('system');
    const role = typeof a.role === 'string' && (ROLE_KEYS as readonly string[]).includes(a.role) ? c(`role_${a.role as (typeof ROLE_KEYS)[number]}`) : null;
    const who = typeof a.name === 'string' ? a.name : typeof a.id === 'string' ? a.id : t('system');
    return role ? `${who} · ${role}` : who;
  };
  const detailText = (detail: unknown): string => {
    if (detail === null || detail === undefined) return '';
    return typeof detail === 'string' ? detail : JSON.stringify(detail);
  };

  return (
    <div className="audit-screen" data-testid="audit">
      <PageHeader
        title={t('title')}
        actions={
          <Button variant="primary" onClick={() => void verify()} disabled={verifying} aria-busy={verifying} data-testid="audit-verify">
            {verifying ? t('verifying') : t('verify')}
          </Button>
        }
      >
        <p className="subtitle">{t('subtitle')}</p>
      </PageHeader>
      <ErrorBanner error={error ?? page.error} />

      <div role="status" aria-live="polite" data-testid="audit-result" data-ok={result ? String(result.ok) : undefined}>
        {result &&
          (result.ok ? (
            <div className="notice notice-success">✓ {t('verifiedOk', { length: format.count(result.length, language) })}</div>
          ) : (
            <div className="error-banner">
              <strong>✕ {t('verifiedBroken', { count: format.count(result.violations.length, language), length: format.count(result.length, language) })}</strong>
              <ul data-testid="audit-violations">
                {result.violations.map((v) => (
                  <li key={v}>
                    <code>{v}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </div>

      <Panel title={t('entries')}>
        {head && (
          <p className="muted" data-testid="audit-head">
            {t('head', { seq: head.seq, hash: head.hash.slice(0, 16) })}
          </p>
        )}
        {page.loading && <Loading />}
        {!page.loading && entries.length === 0 ? (
          <Empty>{t('empty')}</Empty>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="audit-entries">
              <caption className="visually-hidden">{t('entries')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('colSeq')}
                  </th>
                  <th scope="col">{t('colAt')}</th>
                  <th scope="col">{t('colActor')}</th>
                  <th scope="col">{t('colAction')}</th>
                  <th scope="col">{t('colTarget')}</th>
                  <th scope="col">{t('colDetail')}</th>
                  <th scope="col">{t('colHash')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => {
                  const detail = detailText(e.detail);
                  return (
                    <tr key={e.seq} data-testid="audit-row" data-action={e.action}>
                      <th scope="row" className="num">
                        {e.seq}
                      </th>
                      <td>
                        <DateTime at={e.at} />
                      </td>
                      <td>{actorText(e.actor)}</td>
                      <td>
                        <code>{e.action}</code>
                      </td>
                      <td>{e.target ? <code>{e.target}</code> : '—'}</td>
                      <td title={detail.length > DETAIL_CHARS ? detail : undefined}>
                        <code>{detail.length > DETAIL_CHARS ? `${detail.slice(0, DETAIL_CHARS)}…` : detail}</code>
                      </td>
                      <td>
                        <code title={e.hash}>{e.hash.slice(0, 12)}</code>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label={t('pages')}>
          {entries.length > 0 && (
            <span className="muted" data-testid="audit-showing">
              {t('showing', { from: entries[0].seq, to: lastSeq, total })}
            </span>
          )}
          <Button onClick={() => setAfter(0)} disabled={after === 0} data-testid="audit-first">
            {t('first')}
          </Button>
          <Button onClick={() => setAfter(Math.max(0, after - PAGE))} disabled={after === 0} data-testid="audit-previous">
            {t('previous')}
          </Button>
          <Button onClick={() => setAfter(lastSeq)} disabled={lastSeq >= total} data-testid="audit-next">
            {t('next')}
          </Button>
          <Button onClick={() => setAfter(Math.max(0, total - PAGE))} disabled={lastSeq >= total} data-testid="audit-latest">
            {t('latest')}
          </Button>
        </nav>
      </Panel>
    </div>
  );
}
