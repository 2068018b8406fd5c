/**
 * Working offline: the hub goes away after sign-in, the agent keeps deciding (the decisions wait
 * in the outbox, counted on the status bar), and when the hub returns on the same port the
 * outbox drains and every decision shows as applied. Evidence the console has opened stays
 * open to it while the hub is away.
 */
import { DisputesPage } from './pages/disputes-page.js';
import { SyncPage } from './pages/sync-page.js';
import { expect, test } from './support/fixtures.js';

test('decisions made while the hub is down wait in the outbox and apply when it returns', async ({ page, world, login, shell, screens }) => {
  const disputes = new DisputesPage(page);
  const sync = new SyncPage(page);
  await login.signIn('agent');
  await shell.expectSyncState('online');

  const port = world.hub!.port;
  await world.stopHub();
  await shell.expectSyncState('offline');

  // Two cases taken from the keyboard, one of them released to the merchant: three decisions.
  await shell.open('Disputes');
  await disputes.expectLoaded();
  await disputes.filterBy('Assignee', 'Unassigned');
  const [first, second] = await disputes.visibleIds();
  await disputes.press('a');
  await expect(disputes.notice).toHaveText(`Assignment of ${first} queued (pending sync).`);
  await disputes.press('j', 'a');
  await expect(disputes.notice).toHaveText(`Assignment of ${second} queued (pending sync).`);
  await expect(disputes.row(first).getByTestId('row-pending-sync')).toHaveText('⏳ 1 pending sync');
  await expect(disputes.row(second).getByTestId('row-pending-sync')).toHaveText('⏳ 1 pending sync');

  await disputes.press('k', 'Enter');
  await expect(disputes.caseHeading(first)).toBeVisible();
  await disputes.release();
  await expect(disputes.pendingSync).toBeVisible();
  await expect(disputes.pendingSync.getByRole('listitem')).toHaveCount(2);
  await shell.expectPending(3);
  await shell.expectSyncState('offline');

  const decisions = [sync.outboxRow('Assign', first), sync.outboxRow('Assign', second), sync.outboxRow('Resolution', first)];
  await shell.open('Sync');
  await sync.expectLoaded();
  await sync.expectState('offline');
  await sync.expectPending(3);
  await expect(sync.outboxRows).toHaveCount(3);
  for (const row of decisions) await expect(row).toContainText('Waiting for the hub');
  await screens.save('sync-offline-pending');

  // The hub returns on its port. "Sync now" rather than waiting out the console's retry backoff
  // (up to a minute after a long outage): the outbox drains and the console is online again.
  await world.restartHub(port);
  await sync.syncNow();
  await sync.expectPending(0);
  await sync.expectState('online');
  await shell.expectPending(0);
  await shell.expectSyncState('online');
  await expect(sync.outboxEmpty).toBeVisible();
  await sync.show('Rejected');
  await expect(sync.outboxEmpty).toBeVisible();
  await sync.show('Accepted');
  await expect(sync.outboxRows).toHaveCount(3);
  for (const row of decisions) await expect(row).toContainText('Accepted');
  await screens.save('sync-drained');

  // The decisions are applied: the hub's events are on this console.
  await shell.go(`disputes/${first}`);
  await expect(disputes.caseHeading(first)).toBeVisible();
  await expect(disputes.caseStatus).toHaveText('Released');
  await expect(disputes.caseAssignee).toHaveText('agent');
  await shell.go(`disputes/${second}`);
  await expect(disputes.caseHeading(second)).toBeVisible();
  await expect(disputes.caseAssignee).toHaveText('agent');
});

test('evidence this console has opened stays open to it with the hub gone', async ({ page, world, login, shell }) => {
  const disputes = new DisputesPage(page);
  await login.signIn('agent');
  await shell.expectSyncState('online');
  await shell.open('Disputes');
  await disputes.expectLoaded();
  await disputes.filterBy('Reason', 'Damaged');
  const disputeId = await disputes.openFirstCase();
  await disputes.previewButton('photo-1.png').click();
  await expect(disputes.preview).toHaveAttribute('data-state', 'ready');
  await page.keyboard.press('Escape');
  await expect(disputes.preview).toBeHidden();

  // Opened again with the hub gone: the main process reads its own checked copy.
  await world.stopHub();
  await shell.expectSyncState('offline');
  await expect(disputes.caseHeading(disputeId)).toBeVisible();
  await disputes.previewButton('photo-1.png').click();
  await expect(disputes.preview).toHaveAttribute('data-state', 'ready');
  await expect(disputes.preview).toContainText('Opened from this console’s own copy.');
  await expect.poll(() => disputes.decodedSize(disputes.previewImage)).toEqual({ width: 160, height: 120 });
});
