/** One application under review: the applicant, requirements, checks, documents and the decision. */
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import { can } from '../../../../shared/permissions.js';
import { useCall } from '../../api/client.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { DateTime, ErrorBanner, Loading, Money, PageHeader, Panel } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { ApplicationStatusBadge } from './badges.js';
import { DecisionForm } from './DecisionForm.js';
import { Documents } from './Documents.js';
import { FieldChecks } from './FieldChecks.js';
import { fieldLabel, maskAccount } from './helpers.js';
import { MerchantIdLink } from './MerchantIdLink.js';
import { messages } from './messages.js';
import { Requirements } from './Requirements.js';
import type { ApplicationReviewView } from './types.js';
import * as format from '../../format.js';
import { useLanguage } from '../../i18n/i18n.js';

/**
 * The console's clock when the review was read: the name check records when it screened
 * (`screenedAt`). In demo mode that clock is the simulation's, not this machine's.
 */
function consoleNow(review: ApplicationReviewView): number {
  const at = review.checks.find((c) => c.field === 'legalName')?.detail?.screenedAt;
  return typeof at === 'number' ? at : Date.now();
}

export function ApplicationReview({ applicationId, staff }: { applicationId: string; staff: StaffIdentity }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const call = useCall('merchants.application', { applicationId });
  useOnSyncChange(call.reload);
  const review = call.data as ApplicationReviewView | null;

  if (call.loading && !review) return <Loading />;
  if (!review) return <ErrorBanner error={call.error} />;
  const { application: state } = review;
  const a = state.application;
  const now = consoleNow(review);
  const open = state.status === 'submitted' || state.status === 'information_requested';

  return (
    <div className="merchant-review" data-testid="application-review" data-application-id={state.applicationId}>
      <PageHeader title={t('reviewTitle', { id: state.applicationId })} actions={<a href={href('merchants')}>{t('backToPipeline')}</a>}>
        <p className="subtitle">
          {a.legalName} ·{' '}
          <span data-testid="application-status" data-status={state.status}>
            <ApplicationStatusBadge status={state.status} />
          </span>
        </p>
      </PageHeader>
      <ErrorBanner error={call.error} />

      {state.requested && (
        <p className="info-text" data-testid="requested-info">
          {t('requestedOn', { list: state.requested.requirements.map((f) => fieldLabel(f, t)).join(', '), deadline: format.dateTime(state.requested.deadlineAt, language) })}
        </p>
      )}
      {!open && (
        <p className="info-text" data-testid="decided">
          {t('decided', { status: t(`appStatus_${state.status}`) })}{' '}
          {state.decidedBy && state.decidedAt !== null && t('decidedBy', { name: state.decidedBy.name ?? state.decidedBy.id, when: format.dateTime(state.decidedAt, language), decision: state.decision ?? '' })}
        </p>
      )}

      <div className="grid grid-2">
        <Panel title={t('applicant')}>
          <dl className="facts">
            <dt>{t('fieldMerchant')}</dt>
            <dd>
              <MerchantIdLink merchantId={state.merchantId} status={state.status} />
            </dd>
            <dt>{t('fieldLegalName')}</dt>
            <dd>{a.legalName}</dd>
            <dt>{t('fieldEntity')}</dt>
            <dd>{t(`entity_${a.entityType}`)}</dd>
            <dt>{t('fieldSegment')}</dt>
            <dd>{t(`segment_${a.segment}`)}</dd>
            <dt>{t('fieldUscc')}</dt>
            <dd>{a.uscc ? <code>{a.uscc}</code> : t('none')}</dd>
            <dt>{t('fieldLegalRep')}</dt>
            <dd>{a.legalRepresentative}</dd>
            <dt>{t('fieldBank')}</dt>
            <dd>
              {t(`bankKind_${a.bankAccount.kind}`)} <code>{maskAccount(a.bankAccount.kind, a.bankAccount.number)}</code>
            </dd>
            <dt>{t('fieldCategory')}</dt>
            <dd>{a.category}</dd>
            <dt>{t('fieldVolume')}</dt>
            <dd>
              <Money amount={a.expectedMonthlyVolume} currency={a.currency} />
            </dd>
            <dt>{t('fieldReceived')}</dt>
            <dd>
              <DateTime at={state.receivedAt} />
            </dd>
          </dl>
        </Panel>
        <Requirements requirements={review.requirements} now={now} />
      </div>
      <FieldChecks checks={review.checks} />
      <Documents documents={a.documents} />
      {open && can(staff.role, 'merchants.review') && <DecisionForm review={review} now={now} />}
    </div>
  );
}
