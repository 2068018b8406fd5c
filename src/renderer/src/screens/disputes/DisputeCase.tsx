/**
 * One dispute (#/disputes/<id>): the case and its order, a pending four-eyes proposal, the
 * decision form and case actions (agents), approval (finance), the parties' messages and
 * evidence, internal notes, the timeline and the order's ledger movements. Decisions queued on
 * this console show as "pending sync" until the hub answers; the view reloads when sync moves.
 */
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import { OPEN_DISPUTE_STATUSES } from '../../../../shared/escrow/dispute.js';
import { DISPUTE_REASONS } from '../../../../shared/escrow/order.js';
import { CaseHistory, CaseUnavailable, PendingDecisions, PendingSyncBadge } from '../../components/case.js';
import type { DisputeDetail } from '../../../../shared/api/views.js';
import { Badge, Button, DateTime, ErrorBanner, Loading, Money, PageHeader, Panel } from '../../components/ui.js';
import { useCaseView } from '../../components/useCaseView.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { CaseActions } from './CaseActions.js';
import { DecisionForm } from './DecisionForm.js';
import { Evidence, PartyMessages } from './Evidence.js';
import { messages } from './messages.js';
import { Notes } from './Notes.js';
import { ProposalPanel } from './ProposalPanel.js';

export function DisputeCase({ disputeId, staff }: { disputeId: string; staff: StaffIdentity }) {
  const t = useT(messages);
  const { language } = useLanguage();
  // The hub's answers arrive through sync: reloaded when the cursor or the pending count moves.
  const detail = useCaseView('disputes.get', { disputeId });

  const back = (
    <a href={href('disputes')} className="back-link" data-testid="back-to-queue">
      ← {t('back')}
    </a>
  );

  if (!detail.data) return <CaseUnavailable back={back} loading={detail.loading} error={detail.error} notFound={t('caseNotFound')} />;

  const { dispute, order, timeline, movements, pending } = detail.data as DisputeDetail;
  const open = OPEN_DISPUTE_STATUSES.includes(dispute.status);
  const isAgent = staff.role === 'agent';
  const now = Date.now();
  const overdue = open && dispute.deadlineAt !== null && dispute.deadlineAt < now;
  const reason = (DISPUTE_REASONS as readonly string[]).includes(dispute.reason) ? t(`reason_${dispute.reason}`) : dispute.reason;
  const holdOpen = order.holdTransferId !== null;
  const waiting = new Set(pending.filter((p) => p.status === 'pending').map((p) => p.type));
  const resolving = waiting.has('dispute.resolve') || waiting.has('dispute.approve');

  return (
    <div className="dispute-case" data-testid="dispute-case" data-dispute-id={dispute.disputeId} data-status={dispute.status} data-currency={dispute.currency}>
      {back}
      <PageHeader
        title={t('caseTitle', { id: dispute.disputeId })}
        actions={
          <Button onClick={detail.reload} data-testid="case-reload">
            {t('refresh')}
          </Button>
        }
      >
        <div className="cell-badges">
          <Badge tone={open ? 'info' : 'success'}>
            <span data-testid="case-status">{t(`status_${dispute.status}`)}</span>
          </Badge>
          <Badge>{t(`kind_${dispute.kind}`)}</Badge>
          <Badge>{reason}</Badge>
          {overdue && <Badge tone="danger">⚠ {t('overdue')}</Badge>}
          <PendingSyncBadge pending={pending} />
        </div>
      </PageHeader>
      {detail.loading && <Loading />}
      <ErrorBanner error={detail.error} />
      <PendingDecisions pending={pending} />
      {!open && (
        <p className="notice" data-testid="case-closed">
          {t('closedCase', { status: t(`status_${dispute.status}`) })}
        </p>
      )}

      <div className="grid grid-2 case-grid">
        <div>
          <Panel title={t('summary')}>
            <dl className="facts" data-testid="case-summary">
              <dt>{t('order')}</dt>
              <dd>
                <code>{order.orderId}</code> · {t(`order_${order.status}`)}
              </dd>
              <dt>{t('buyer')}</dt>
              <dd>{dispute.buyerId}</dd>
              <dt>{t('merchant')}</dt>
              <dd>{dispute.merchantId}</dd>
              <dt>{t('openedAt')}</dt>
              <dd>
                <DateTime at={dispute.openedAt} />
              </dd>
              <dt>{t('deadline')}</dt>
              <dd>
                {dispute.deadlineAt === null ? (
                  t('noDeadline')
                ) : (
                  <>
                    <DateTime at={dispute.deadlineAt} /> ({format.relative(dispute.deadlineAt, now, language)}){overdue && <strong className="tone-danger"> ⚠ {t('overdue')}</strong>}
                  </>
                )}
              </dd>
              <dt>{t('assignee')}</dt>
              <dd data-testid="case-assignee">{dispute.assignee ? (dispute.assignee.name ?? dispute.assignee.id) : t('unassigned')}</dd>
              <dt>{t('claimed')}</dt>
              <dd data-testid="case-claimed">
                <Money amount={dispute.claimedAmount} currency={dispute.currency} />
              </dd>
              <dt>{t('orderAmount')}</dt>
              <dd>
                <Money amount={order.amount} currency={order.currency} />
              </dd>
              <dt>{t('heldAtOpen')}</dt>
              <dd data-testid="case-held-at-open">
                <Money amount={dispute.heldAtOpen} currency={dispute.currency} />
              </dd>
              <dt>{t('heldNow')}</dt>
              <dd data-testid="case-held">
                <strong>
                  <Money amount={order.held} currency={order.currency} />
                </strong>
              </dd>
              <dt>{t('refunded')}</dt>
              <dd data-testid="case-refunded">
                <Money amount={order.refunded} currency={order.currency} />
              </dd>
              <dt>{t('released')}</dt>
              <dd data-testid="case-released">
                <Money amount={order.released} currency={order.currency} />
              </dd>
            </dl>
            {order.riskHoldReason !== null && <p className="notice notice-warning">⚠ {t('riskFrozen', { reason: order.riskHoldReason })}</p>}
          </Panel>

          {dispute.proposal && (
            <ProposalPanel
              disputeId={dispute.disputeId}
              proposal={dispute.proposal}
              currency={dispute.currency}
              staff={staff}
              decided={waiting.has('dispute.approve') || waiting.has('dispute.decline')}
              onQueued={detail.reload}
            />
          )}

          {isAgent && open && <CaseActions dispute={dispute} staff={staff} onQueued={detail.reload} />}

          {isAgent && open && !dispute.proposal && holdOpen && !resolving && (
            <DecisionForm disputeId={dispute.disputeId} currency={dispute.currency} held={order.held} riskHoldReason={order.riskHoldReason} shipped={order.shippedAt !== null} onQueued={detail.reload} />
          )}
          {!isAgent && open && !dispute.proposal && <p className="muted">{t('noDecisionRole')}</p>}
        </div>
        <div>
          <PartyMessages timeline={timeline} />
          <Evidence timeline={timeline} disputeId={disputeId} />
          <Notes disputeId={dispute.disputeId} timeline={timeline} canAdd={isAgent} onQueued={detail.reload} />
        </div>
      </div>

      <CaseHistory timeline={timeline} movements={movements} currency={order.currency} />
    </div>
  );
}
