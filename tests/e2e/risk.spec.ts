/**
 * The risk officer's day: the queue by level, one flag's review (the rules' points, the buyer's
 * and merchant's history), one flag cleared and another refunded as fraud, both settled with the
 * hub; then the allow/block lists and a backtest of edited thresholds.
 */
import { expect, test } from './support/fixtures.js';
import { RiskPage } from './pages/risk-page.js';

test('a risk officer reviews flags, clears one, refunds another as fraud, and checks lists and backtest', async ({ page, login, shell, screens, a11y }) => {
  const risk = new RiskPage(page);
  await login.signIn('risk');
  await shell.expectSyncState('online');
  await risk.open();

  // The queue by level: only highest-level flags, highest score first.
  await risk.filter({ level: 'Highest' });
  await risk.expectQueueLoaded();
  const highestFlags = await risk.flagCount();
  const shown = await risk.shownFlags();
  expect(shown.length).toBeGreaterThanOrEqual(2);
  expect(new Set(shown.map((f) => f.level))).toEqual(new Set(['highest']));
  const scores = shown.map((f) => f.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await screens.save('risk-queue');
  await a11y();

  // The review: the rules' points make the score (which stops at 100); the buyer's and merchant's history.
  const [cleared, refunded] = shown.map((f) => f.orderId);
  await risk.openReview(cleared);
  await expect(risk.status).toHaveText('Open');
  const { rules, score } = await risk.scoreLines();
  expect(rules.length).toBeGreaterThan(0);
  const points = rules.reduce((sum, r) => sum + r.points, 0);
  expect(score).toBe(Math.min(points, 100));
  if (points > 100) await expect(risk.scoreNote).toHaveText(`The rules give ${points} points; a score stops at 100.`);
  const { buyerId, merchantId } = await risk.parties();
  await expect(risk.history('Buyer', buyerId).getByRole('table', { name: `Recent orders of ${buyerId}` })).toContainText(cleared);
  await expect(risk.history('Merchant', merchantId).getByRole('table', { name: `Recent orders of ${merchantId}` })).toContainText(cleared);
  await screens.save('risk-review');
  await a11y();

  // Clear the first: the hold leaves the freeze and goes back to the normal escrow flow.
  await risk.clear('Buyer confirmed by phone; address matches earlier orders.');
  await risk.backToQueue();

  // Refund the second as fraud: everything held goes back to the buyer.
  await risk.openReview(refunded);
  await expect(risk.status).toHaveText('Open');
  const fraudster = (await risk.parties()).buyerId;
  await risk.refundAsFraud('Stolen card reported by the issuer.');

  await shell.expectPending(0);
  await expect(risk.status).toHaveText('Refunded as fraud');
  const money = await risk.orderMoney();
  expect(money.status).toBe('Refunded');
  expect(money.refunded).toBe(money.amount);
  expect(money.held).toMatch(/^\D*0(\.0+)?$/);

  // Both leave the unreviewed queue and show under their new status.
  await risk.backToQueue();
  await risk.expectQueueLoaded();
  await expect(risk.row(cleared)).toHaveCount(0);
  await expect(risk.row(refunded)).toHaveCount(0);
  await risk.filter({ level: 'All levels', status: 'Refunded as fraud' });
  await expect(risk.row(refunded)).toHaveAttribute('data-status', 'fraud');
  await risk.filter({ status: 'Cleared' });
  await expect(risk.row(cleared)).toHaveAttribute('data-status', 'cleared');

  // The cleared order's hold is no longer frozen.
  await risk.openReview(cleared);
  await expect(risk.status).toHaveText('Cleared');
  await expect(risk.orderFacts.getByText(/Hold frozen/)).toHaveCount(0);
  await risk.backToQueue();

  // Allow / block lists: the fraud refund put the buyer on the block list.
  await risk.openSection('Allow / block lists');
  await expect(risk.listEntry(fraudster)).toContainText('Block list');
  await expect(risk.listEntry(fraudster)).toContainText(`fraud refund of order ${refunded}`);
  await screens.save('risk-lists');

  // Backtest: the current rules raise the highest-level flags the queue held; lower thresholds raise more.
  await risk.openSection('Backtest');
  await risk.runBacktest({ elevatedAt: 20, highestAt: 40 });
  await expect(risk.backtestThresholds).toContainText('Edited thresholds: elevated from 20, highest from 40');
  const elevated = await risk.backtestLevel('Elevated');
  const top = await risk.backtestLevel('Highest');
  expect(top.current).toBe(highestFlags);
  expect(elevated.edited + top.edited).toBeGreaterThan(elevated.current + top.current);
  await screens.save('risk-backtest');
  await a11y();
});
