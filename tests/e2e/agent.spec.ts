/**
 * The support agent's day: the dispute queue filtered and triaged from the keyboard, one case
 * taken and resolved with a partial refund (an amount above the hold refused in the form), and
 * the money seen moving on the case once the hub has accepted the decision; and the evidence of
 * two cases previewed: the buyer's photos and the merchant's PDF delivery receipt.
 */
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { toDecimalString } from '../../src/shared/money.js';
import { DisputesPage, shown } from './pages/disputes-page.js';
import { expect, test } from './support/fixtures.js';

/** Above this a resolution needs a finance officer's approval (DEFAULT_ESCROW_CONFIG: CNY 5,000.00). */
const FOUR_EYES_CNY = DEFAULT_ESCROW_CONFIG.fourEyesThreshold.CNY!;

test('an agent triages the queue, resolves a dispute with a partial refund and sees the ledger move', async ({ page, login, shell, screens }) => {
  const disputes = new DisputesPage(page);
  await login.signIn('agent');
  await shell.expectSyncState('online');
  await shell.open('Disputes');
  await disputes.expectLoaded();
  await expect(disputes.keyboardHelp).toHaveText('Keys: j / k or ↑ / ↓ move, Enter opens, a assigns to me, x selects.');

  // Cases nobody has taken that an agent decides alone: claims in CNY up to the four-eyes threshold.
  await disputes.filterBy('Assignee', 'Unassigned');
  await disputes.typeFilter('Claimed up to', toDecimalString(FOUR_EYES_CNY, 'CNY'));
  await expect(disputes.rows.first()).toBeVisible();
  await expect(disputes.rows.filter({ hasNotText: 'Unassigned' })).toHaveCount(0);
  await expect(disputes.rows.filter({ hasNotText: 'CN¥' })).toHaveCount(0);
  const ids = await disputes.visibleIds();
  expect(ids.length).toBeGreaterThanOrEqual(3);

  // Triage from the keyboard: j / k move the cursor, `a` takes the case under it.
  await disputes.press('j', 'j');
  expect(await disputes.cursorId()).toBe(ids[2]);
  await disputes.press('k');
  expect(await disputes.cursorId()).toBe(ids[1]);
  await disputes.press('a');
  await expect(disputes.notice).toHaveText(`Assignment of ${ids[1]} queued (pending sync).`);
  // Once the hub has accepted it, the row says so in place (the list keeps its order).
  await expect(disputes.row(ids[1]).getByTestId('row-pending-sync')).toBeHidden();
  await expect(disputes.assigneeCell(ids[1])).toHaveText('agent');
  expect(await disputes.visibleIds()).toEqual(ids);

  // The case to decide: the first of the queue, opened with Enter.
  const disputeId = ids[0];
  await disputes.press('k');
  expect(await disputes.cursorId()).toBe(disputeId);
  await disputes.press('Enter');
  await expect(disputes.caseHeading(disputeId)).toBeVisible();
  expect(await disputes.currency()).toBe('CNY');

  // Take the case.
  await expect(disputes.caseAssignee).toHaveText('Unassigned');
  await disputes.assignToMe();
  await expect(disputes.caseAssignee).toHaveText('agent');

  // A partial refund: more than is held is refused in the form, with the amount held named.
  const held = await disputes.amountOf('held', 'CNY');
  expect(held, 'a hold to split, that an agent may move alone').toBeGreaterThan(2n);
  expect(held).toBeLessThanOrEqual(FOUR_EYES_CNY);
  await disputes.chooseResolution('Partial refund (the rest to the merchant)');
  const refundField = disputes.refundField('CNY');
  await refundField.fill(toDecimalString(held + 1n, 'CNY'));
  await disputes.submitDecision();
  await expect(disputes.fieldError(refundField)).toHaveText(`More than the ${shown(held, 'CNY')} held.`);
  await expect(refundField).toHaveAttribute('aria-invalid', 'true');
  await expect(disputes.confirmDialog).toBeHidden();

  const refund = held / 3n;
  const release = held - refund;
  await refundField.fill(toDecimalString(refund, 'CNY'));
  await expect(disputes.decisionPreview).toHaveText(`Buyer gets ${shown(refund, 'CNY')}; merchant gets ${shown(release, 'CNY')} (before fee and reserve).`);
  await disputes.submitDecision();
  await expect(disputes.confirmDialog).toContainText(`the buyer gets ${shown(refund, 'CNY')} and the merchant ${shown(release, 'CNY')}`);
  await disputes.confirmDecision();

  // The hub accepts it; its events come back through the pull and the case shows the money moved.
  await expect(disputes.caseStatus).toHaveText('Partly refunded');
  await shell.expectPending(0);
  await expect(disputes.fact('held')).toHaveText(shown(0n, 'CNY'));
  await expect(disputes.fact('refunded')).toHaveText(shown(refund, 'CNY'));
  await expect(disputes.fact('released')).toHaveText(shown(release, 'CNY'));
  await expect(disputes.timelineEntry('dispute.resolved')).toContainText(`buyer ${shown(refund, 'CNY')}, merchant ${shown(release, 'CNY')}`);
  await expect(disputes.timelineEntry('order.released')).toContainText(`amount ${shown(release, 'CNY')} · ${shown(refund, 'CNY')} of the hold returned to the buyer`);
  await expect(disputes.movementRows('release')).toHaveCount(1);
  expect(await disputes.movementAmounts('release', 'CNY')).toEqual([release]);
  await screens.save('agent-dispute-case');

  // The queue, filtered by the new status, has the case as the hub resolved it.
  await disputes.backToQueue();
  await disputes.clearFilters();
  await disputes.filterBy('Status', 'Partly refunded');
  await expect(disputes.row(disputeId)).toBeVisible();
  await expect(disputes.row(disputeId).getByTestId('dispute-row')).toHaveAttribute('data-status', 'resolved_refund_partial');
  await screens.save('agent-dispute-queue');
});

