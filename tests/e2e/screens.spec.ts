/**
 * A tour of every screen, one journey per role: each screen of the role's menu and one detail
 * view per list that has data, each loaded, checked with axe (no serious or critical
 * violation), scanned for words of the other language, and saved as `<role>-<screen>.png`.
 * Along the way: the lock keeps the screen, and global search (Ctrl+K) opens an order, a buyer
 * and a dispute from the keyboard (agent); the console switches to 中文 without a reload (risk);
 * a merchant's name finds its application (onboarding); a statement import gives finance a
 * reconciliation day; the overview's ranges, tooltips and data tables, and the audit chain (admin).
 */
import type { Locator, Page } from '@playwright/test';
import { resolve } from 'node:path';
import type { Language } from '../../src/shared/api/console.js';
import { AuditPage } from './pages/audit-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { SearchPage } from './pages/search-page.js';
import { SettingsPage } from './pages/settings-page.js';
import type { ShellPage } from './pages/shell-page.js';
import { firstRow } from './support/console-db.js';
import { expect, test, type Screens } from './support/fixtures.js';
import { untranslatedWords } from './support/untranslated.js';
import type { StaffName } from './support/world.js';

/** A small Alipay trade bill from the statement fixtures: it makes one reconciliation day. */
const STATEMENT = resolve('resources/statements/alipay-trade-bill.csv');

/** The stops of one role's tour, checked and photographed the same way. */
class Tour {
  private language: Language = 'en';

  constructor(
    private readonly role: StaffName,
    private readonly page: Page,
    private readonly shell: ShellPage,
    private readonly screens: Screens,
    private readonly a11y: () => Promise<void>,
  ) {}

  /** The screen shown now: loaded, accessible, in one language; saved as `<role>-<screen>[-zh]`. */
  async check(screen: string, ready: Locator): Promise<void> {
    await expect(ready.first()).toBeVisible();
    await this.shell.expectScreenLoaded();
    await this.a11y();
    expect(await untranslatedWords(this.page, this.language), `words not in ${this.language} on ${screen}`).toEqual([]);
    await this.screens.save(`${this.role}-${screen}${this.language === 'zh-CN' ? '-zh' : ''}`);
  }

  /** Opens a screen from the menu, then checks it. */
  async menu(label: string, screen: string, ready: Locator): Promise<void> {
    await this.shell.open(label);
    await this.check(screen, ready);
  }

