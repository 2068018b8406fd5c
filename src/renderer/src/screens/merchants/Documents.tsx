/** The documents uploaded with the application: name, type, size and content hash. */
import { Empty, Panel } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { documentKind } from './helpers.js';
import { messages } from './messages.js';
import type { ApplicationData } from './types.js';

export function Documents({ documents }: { documents: ApplicationData['documents'] }) {
  const t = useT(messages);
  const { language } = useLanguage();
  return (
    <Panel title={t('documentsTitle')}>
      {documents.length === 0 ? (
        <Empty>{t('noDocuments')}</Empty>
      ) : (
        <table className="data" data-testid="documents">
          <caption className="visually-hidden">{t('documentsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colType')}</th>
              <th scope="col" className="num">
                {t('colSize')}
              </th>
              <th scope="col">{t('colHash')}</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={`${d.name}:${d.sha256}`} data-testid="document-row">
                <td>
                  {d.name}
                  <div className="muted">{documentKind(d.name.toLowerCase().replace(/\.[^.]*$/, ''), t)}</div>
                </td>
                <td>
                  <code>{d.mime}</code>
                </td>
                <td className="num">{format.bytes(d.size, language)}</td>
                <td>
                  <code className="hash">{d.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
