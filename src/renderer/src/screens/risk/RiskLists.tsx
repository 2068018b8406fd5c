/**
 * Allow and block lists (#/risk/lists): the entries this console has, adding one (with a
 * reason and an optional expiry) and removing one (with a reason, confirmed). Changes are
 * decisions: they show here once the hub accepted them; meanwhile they are listed as pending.
 */
import { useId, useState, type FormEvent } from 'react';
import { LIST_ENTITY_TYPES, RISK_LISTS, type ListEntityType, type RiskList, type RiskListEntryState } from '../../../../shared/escrow/risk.js';
import { newId } from '../../../../shared/ids.js';
import { useCall } from '../../api/client.js';
import { DecisionError } from '../../components/case.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { cstDayStart, LATEST_MS } from '../../components/cst-dates.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { Badge, Button, DateTime, ErrorBanner, Field, Loading, Panel } from '../../components/ui.js';
import { useDecide } from '../../components/useDecide.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

const MAX_TEXT = 200;

interface Queued {
  id: string;
  kind: 'add' | 'remove';
  list: RiskList;
  value: string;
}

export function RiskLists() {
  const t = useT(messages);
  const [list, setList] = useState<'' | RiskList>('');
  const [activeOnly, setActiveOnly] = useState(true);
  const entries = useCall('risk.lists', { ...(list ? { list } : {}), activeOnly });
  const [queued, setQueued] = useState<Queued[]>([]);
  const [removing, setRemoving] = useState<RiskListEntryState | null>(null);
  const listId = useId();
  useOnSyncChange(entries.reload);

  const rows = (entries.data ?? []) as RiskListEntryState[];
  const now = Date.now();
  const shownIds = new Set(rows.map((r) => r.entryId));
  const removedIds = new Set(rows.filter((r) => !r.active).map((r) => r.entryId));
  // A queued change is settled once the entries show it.
  const waiting = queued.filter((q) => (q.kind === 'add' ? !shownIds.has(q.id) : !removedIds.has(q.id) && shownIds.has(q.id)));

  return (
    <div className="risk-lists">
      <p className="muted">{t('listsIntro')}</p>
      <AddEntry onQueued={(q) => setQueued((all) => [...all, q])} />
      {waiting.length > 0 && (
        <section className="pending-sync" aria-label={t('queuedChanges')} data-testid="list-pending">
          <h2>{t('queuedChanges')}</h2>
          <ul>
            {waiting.map((q) => (
              <li key={`${q.kind}:${q.id}`}>
                <Badge tone="warning">⏳ {t('queued')}</Badge> {q.kind === 'add' ? t('queuedAdd', { value: q.value, list: t(`list_${q.list}`) }) : t('queuedRemove', { value: q.value })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Panel title={t('entriesCaption')}>
        <div className="filters" role="group" aria-label={t('filterList')}>
          <div className="field">
            <label htmlFor={listId}>{t('filterList')}</label>
            <select id={listId} value={list} onChange={(e) => setList(e.target.value as '' | RiskList)} data-testid="list-filter">
              <option value="">{t('listAll')}</option>
              {RISK_LISTS.map((l) => (
                <option key={l} value={l}>
                  {t(`list_${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-check">
            <label>
              <input type="checkbox" checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} data-testid="list-active-only" /> {t('activeOnly')}
            </label>
          </div>
          <div className="filter-buttons">
            <Button onClick={entries.reload}>{t('refresh')}</Button>
          </div>
        </div>
        {entries.loading && <Loading />}
        <ErrorBanner error={entries.error} />
        {rows.length === 0 && !entries.loading ? (
          <p className="empty">{t('noEntries')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="list-entries">
              <caption className="visually-hidden">{t('entriesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colList')}</th>
                  <th scope="col">{t('colType')}</th>
                  <th scope="col">{t('colValue')}</th>
                  <th scope="col">{t('colListReason')}</th>
                  <th scope="col">{t('colExpires')}</th>
                  <th scope="col">{t('colAddedBy')}</th>
                  <th scope="col">{t('colAdded')}</th>
                  <th scope="col">{t('colState')}</th>
                  <th scope="col">{t('colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => {
                  const expired = e.active && e.expiresAt !== null && e.expiresAt <= now;
                  const pendingRemoval = waiting.some((q) => q.kind === 'remove' && q.id === e.entryId);
                  return (
                    <tr key={e.entryId} data-testid="list-entry" data-list={e.list} data-entry-id={e.entryId}>
                      <td>
                        <Badge tone={e.list === 'block' ? 'danger' : 'success'}>{t(`list_${e.list}`)}</Badge>
                      </td>
                      <td>{t(`type_${e.entityType}`)}</td>
                      <th scope="row" className="cell-value">
                        {e.value}
                      </th>
                      <td>{e.reason}</td>
                      <td>{e.expiresAt === null ? t('never') : <DateTime at={e.expiresAt} />}</td>
                      <td>{e.addedBy.name ?? e.addedBy.id}</td>
                      <td>
                        <DateTime at={e.addedAt} />
                      </td>
                      <td>{!e.active ? t('removed') : expired ? t('expired') : t('active')}</td>
                      <td>
                        {e.active &&
                          (pendingRemoval ? (
                            <Badge tone="warning">⏳ {t('queued')}</Badge>
                          ) : (
                            <Button className="btn-small" variant="danger" onClick={() => setRemoving(e)} aria-label={`${t('remove')}: ${e.value}`} data-testid="list-remove">
                              {t('remove')}
                            </Button>
                          ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {removing && (
        <RemoveEntry
          entry={removing}
          onClose={() => setRemoving(null)}
          onQueued={() => {
            setQueued((all) => [...all, { id: removing.entryId, kind: 'remove', list: removing.list, value: removing.value }]);
            setRemoving(null);
          }}
        />
      )}
    </div>
  );
}

function AddEntry({ onQueued }: { onQueued(q: Queued): void }) {
  const t = useT(messages);
  const { decide, busy, error } = useDecide('risk.decide');
  const [list, setList] = useState<RiskList>('block');
  const [entityType, setEntityType] = useState<ListEntityType>('buyer');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<{ value?: string; reason?: string; expires?: string }>({});
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const v = value.trim();
    const r = reason.trim();
    const errs: typeof errors = {};
    if (!v) errs.value = t('valueRequired');
    else if (v.length > MAX_TEXT) errs.value = t('tooLong');
    if (!r) errs.reason = t('reasonRequired');
    else if (r.length > MAX_TEXT) errs.reason = t('tooLong');
    let expiresAt: number | null = null;
    if (expires) {
      expiresAt = cstDayStart(expires);
      if (expiresAt === null || expiresAt > LATEST_MS) errs.expires = t('dateInvalid');
      else if (expiresAt <= Date.now()) errs.expires = t('expiresPast');
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    const entryId = newId();
    const outcome = await decide({ type: 'risk.list_add', entryId, data: { list, entityType, value: v, reason: r, expiresAt } });
    if (outcome.ok) {
      onQueued({ id: entryId, kind: 'add', list, value: v });
      setValue('');
      setReason('');
      setExpires('');
      setDone(true);
    }
  }

  return (
    <Panel title={t('addTitle')}>
      <form className="filters list-add" onSubmit={submit} data-testid="list-add-form" noValidate>
        <Field label={t('filterList')}>
          {(id) => (
            <select id={id} value={list} onChange={(e) => setList(e.target.value as RiskList)} data-testid="list-add-list">
              {RISK_LISTS.map((l) => (
                <option key={l} value={l}>
                  {t(`list_${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('entityType')}>
          {(id) => (
            <select id={id} value={entityType} onChange={(e) => setEntityType(e.target.value as ListEntityType)} data-testid="list-add-type">
              {LIST_ENTITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`type_${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('value')} error={errors.value}>
          {(id) => <input id={id} value={value} maxLength={MAX_TEXT} onChange={(e) => setValue(e.target.value)} aria-invalid={!!errors.value} data-testid="list-add-value" />}
        </Field>
        <Field label={t('reason')} error={errors.reason}>
          {(id) => <input id={id} value={reason} maxLength={MAX_TEXT} onChange={(e) => setReason(e.target.value)} aria-invalid={!!errors.reason} data-testid="list-add-reason" />}
        </Field>
        <Field label={t('expires')} hint={t('expiresHint')} error={errors.expires}>
          {(id) => <input id={id} type="date" min="2000-01-01" max="2199-12-31" value={expires} onChange={(e) => setExpires(e.target.value)} aria-invalid={!!errors.expires} data-testid="list-add-expires" />}
        </Field>
        <div className="filter-buttons">
          <Button type="submit" variant="primary" disabled={busy} data-testid="list-add-submit">
            {t('add')}
          </Button>
        </div>
      </form>
      <DecisionError error={error} />
      <div role="status" aria-live="polite">
        {done && <p className="notice">⏳ {t('listQueued')}</p>}
      </div>
    </Panel>
  );
}

function RemoveEntry({ entry, onClose, onQueued }: { entry: RiskListEntryState; onClose(): void; onQueued(): void }) {
  const t = useT(messages);
  const { decide, busy, error } = useDecide('risk.decide');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function confirm() {
    const r = reason.trim();
    if (!r) return setProblem(t('reasonRequired'));
    if (r.length > MAX_TEXT) return setProblem(t('tooLong'));
    const outcome = await decide({ type: 'risk.list_remove', entryId: entry.entryId, data: { reason: r } });
    if (outcome.ok) onQueued();
  }

  return (
    <ConfirmDialog title={t('removeTitle')} confirmLabel={t('remove')} cancelLabel={t('cancel')} busy={busy} onCancel={onClose} onConfirm={() => void confirm()} testId="list-remove-dialog">
      <p>{t('removeBody', { list: t(`list_${entry.list}`), type: t(`type_${entry.entityType}`), value: entry.value })}</p>
      <Field label={t('removeReason')} error={problem}>
        {(id) => (
          <input
            id={id}
            value={reason}
            maxLength={MAX_TEXT}
            aria-invalid={!!problem}
            onChange={(e) => {
              setReason(e.target.value);
              setProblem(null);
            }}
            data-testid="list-remove-reason"
          />
        )}
      </Field>
      <DecisionError error={error} />
    </ConfirmDialog>
  );
}
