/** What an import did: lines read, imported, already present, matched, and exceptions by category. */
import type { ImportResult } from '../../../../shared/api/views.js';
import { EXCEPTION_CATEGORIES } from '../../../../shared/escrow/recon.js';
import { Panel, Stat } from '../../components/ui.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import * as format from '../../format.js';
import { href } from '../../router.js';
import { messages } from './messages.js';

export function ImportSummary({ result }: { result: ImportResult }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const n = (value: number) => format.count(value, language);
  return (
    <Panel title={t('summaryTitle')}>
      <div data-testid="import-summary">
        <dl className="facts">
          <dt>{t('sumFile')}</dt>
          <dd data-testid="summary-file">{result.file}</dd>
          <dt>{t('sumFormat')}</dt>
          <dd>{t(`format_${result.format}`)}</dd>
          <dt>{t('sumAccount')}</dt>
          <dd>
            <code>{result.account}</code>
          </dd>
        </dl>
        <div className="grid grid-4">
          <Stat label={t('sumLinesRead')} value={<span data-testid="summary-lines-read">{n(result.lines_read)}</span>} />
          <Stat label={t('sumImported')} value={<span data-testid="summary-imported">{n(result.imported)}</span>} />
          <Stat label={t('sumAlreadyPresent')} value={<span data-testid="summary-already-present">{n(result.already_present)}</span>} />
          <Stat label={t('sumMatched')} value={<span data-testid="summary-matched">{n(result.matched)}</span>} />
        </div>
        <table className="data" data-testid="summary-exceptions">
          <caption>{t('exceptionsByCategory')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colCategory')}</th>
              <th scope="col" className="num">
                {t('colCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {EXCEPTION_CATEGORIES.map((c) => (
              <tr key={c} data-category={c}>
                <th scope="row">{t(`category_${c}`)}</th>
                <td className="num">{n(result.exceptions[c] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.days.length > 0 && (
          <p>
            {t('sumDays')}:{' '}
            {result.days.map((day, i) => (
              <span key={day}>
                {i > 0 && ', '}
                <a href={href('settlements', 'recon', `${result.kind}.${day}`)}>{day}</a>
              </span>
            ))}
          </p>
        )}
        {result.closed_days.length > 0 && (
          <p className="warning-text">
            {t('sumClosedDays')}: {result.closed_days.join(', ')}
          </p>
        )}
      </div>
    </Panel>
  );
}
