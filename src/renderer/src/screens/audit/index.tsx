/**
 * The audit log: this console's hash-chained record of staff actions, a page at a time
 * (by sequence number, oldest first; "Newest" jumps to the head), and "Verify chain", which
 * walks the whole chain in the main process and names each problem by sequence number.
 */
import { useState } from 'react';
import type { Failure } from '../../../../shared/result.js';
import { useApi, useCall } from '../../api/client.js';
import type { ScreenProps } from '../../app/screens.js';
import { Button, Empty, ErrorBanner, Loading, PageHeader, Panel } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { AuditTable } from './AuditTable.js';
import { messages } from './messages.js';
import './audit.css';

const PAGE = 50;

type VerifyResult = { ok: boolean; length: number; violations: string[] };

export function AuditScreen(_props: ScreenProps) {
  const api = useApi();
  const t = useT(messages);
  const { language } = useLanguage();
  const [after, setAfter] = useState(0);
  const page = useCall('audit.list', { after, limit: PAGE });
  // Entries name staff by id; the directory cached at sync gives their names.
  const directory = useCall('staff.directory', {});
  const staffNames = new Map((directory.data ?? []).map((s) => [s.id, s.name]));
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
            <div className="notice notice-success">✓ {result.length === 1 ? t('verifiedOkOne') : t('verifiedOk', { length: format.count(result.length, language) })}</div>
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
          <AuditTable entries={entries} staffNames={staffNames} />
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