  /** Switches the console to 中文 from the top bar; the following checks expect Chinese. */
  async switchToChinese(): Promise<void> {
    await this.shell.languageSelect.selectOption('zh-CN');
    await expect(this.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    this.language = 'zh-CN';
  }
}

test('agent: overview, the queue and a case from the keyboard, the lock, sync, settings; search opens an order, a buyer, a dispute', async ({
  page,
  world,
  login,
  shell,
  screens,
  a11y,
}) => {
  await login.signIn('agent');
  await shell.expectSyncState('online');
  expect(await shell.menu()).toEqual(['Overview', 'Disputes', 'Sync', 'Settings']);
  const tour = new Tour('agent', page, shell, screens, a11y);
  await tour.menu('Overview', 'overview', page.getByTestId('overview-stat-open-disputes'));
  await tour.menu('Disputes', 'disputes', page.getByTestId('dispute-row'));
  // The queue is a grid: Enter opens the case under its cursor.
  await page.getByRole('grid').focus();
  await page.keyboard.press('Enter');
  await tour.check('dispute', page.getByTestId('dispute-case'));

  const caseUrl = page.url();
  await shell.lock();
  await expect(page.getByText('agent (Support agent)')).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await a11y();
  await screens.save('agent-locked');
  await login.unlock('agent');
  expect(page.url()).toBe(caseUrl);
  await expect(page.getByTestId('dispute-case')).toBeVisible();

  await tour.menu('Sync', 'sync', page.getByTestId('sync-status'));
  await tour.menu('Settings', 'settings', page.getByTestId('settings-data-dir'));

  // Ids straight from the console's replica of the seeded hub.
  const order = await firstRow<{ order_id: string }>(world, 'SELECT order_id FROM orders ORDER BY order_id DESC');
  const buyer = await firstRow<{ buyer_id: string; latest: string }>(
    world,
    'SELECT buyer_id, (SELECT order_id FROM orders o WHERE o.buyer_id = b.buyer_id ORDER BY paid_at DESC LIMIT 1) AS latest FROM orders b ORDER BY buyer_id DESC LIMIT 1',
  );
  const dispute = await firstRow<{ dispute_id: string }>(world, 'SELECT dispute_id FROM disputes ORDER BY dispute_id');
  const search = new SearchPage(page);

  await search.open();
  await search.query(order.order_id.slice(0, -1));
  await a11y();
  await screens.save('agent-search');
  await search.openWithKeyboard('order', order.order_id);
  await tour.check('order', page.getByTestId('order').filter({ hasText: order.order_id }));

  await search.open();
  await search.query(buyer.buyer_id);
  await search.openWithKeyboard('buyer', buyer.buyer_id);
  await expect(page).toHaveURL(new RegExp(`#/orders/${buyer.latest}$`));
  await expect(page.getByTestId('order')).toContainText(buyer.buyer_id);

  await search.open();
  // Ids are found whatever the case they are typed in.
  await search.query(dispute.dispute_id.toLowerCase());
  await search.openWithKeyboard('dispute', dispute.dispute_id);
  await expect(page).toHaveURL(new RegExp(`#/disputes/${dispute.dispute_id}$`));
  await expect(page.getByTestId('dispute-case')).toContainText(dispute.dispute_id);
});

test('risk: overview, the flag queue and a review, sync, settings; then 中文 without a reload', async ({ page, login, shell, screens, a11y }) => {
  await login.signIn('risk');
  await shell.expectSyncState('online');
  expect(await shell.menu()).toEqual(['Overview', 'Risk', 'Sync', 'Settings']);
  const tour = new Tour('risk', page, shell, screens, a11y);
  const settings = new SettingsPage(page);
  await tour.menu('Overview', 'overview', page.getByTestId('overview-stat-flags-unreviewed'));
  await tour.menu('Risk', 'risk', page.getByTestId('risk-row'));
  await page.getByTestId('risk-row').first().getByRole('link').click();
  await tour.check('risk-review', page.getByTestId('risk-review'));
  await tour.menu('Sync', 'sync', page.getByTestId('sync-status'));
  await tour.menu('Settings', 'settings', settings.language);

  // The frame, the screen and the formats change in place: no reload (the marker survives).
  await shell.open('Overview');
  const released = page.getByTestId('overview-stat-released-today');
  await expect(released).toContainText(/^CN¥[\d,]+\.\d\d/);
  await expect(page.getByRole('main').locator('.subtitle').first()).toHaveText(/^As of [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
  await tour.switchToChinese();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('概览');
  expect(await shell.menu()).toEqual(['概览', '风控', '同步', '设置']);
  await expect(released).toContainText(/^¥[\d,]+\.\d\d/);
  await expect(page.getByRole('main').locator('.subtitle').first()).toHaveText(/^截至 \d{4}年\d{1,2}月\d{1,2}日/);
  await expect(shell.statusBar).toContainText('在线');
  expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
  await tour.check('overview', page.getByTestId('overview-chart-volume'));
  await tour.menu('风控', 'risk', page.getByTestId('risk-row'));
  await tour.menu('设置', 'settings', settings.language);
  await expect(settings.language).toHaveValue('zh-CN');
});

test('onboarding: overview, the pipeline and an application, sync, settings; an applicant found by name', async ({ page, world, login, shell, screens, a11y }) => {
  await login.signIn('onboarding');
  await shell.expectSyncState('online');
  expect(await shell.menu()).toEqual(['Overview', 'Merchants', 'Sync', 'Settings']);
  const tour = new Tour('onboarding', page, shell, screens, a11y);
  await tour.menu('Overview', 'overview', page.getByTestId('overview-stat-applications-waiting'));
  await tour.menu('Merchants', 'merchants', page.getByTestId('application-row'));
  await page.getByTestId('application-row').first().getByRole('link').first().click();
  await tour.check('application', page.getByTestId('application-review'));
  await tour.menu('Sync', 'sync', page.getByTestId('sync-status'));
  await tour.menu('Settings', 'settings', page.getByTestId('settings-data-dir'));

  // The first characters of a legal name find it (the seeded names are Chinese); not onboarded
  // yet, the merchant is its application.
  const applicant = await firstRow<{ application_id: string; legal_name: string }>(world, 'SELECT application_id, legal_name FROM applications ORDER BY legal_name DESC');
  const search = new SearchPage(page);
  await search.open();
  await search.query(applicant.legal_name.slice(0, 2));
  await screens.save('onboarding-search');
  await search.openWithKeyboard('application', applicant.application_id);
  await expect(page).toHaveURL(new RegExp(`#/merchants/applications/${applicant.application_id}$`));
  await expect(page.getByTestId('application-review')).toContainText(applicant.legal_name);
});

test('finance: every screen, and a reconciliation day from an imported statement', async ({ page, login, shell, screens, a11y }) => {
  await login.signIn('finance');
  await shell.expectSyncState('online');
  expect(await shell.menu()).toEqual(['Overview', 'Disputes', 'Merchants', 'Settlements', 'Sync', 'Settings']);
  const tour = new Tour('finance', page, shell, screens, a11y);
  await tour.menu('Overview', 'overview', page.getByTestId('overview-stat-payouts-in-flight'));
  await tour.menu('Disputes', 'disputes', page.getByTestId('dispute-row'));
  await tour.menu('Merchants', 'merchants', page.getByRole('main').getByRole('heading', { level: 1 }));
  await tour.menu('Settlements', 'settlements', page.getByTestId('settlements-tab-payouts'));

  await page.getByTestId('settlements-tab-import').click();
  await page.getByLabel('Statement file').setInputFiles(STATEMENT);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await page.getByTestId('settlements-tab-recon').click();
  // The imported bill's day (the Alipay bill is a trade statement).
  await page.getByTestId('recon-day').and(page.locator('[data-day-id^="trade."]')).first().getByRole('link').click();
  await tour.check('reconciliation-day', page.getByTestId('recon-day-view'));

  await tour.menu('Sync', 'sync', page.getByTestId('sync-status'));
  await tour.menu('Settings', 'settings', page.getByTestId('settings-data-dir'));
});

test('admin: the overview ranges, tooltips and data tables from the keyboard menu, sync, the audit chain, settings', async ({ page, login, shell, screens, a11y }) => {
  await login.signIn('admin');
  await shell.expectSyncState('online');
  expect(await shell.menu()).toEqual(['Overview', 'Sync', 'Audit log', 'Settings']);
  const tour = new Tour('admin', page, shell, screens, a11y);
  const overview = new OverviewPage(page);
  const audit = new AuditPage(page);
  const settings = new SettingsPage(page);

  // Ctrl+1…4 open the menu's screens in order.
  await page.keyboard.press('Control+1');
  await overview.expectLoaded();
  // The seeded orders were paid ~35 days before the hub's clock: the default 30 days hold
  // releases but no payments, and the overview says so and offers the range that has them.
  await expect(overview.dataRows('volume')).toHaveCount(30);
  await expect(overview.quietRangeNotice).toContainText('the most recent were paid on');
  await expect(overview.drawing('volume')).toBeVisible();
  await tour.check('overview', overview.chart('volume'));

  // A week: tooltips on hover, and each chart's figures in a data table (checked open).
  await overview.pickRange(7);
  const weekTicks = await overview.axisTicks('volume');
  await expect(await overview.hoverTallestBar('volume')).toContainText(/Released\s*:?\s*CN¥[\d,]+\.\d\d/);
  await expect(await overview.hoverTallestBar('settlement')).toContainText('Fees');
  expect(await overview.openDataTable('volume')).toEqual(['Day', 'Held', 'Released', 'Refunded']);
  expect(await overview.openDataTable('rates')).toEqual(['Day', 'Orders paid', 'Disputes opened', 'Dispute rate', 'Flags raised', 'Flag rate']);
  expect(await overview.openDataTable('settlement')).toEqual(['Day', 'Payouts paid', 'Released', 'Fees']);
  expect(await overview.openDataTable('aging')).toEqual(['Age of the statement day', 'Open exceptions']);
  await expect(overview.dataTable('volume').getByRole('cell', { name: /^CN¥[1-9]/ }).first()).toBeVisible();
  await tour.check('overview-7-days', overview.dataTable('volume').getByRole('table'));

  // The range with the seeded payments: every chart draws.
  await overview.quietRangeNotice.getByRole('button', { name: 'Show 90 days' }).click();
  await expect(overview.dataRows('volume')).toHaveCount(90);
  await expect(overview.quietRangeNotice).toHaveCount(0);
  await expect(overview.range.locator('[aria-pressed="true"]')).toHaveText('90 days');
  expect(await overview.axisTicks('volume')).not.toEqual(weekTicks);
  await expect(overview.drawing('rates')).toBeVisible();
  await expect(await overview.hoverTallestBar('volume')).toContainText(/Held\s*:?\s*CN¥[\d,]+\.\d\d/);
  await screens.save('admin-overview-90-days');

  await page.keyboard.press('Control+2');
  await tour.check('sync', page.getByTestId('sync-status'));
  // The lock and the unlock are staff actions: the audit log records them after the sign-in.
  await shell.lock();
  await login.unlock('admin');
  await page.keyboard.press('Control+3');
  await expect(audit.rows.and(page.locator('[data-action="session.unlock"]'))).toHaveCount(1);
  await audit.verifyChain();
  await tour.check('audit', audit.rows);
  await page.keyboard.press('Control+4');
  await tour.check('settings', settings.language);
});
