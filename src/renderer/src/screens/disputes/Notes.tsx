/** Internal notes (staff only): the ones the hub accepted, and a form to add one. */
import { useState, type FormEvent } from 'react';
import type { TimelineEntry } from '../../../../shared/api/console.js';
import { actorLabel, DecisionError } from '../../components/case.js';
import { caseMessages } from '../../components/case-messages.js';
import { Button, DateTime, Field, Panel } from '../../components/ui.js';
import { useDecide } from '../../components/useDecide.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

const MAX_NOTE = 4000;

export function Notes({ disputeId, timeline, canAdd, onQueued }: { disputeId: string; timeline: readonly TimelineEntry[]; canAdd: boolean; onQueued(): void }) {
  const t = useT(messages);
  const tc = useT(caseMessages);
  const c = useT(common);
  const { decide, busy, error } = useDecide('disputes.decide');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const notes = timeline.filter((e) => e.type === 'dispute.note_added');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const note = text.trim();
    if (!note) return setProblem(t('noteEmpty'));
    if (note.length > MAX_NOTE) return setProblem(t('noteTooLong', { max: MAX_NOTE }));
    setProblem(null);
    const outcome = await decide({ type: 'dispute.add_note', disputeId, data: { text: note } });
    if (outcome.ok) {
      setText('');
      setDone(true);
      onQueued();
    }
  }

  return (
    <Panel title={t('notes')}>
      {notes.length === 0 ? (
        <p className="muted">{t('noNotes')}</p>
      ) : (
        <ul className="notes" data-testid="notes">
          {notes.map((n) => (
            <li key={n.seq}>
              <p className="message-text">{String((n.data as { text?: unknown }).text ?? '')}</p>
              <small className="muted">
                {actorLabel(n.actor, tc, c)} · <DateTime at={n.at} />
              </small>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <form onSubmit={submit} className="note-form" data-testid="note-form">
          <Field label={t('noteLabel')} error={problem}>
            {(id) => <textarea id={id} rows={3} value={text} maxLength={MAX_NOTE} onChange={(e) => setText(e.target.value)} aria-invalid={!!problem} data-testid="note-text" />}
          </Field>
          <Button type="submit" disabled={busy} data-testid="add-note">
            {t('addNote')}
          </Button>
          <DecisionError error={error} />
          <div role="status" aria-live="polite">
            {done && <span className="notice-inline">⏳ {t('queued')}</span>}
          </div>
        </form>
      )}
    </Panel>
  );
}
