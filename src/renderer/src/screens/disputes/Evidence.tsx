/**
 * What the parties sent: the opening claim, their messages and the files attached to them.
 * Attachments are references (name, type, size, SHA-256): the console stores no file bytes, so
 * there is nothing to preview here; the hash lets staff check the marketplace's copy.
 */
import type { TimelineEntry } from '../../../../shared/api/console.js';
import type { AttachmentRef } from '../../../../shared/escrow/dispute.js';
import { DateTime, Panel } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

interface PartyMessage {
  seq: number;
  at: number;
  from: 'buyer' | 'merchant';
  text: string;
  trackingNo?: string;
  attachments: AttachmentRef[];
  opening: boolean;
}

export function partyMessages(timeline: readonly TimelineEntry[]): PartyMessage[] {
  const out: PartyMessage[] = [];
  for (const e of timeline) {
    const d = (e.data ?? {}) as Record<string, unknown>;
    if (e.type === 'dispute.opened' && typeof d.message === 'string' && d.message) {
      out.push({ seq: e.seq, at: e.at, from: 'buyer', text: d.message, attachments: [], opening: true });
    } else if (e.type === 'dispute.message_added') {
      out.push({
        seq: e.seq,
        at: e.at,
        from: d.from === 'merchant' ? 'merchant' : 'buyer',
        text: typeof d.text === 'string' ? d.text : '',
        ...(typeof d.trackingNo === 'string' ? { trackingNo: d.trackingNo } : {}),
        attachments: Array.isArray(d.attachments) ? (d.attachments as AttachmentRef[]) : [],
        opening: false,
      });
    }
  }
  return out;
}

function size(bytes: number, language: 'en' | 'zh-CN'): string {
  if (bytes < 1024) return new Intl.NumberFormat(language, { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(bytes);
  const unit = bytes < 1024 * 1024 ? 'kilobyte' : 'megabyte';
  const value = unit === 'kilobyte' ? bytes / 1024 : bytes / (1024 * 1024);
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

export function Evidence({ timeline }: { timeline: readonly TimelineEntry[] }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const withFiles = partyMessages(timeline).filter((m) => m.attachments.length > 0);
  return (
    <Panel title={t('evidence')}>
      <div data-testid="evidence">
        {withFiles.length === 0 ? (
          <p className="muted">{t('noEvidence')}</p>
        ) : (
          <>
            <p className="notice" data-testid="preview-unavailable">
              ⓘ {t('previewUnavailable')}
            </p>
            {withFiles.map((m) => (
              <div className="table-scroll" key={m.seq}>
                <table className="data" data-testid="attachments">
                  <caption>{t('attachmentsOf', { from: t(`from_${m.from}`), when: format.dateTime(m.at, language) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('attName')}</th>
                      <th scope="col">{t('attType')}</th>
                      <th scope="col" className="num">
                        {t('attSize')}
                      </th>
                      <th scope="col">{t('attHash')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.attachments.map((a) => (
                      <tr key={a.sha256} data-testid="attachment">
                        <td>{a.name}</td>
                        <td>{a.mime}</td>
                        <td className="num">{size(a.size, language)}</td>
                        <td>
                          <code className="hash">{a.sha256}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </>
        )}
      </div>
    </Panel>
  );
}

export function PartyMessages({ timeline }: { timeline: readonly TimelineEntry[] }) {
  const t = useT(messages);
  const list = partyMessages(timeline);
  return (
    <Panel title={t('messages')}>
      {list.length === 0 ? (
        <p className="muted">{t('noMessages')}</p>
      ) : (
        <ul className="messages" data-testid="party-messages">
          {list.map((m) => (
            <li key={m.seq} className={`message message-${m.from}`}>
              <div className="message-meta">
                <strong>{t(`from_${m.from}`)}</strong>
                {m.opening && <span> · {t('openingClaim')}</span>} · <DateTime at={m.at} />
                {m.trackingNo && <span> · {t('tracking', { no: m.trackingNo })}</span>}
              </div>
              <p className="message-text">{m.text}</p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
