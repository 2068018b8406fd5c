/**
 * A page of audit entries. Staff are named from the directory cached at sync (entries carry
 * ids), actions are worded with their code kept beside them (the code is what the chain
 * seals), and a detail reads as `key: value` pairs, cut short with the whole of it on hover.
 */
import type { AuditEntryView } from '../../../../shared/api/console.js';
import { DateTime } from '../../components/ui.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

/** Characters of a detail shown in the table (the whole detail is in the cell's title). */
const DETAIL_CHARS = 160;

const ROLE_KEYS = ['agent', 'risk', 'onboarding', 'finance', 'admin'] as const;

type Key = keyof (typeof messages)['en'];

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

function isKey(key: string): key is Key {
  return key in messages.en;
}

/** `a: 1 · b: x` for a flat object; JSON for anything nested. */
function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail === 'string') return detail;
  const record = asRecord(detail);
  const flat = record && !Array.isArray(detail) && Object.values(record).every((v) => v === null || typeof v !== 'object');
  return flat ? Object.entries(record).map(([k, v]) => `${k}: ${String(v)}`).join(' · ') : JSON.stringify(detail);
}

export function AuditTable({ entries, staffNames }: { entries: readonly AuditEntryView[]; staffNames: ReadonlyMap<string, string> }) {
  const t = useT(messages);
  const c = useT(common);

  const actorText = (actor: unknown): string => {
    const a = asRecord(actor);
    if (!a) return t('system');
    const role = typeof a.role === 'string' && (ROLE_KEYS as readonly string[]).includes(a.role) ? c(`role_${a.role as (typeof ROLE_KEYS)[number]}`) : null;
    const who = typeof a.name === 'string' ? a.name : typeof a.id === 'string' ? (staffNames.get(a.id) ?? a.id) : t('system');
    return role ? `${who} · ${role}` : who;
  };
  const actionText = (action: string): string | null => {
    const key = `action_${action.replace(/\./g, '_')}`;
    return isKey(key) ? t(key) : null;
  };

  return (
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
            const action = actionText(e.action);
            return (
              <tr key={e.seq} data-testid="audit-row" data-action={e.action}>
                <th scope="row" className="num">
                  {e.seq}
                </th>
                <td className="nowrap">
                  <DateTime at={e.at} />
                </td>
                <td>{actorText(e.actor)}</td>
                <td>
                  {action && <div>{action}</div>}
                  <code className={action ? 'muted' : undefined}>{e.action}</code>
                </td>
                <td>{e.target ? <code>{e.target}</code> : '—'}</td>
                <td className="audit-detail" title={detail.length > DETAIL_CHARS ? detail : undefined}>
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
  );
}