test('an agent previews the parties’ evidence: the buyer’s photos and the merchant’s delivery receipt', async ({ page, login, shell, screens, a11y }) => {
  const disputes = new DisputesPage(page);
  await login.signIn('agent');
  await shell.expectSyncState('online');
  await shell.open('Disputes');
  await disputes.expectLoaded();

  // A damaged parcel: the buyer sent photos with their message.
  await disputes.filterBy('Reason', 'Damaged');
  await disputes.openFirstCase();
  await expect(disputes.evidence.getByTestId('attachment').first()).toBeVisible();
  await disputes.previewButton('photo-1.png').click();
  await expect(disputes.preview).toHaveAttribute('data-state', 'ready');
  await expect(disputes.previewImage).toHaveAttribute('alt', 'photo-1.png');
  await expect.poll(() => disputes.decodedSize(disputes.previewImage)).toEqual({ width: 160, height: 120 });
  await expect(disputes.preview.getByTestId('attachment-verified')).toBeVisible();
  // The bytes on screen are the file the message lists: the copy saved from the preview hashes to it.
  const listed = await disputes.evidence.getByTestId('attachment').first().getAttribute('data-sha256');
  expect(await disputes.savedCopySha256()).toBe(listed);
  await expect(disputes.preview.getByTestId('attachment-sha256')).toContainText(listed!);
  await screens.save('agent-evidence-photo');
  await a11y();
  // Full size in a dialog of its own: Escape closes only that, back on the button that opened it.
  await disputes.preview.getByTestId('attachment-full-size').click();
  await expect(page.getByTestId('attachment-full')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('attachment-full')).toBeHidden();
  await expect(disputes.preview.getByTestId('attachment-full-size')).toBeFocused();
  // Escape closes the preview and gives the keyboard back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(disputes.preview).toBeHidden();
  await expect(disputes.previewButton('photo-1.png')).toBeFocused();

  // Item not received: the merchant answered with the courier's delivery receipt, a PDF drawn in place.
  await disputes.backToQueue();
  await disputes.clearFilters();
  await disputes.filterBy('Reason', 'Item not received');
  await disputes.openFirstCase();
  await disputes.previewButton('delivery-receipt.pdf').click();
  await expect(disputes.preview).toHaveAttribute('data-state', 'ready');
  await expect(disputes.pdfPage).toHaveAttribute('data-drawn', 'true');
  expect(await disputes.pdfHasInk()).toBe(true);
  await expect(disputes.preview.getByTestId('attachment-save')).toHaveAttribute('download', 'delivery-receipt.pdf');
  await screens.save('agent-evidence-receipt');
  await a11y();
});
