/**
 * The finance clerk's day: the payout screens, the Alipay trade bill of a day of simulator
 * traffic imported through the browser upload (progress, then the summary), that day's
 * exceptions worked by category (a small write-off, a force-match, an ignored duplicate, and a
 * large write-off that a second finance officer approves: four eyes), the day closed, and its
 * CSV export; then the bank feed's day of the same payments, listed and matched without a file.
 */
import { SettlementsPage } from './pages/settlements-page.js';
import type { ShellPage } from './pages/shell-page.js';
import { expect, test } from './support/fixtures.js';
import { writeAlipayBill } from './support/statement-alipay.js';

/** Decisions reach the hub before anyone signs out: the outbox only sends its signer's own. */
async function signOutSynced(shell: ShellPage): Promise<void> {
  await shell.expectPending(0);
  await shell.signOut();
}

test('a finance clerk imports the Alipay bill, works the day with a second officer, closes and exports it, then matches the bank feed', async ({ page, world, login, shell, screens, a11y }) => {
  const bill = await writeAlipayBill(world.hubUrl, world.dir, 'finance');
  const dayId = `trade.${bill.day}`;
  const settlements = new SettlementsPage(page);
  const openTheDay = async () => {
    await shell.open('Settlements');
    await settlements.openSection('Reconciliation');
    await settlements.openDay(dayId);
  };

  await login.signIn('finance');
  await shell.expectSyncState('online');
  await shell.open('Settlements');
  // Nothing to pay out yet: the simulated sellers are not onboarded merchants of this hub.
  await expect(settlements.payoutRun.getByText('No active merchant of this schedule has money available.')).toBeVisible();
  await expect(settlements.payoutList.getByText('No payouts with this status.')).toBeVisible();
  await screens.save('settlements-payouts');

  await settlements.openSection('Statement import');
  await settlements.importWithProgress(bill.path);
  await expect(settlements.importSummary.getByTestId('summary-file')).toHaveText(`alipay-trade-${bill.day}.csv`);
  // Every row is new, the one Alipay repeated included; the bill's own day is reconciled.
  expect(await settlements.summaryFigure('summary-lines-read')).toBe(bill.matching + 3);
  expect(await settlements.summaryFigure('summary-imported')).toBe(bill.matching + 3);
  expect(await settlements.summaryFigure('summary-matched')).toBe(bill.matching);
  await expect(settlements.importSummary.getByRole('link', { name: bill.day, exact: true })).toBeVisible();
  expect(await settlements.summaryExceptions()).toEqual({ amount_mismatch: 1, currency_mismatch: 0, duplicate: 1, unknown_in_statement: 1, missing_in_statement: 1 });
  await screens.save('settlements-import');
  await a11y();

  await settlements.openSection('Reconciliation');
  await expect(settlements.dayRow(dayId)).toHaveAttribute('data-open', '4');
  await settlements.openDay(dayId);
  expect(await settlements.categoryCounts()).toEqual({ amount_mismatch: 1, duplicate: 1, unknown_in_statement: 1, missing_in_statement: 1 });
  // Ledger, statement, difference: the bill shows the planted 1.50 more.
  await expect(settlements.exception('amount_mismatch', bill.amountOff.orderId).getByRole('cell').nth(2)).toHaveText('CN¥1.50');
  await screens.save('settlements-recon-day');
  await a11y();

  await settlements.resolve('amount_mismatch', bill.amountOff.orderId, 'Write off', 'Alipay rounding adjustment');
  await settlements.resolve('missing_in_statement', bill.missing.orderId, 'Force-match', 'Settled on the next bill; confirmed with Alipay');
  await settlements.resolve('duplicate', bill.repeated.orderId, 'Ignore', 'Alipay listed the payment twice');
  await settlements.resolve('unknown_in_statement', bill.unplaced.reference, 'Write off', 'Unplaced payment, booked as other income');
  // Above the four-eyes threshold the write-off is only proposed: the day cannot close yet.
  const unplaced = settlements.exception('unknown_in_statement', bill.unplaced.reference);
  await expect(unplaced).toHaveAttribute('data-status', 'proposed');
  await expect(settlements.openCount).toHaveText('1');
  await expect(settlements.closeButton).toBeDisabled();
  await signOutSynced(shell);

  await login.signIn('finance2');
  await openTheDay();
  await settlements.approveWriteOff('unknown_in_statement', bill.unplaced.reference);
  await signOutSynced(shell);

  await login.signIn('finance');
  await openTheDay();
  await expect(unplaced).toHaveAttribute('data-status', 'resolved');
  await expect(settlements.openCount).toHaveText('0');
  await settlements.closeDay();
  await shell.expectPending(0);
  await expect(settlements.dayView).toHaveAttribute('data-closed', 'true');
  await screens.save('settlements-day-closed');

  const exported = await settlements.exportCsv();
  expect(exported.name).toBe(`reconciliation-${dayId}.csv`);
  expect(exported.header).toEqual(['key', 'category', 'reference', 'currency', 'expected_minor', 'statement_minor', 'difference_minor', 'resolution', 'status', 'reason', 'by', 'detail']);
  const byReference = (reference: string, category: string) => exported.rows.find((row) => row.reference === reference && row.category === category);
  expect(exported.rows).toHaveLength(4);
  expect(byReference(bill.amountOff.orderId, 'amount_mismatch')).toMatchObject({ currency: 'CNY', difference_minor: String(bill.amountOff.delta), resolution: 'write_off', status: 'resolved', by: 'finance' });
  expect(byReference(bill.missing.orderId, 'missing_in_statement')).toMatchObject({ expected_minor: String(bill.missing.amount), resolution: 'force_match', status: 'resolved' });
  expect(byReference(bill.repeated.orderId, 'duplicate')).toMatchObject({ resolution: 'ignore', reason: 'Alipay listed the payment twice', status: 'resolved' });
  expect(byReference(bill.unplaced.reference, 'unknown_in_statement')).toMatchObject({ statement_minor: String(bill.unplaced.amount), resolution: 'write_off', status: 'resolved', by: 'finance' });

  await settlements.backToDays();
  await expect(settlements.dayRow(dayId)).toHaveAttribute('data-closed', 'true');
  await expect(settlements.dayRow(dayId)).toHaveAttribute('data-open', '0');

  // The bank's feed, relayed by the hub, settled the same payments the next morning: its day is
  // listed before anyone imports a file for it, and matching it finds the simulator's planted
  // discrepancies, one of each kind.
  const bankDayId = `bank.${bill.settledDay}`;
  await expect(settlements.dayRow(bankDayId)).toHaveAttribute('data-matched', 'false');
  await expect(settlements.dayRow(bankDayId).getByText('Not matched yet')).toBeVisible();
  await settlements.openDay(bankDayId);
  await expect(settlements.closeButton).toBeDisabled();
  await settlements.matchDay();
  expect(await settlements.categoryCounts()).toEqual({ amount_mismatch: 1, currency_mismatch: 1, duplicate: 1, unknown_in_statement: 1, missing_in_statement: 1 });
});
