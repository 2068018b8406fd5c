/**
 * What the parties sent: the opening claim, their messages and the files attached to them.
 * Each attachment row has a Preview button: the file is loaded through `disputes.attachment`
 * and shown under its message's table (./AttachmentPreview.tsx), one at a time; closing it
 * (button or Escape) puts focus back on the button that opened it.
 */
import { useState } from 'react';
import type { TimelineEntry } from '../../../../shared/api/console.js';
import type { AttachmentRef } from '../../../../shared/escrow/dispute.js';
import { DateTime, Panel } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { AttachmentPreview } from './AttachmentPreview.js';
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

function partyMessages(timeline: readonly TimelineEntry[]): PartyMessage[] {
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

/** Which preview is open: the message (its seq) and the file, as one key. */
const previewKey = (seq: number, sha256: string) => `${seq}:${sha256}`;

export function Evidence({ timeline, disputeId }: { timeline: readonly TimelineEntry[]; disputeId: string }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const [open, setOpen] = useState<string | null>(null);
  const [openers] = useState(() => new Map<string, HTMLButtonElement>());
  const withFiles = partyMessages(timeline).filter((m) => m.attachments.length > 0);

  function close() {
    const key = open;
    setOpen(null);
    if (key) openers.get(key)?.focus();
  }

  return (
    <Panel title={t('evidence')}>
      <div data-testid="evidence">
        {withFiles.length === 0 ? (
          <p className="muted">{t('noEvidence')}</p>
        ) : (
          withFiles.map((m) => {
            const shown = m.attachments.find((a) => previewKey(m.seq, a.sha256) === open);
            return (
              <div key={m.seq} className="attachment-group">
                <div className="table-scroll">
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
                        <th scope="col">{t('attPreview')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.attachments.map((a) => {
                        const key = previewKey(m.seq, a.sha256);
                        return (
                          <tr key={a.sha256} data-testid="attachment" data-sha256={a.sha256}>
                            <td>{a.name}</td>
                            <td>{a.mime}</td>
                            <td className="num">{format.bytes(a.size, language)}</td>
                            <td>
                              <code className="hash">{a.sha256}</code>
                            </td>
                            <td>
                              <button
                                type="button"
                                className="btn btn-secondary btn-small"
                                ref={(button) => {
                                  if (button) openers.set(key, button);
                                  else openers.delete(key);
                                }}
                                aria-label={t('previewOf', { name: a.name })}
                                aria-expanded={open === key}
                                data-testid="preview-attachment"
                                onClick={() => (open === key ? close() : setOpen(key))}
                              >
                                {t('previewButton')}
                              </button>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                {shown && <AttachmentPreview key={open} disputeId={disputeId} attachment={shown} onClose={close} />}
              </div>
            );
          })
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
