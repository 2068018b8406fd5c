/**
 * The onboarding reviewer's day: the pipeline of submitted applications, one whose unified
 * social credit code fails its check (the simulator plants such defects) rejected with a reason,
 * one whose every check passes approved; both settled with the hub, and the new merchant's
 * profile with its balances and reserve.
 */
import { expect, test } from './support/fixtures.js';
import { MerchantsPage } from './pages/merchants-page.js';

test('an onboarding reviewer rejects an application with an invalid USCC and approves a valid one', async ({ page, login, shell, screens, a11y }) => {
  const merchants = new MerchantsPage(page);
  await login.signIn('onboarding');
  await shell.expectSyncState('online');
  await merchants.open();

  // The submitted applications, oldest first, each with what its automatic checks found.
  await merchants.showStatus('Submitted');
  await merchants.loadAll();
  await expect(merchants.withInvalidUscc.first()).toBeVisible();
  await expect(merchants.withAllChecksPassed.first()).toBeVisible();
  const invalid = await merchants.idOf(merchants.withInvalidUscc.first());
  const valid = await merchants.idOf(merchants.withAllChecksPassed.first());
  await screens.save('merchants-pipeline');
  await a11y();

  // The invalid USCC, flagged field by field: the check fails with its reason, the field is due again.
  await merchants.openApplication(invalid);
  await expect(merchants.status).toHaveText('Submitted');
  await expect(merchants.applicantFact('Unified social credit code')).not.toHaveText('None');
  await merchants.expectCheck('uscc', 'Failed');
  const finding = merchants.checkFinding('uscc');
  await expect(finding.code).toHaveText(/^(check_digit|org_code_check_digit|length|alphabet)$/);
  await expect(finding.reason).toContainText(/check character|18 characters|alphabet/);
  await expect(merchants.requirementError('uscc')).toBeVisible();
  await screens.save('merchants-application-invalid-uscc');
  await a11y();
  await merchants.reject('Invalid identity', 'The unified social credit code does not pass its check character.');
  await merchants.backToPipeline();

  // The valid one: every check passes, nothing is due.
  await merchants.showStatus('Submitted');
  await merchants.loadAll();
  await merchants.openApplication(valid);
  expect(await merchants.checksNotPassed()).toEqual([]);
  for (const list of ['Currently due', 'Past due', 'Pending verification', 'Errors'] as const) expect(await merchants.requirementCount(list), list).toBe(0);
  await merchants.approve({ tier: 'Standard', schedule: 'Daily', reservePercent: '10' });

  // Settled with the hub: each shows its final status in the pipeline.
  await shell.expectPending(0);
  await expect(merchants.status).toHaveText('Approved');
  await merchants.backToPipeline();
  await merchants.showStatus('Rejected');
  await expect(merchants.application(invalid)).toHaveAttribute('data-status', 'rejected');
  await merchants.showStatus('Approved');
  await expect(merchants.application(valid)).toHaveAttribute('data-status', 'approved');

  // The new merchant's profile: its terms (the reserve just set) and balances.
  await merchants.openProfileFrom(merchants.application(valid));
  await expect(merchants.term('Rolling reserve')).toHaveText('10 %');
  await expect(merchants.term('Payout schedule')).toHaveText('Daily');
  await expect(merchants.balances.getByRole('columnheader')).toHaveText(['Currency', 'Account', 'Posted', 'Pending', 'Available']);
  await expect(merchants.balances.getByRole('rowheader')).toContainText(['Payable to the merchant', 'Rolling reserve']);
  await screens.save('merchants-profile');
  await a11y();
});
