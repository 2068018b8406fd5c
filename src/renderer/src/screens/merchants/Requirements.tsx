/** The application's requirements, in the model payment platforms expose (see src/core/kyb/requirements.ts). */
import { Badge, DateTime, Panel } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { fieldLabel } from './helpers.js';
import { messages } from './messages.js';
import type { RequirementsView } from './types.js';

const LISTS = ['currently_due', 'past_due', 'pending_verification', 'eventually_due'] as const;

export function Requirements({ requirements, now }: { requirements: RequirementsView; now: number }) {
  const t = useT(messages);
  const overdue = requirements.deadline !== null && requirements.deadline <= now;
  return (
    <Panel title={t('requirementsTitle')}>
      <div data-testid="requirements">
        <p className="requirements-deadline" data-testid="requirements-deadline">
          <strong>{t('reqDeadline')}: </strong>
          {requirements.deadline === null ? (
            // Fields can be due before a reviewer has asked for them (and so set a deadline).
            requirements.currently_due.length > 0 ? t('reqDeadlineNotSet') : t('reqNoDeadline')
          ) : (
            <>
              <DateTime at={requirements.deadline} /> {overdue && <Badge tone="danger">{t('reqOverdue')}</Badge>}
            </>
          )}
        </p>
        <div className="requirements-grid">
          {LISTS.map((list) => (
            <section key={list} aria-labelledby={`req-${list}`} data-testid={`req-${list}`}>
              <h3 id={`req-${list}`}>
                {t(`req_${list}`)} <span className="count">({requirements[list].length})</span>
              </h3>
              {requirements[list].length === 0 ? (
                <p className="muted">{t('none')}</p>
              ) : (
                <ul>
                  {requirements[list].map((field) => (
                    <li key={field}>
                      {fieldLabel(field, t)} <code>{field}</code>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
        <section aria-labelledby="req-errors" data-testid="req-errors">
          <h3 id="req-errors">
            {t('req_errors')} <span className="count">({requirements.errors.length})</span>
          </h3>
          {requirements.errors.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('colField')}</th>
                  <th scope="col">{t('colCode')}</th>
                  <th scope="col">{t('colReason')}</th>
                </tr>
              </thead>
              <tbody>
                {requirements.errors.map((e) => (
                  <tr key={`${e.field}:${e.code}`}>
                    <td>
                      {fieldLabel(e.field, t)} <code>{e.field}</code>
                    </td>
                    <td>
                      <code>{e.code}</code>
                    </td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </Panel>
  );
}
