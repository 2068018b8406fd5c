/**
 * The Risk screen: the flagged-orders queue (by level and status), one flag's review with its
 * decision, the allow/block lists and the rules' backtest.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell-page.js';

export type RiskLevel = 'Elevated' | 'Highest';
/** The statuses as the queue's status filter names them. */
export type RiskStatusFilter = 'Unreviewed (open and kept)' | 'Open' | 'Kept' | 'Cleared' | 'Refunded as fraud';

export class RiskPage {
  private readonly shell: ShellPage;

  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  // ── the queue ────────────────────────────────────────────────────────────

  get queue(): Locator {
    return this.page.getByRole('grid', { name: 'Flagged orders' });
  }

  async open(): Promise<void> {
    await this.shell.open('Risk');
    await expect(this.page.getByRole('heading', { name: 'Risk review', level: 1 })).toBeVisible();
  }

  async filter({ level, status }: { level?: RiskLevel | 'All levels'; status?: RiskStatusFilter }): Promise<void> {
    const filters = this.page.getByRole('group', { name: 'Filters' });
    if (level) await filters.getByLabel('Level').selectOption({ label: level });
    if (status) await filters.getByLabel('Status').selectOption({ label: status });
    // The answer to a level filter: rows, all of that level (not the list shown before it).
    if (level && level !== 'All levels') {
      const code = level.toLowerCase();
      await expect
        .poll(async () => {
          const levels = await this.queue.getByTestId('risk-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')));
          return levels.length > 0 && levels.every((l) => l === code);
        })
        .toBe(true);
    }
  }

  /** Waits until the queue has answered (rows or the empty notice). */
  async expectQueueLoaded(): Promise<void> {
    await expect(this.page.getByText(/flags shown/)).toBeVisible();
  }

  /** How many flags match the filters, once the queue has loaded them all (its footer says so). */
  async flagCount(): Promise<number> {
    const footer = this.page.getByText(/flags shown; that is all\./);
    await expect(footer).toBeVisible();
    return Number(/^(\d+)/.exec(await footer.innerText())?.[1]);
  }

  /** The flags the queue shows now (the rows in view), top first. */
  async shownFlags(): Promise<Array<{ orderId: string; level: string; score: number }>> {
    const rows = this.queue.getByRole('row').filter({ has: this.page.getByTestId('risk-row') });
    return rows.evaluateAll((all) =>
      all.map((row) => {
        const flag = row.querySelector('[data-testid="risk-row"]');
        return { orderId: flag?.getAttribute('data-order-id') ?? '', level: flag?.getAttribute('data-level') ?? '', score: Number(row.querySelectorAll('[role="gridcell"]')[1]?.textContent) };
      }),
    );
  }

  /** One flag's row marker, carrying its order id, level and status (`data-status`). */
  row(orderId: string): Locator {
    return this.queue.locator(`[data-testid="risk-row"][data-order-id="${orderId}"]`);
  }

  async openReview(orderId: string): Promise<void> {
    await this.row(orderId).getByRole('link', { name: orderId }).click();
    await expect(this.review).toBeVisible();
    await expect(this.page.getByRole('heading', { name: `Risk review: order ${orderId}` })).toBeVisible();
  }

  async backToQueue(): Promise<void> {
    await this.page.getByRole('link', { name: /Back to flagged orders/ }).click();
    await expect(this.queue.or(this.page.getByTestId('risk-empty'))).toBeVisible();
  }

  // ── one review ───────────────────────────────────────────────────────────

  get review(): Locator {
    return this.page.getByTestId('risk-review');
  }

  get scoreBreakdown(): Locator {
    return this.page.getByRole('table', { name: 'Rules that gave points to this order' });
  }

  /** The breakdown as rule → points, and the total score the footer shows. */
  async scoreLines(): Promise<{ rules: Array<{ rule: string; points: number }>; score: number }> {
    const rows = this.scoreBreakdown.getByRole('rowgroup').nth(1).getByRole('row');
    const rules: Array<{ rule: string; points: number }> = [];
    for (const row of await rows.all()) {
      rules.push({ rule: (await row.getByRole('rowheader').innerText()).trim(), points: Number(await row.getByRole('cell').first().innerText()) });
    }
    return { rules, score: Number(await this.page.getByTestId('risk-score').innerText()) };
  }

  /** Why the score differs from the rules' sum (capped, or lowered by the allow list). */
  get scoreNote(): Locator {
    return this.scoreBreakdown.getByTestId('risk-score-note');
  }

  history(who: 'Buyer' | 'Merchant', id: string): Locator {
    return this.page.getByRole('region', { name: `${who} ${id}` });
  }

  /** The flag's status as the review's header badge words it. */
  get status(): Locator {
    return this.page.getByTestId('risk-status');
  }

  get orderFacts(): Locator {
    return this.page.getByRole('region', { name: 'Order' });
  }

  private async fact(name: 'buyer' | 'merchant' | 'status' | 'amount' | 'held' | 'refunded'): Promise<string> {
    return (await this.orderFacts.getByTestId(`risk-order-${name}`).innerText()).trim();
  }

  /** The buyer and merchant of the open flag, from the order facts. */
  async parties(): Promise<{ buyerId: string; merchantId: string }> {
    return { buyerId: await this.fact('buyer'), merchantId: await this.fact('merchant') };
  }

  /** Where the order's money is, as the review's order facts show it (formatted amounts). */
  async orderMoney(): Promise<{ status: string; amount: string; held: string; refunded: string }> {
    return { status: await this.fact('status'), amount: await this.fact('amount'), held: await this.fact('held'), refunded: await this.fact('refunded') };
  }

  private get decision(): Locator {
    return this.page.getByRole('region', { name: 'Decision' });
  }

  private async confirm(dialogTitle: string, confirmLabel: string): Promise<void> {
    const dialog = this.page.getByRole('alertdialog', { name: dialogTitle });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: confirmLabel }).click();
    await expect(dialog).toBeHidden();
    await expect(this.decision.getByTestId('risk-queued').or(this.page.getByTestId('risk-closed'))).toBeVisible();
  }

  /** Clears the open flag (confirmed): the hold is unfrozen. */
  async clear(note?: string): Promise<void> {
    if (note) await this.decision.getByLabel('Note').fill(note);
    await this.decision.getByRole('button', { name: 'Clear flag' }).click();
    await this.confirm('Clear this flag?', 'Clear flag');
  }

  /** Refunds the open flag's order as fraud (confirmed): everything held goes back to the buyer. */
  async refundAsFraud(note: string): Promise<void> {
    await this.decision.getByLabel('Note').fill(note);
    await this.decision.getByRole('button', { name: 'Refund as fraud' }).click();
    await this.confirm('Refund as fraud?', 'Refund as fraud');
  }

  // ── lists and backtest ───────────────────────────────────────────────────

  async openSection(name: 'Flagged orders' | 'Allow / block lists' | 'Backtest'): Promise<void> {
    const tabs = this.page.getByRole('navigation', { name: 'Risk sections' });
    await tabs.getByRole('link', { name, exact: true }).click();
    await expect(tabs.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }

  get listEntries(): Locator {
    return this.page.getByRole('table', { name: 'List entries' }).getByTestId('list-entry');
  }

  /** The list entry of one value (a buyer id, a device, …). */
  listEntry(value: string): Locator {
    return this.listEntries.filter({ has: this.page.getByRole('rowheader', { name: value, exact: true }) });
  }

  /** Runs the backtest with the given thresholds (empty keeps the current rules). */
  async runBacktest(thresholds: { elevatedAt?: number; highestAt?: number } = {}): Promise<void> {
    const form = this.page.getByRole('region', { name: 'Thresholds' });
    if (thresholds.elevatedAt !== undefined) await form.getByLabel('Elevated from score').fill(String(thresholds.elevatedAt));
    if (thresholds.highestAt !== undefined) await form.getByLabel('Highest from score').fill(String(thresholds.highestAt));
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await expect(this.page.getByTestId('backtest-results')).toBeVisible();
  }

  /** The thresholds each side of the backtest ran with, in words. */
  get backtestThresholds(): Locator {
    return this.page.getByTestId('backtest-thresholds');
  }

  /** A row of the backtest's "by level" table: orders under the current rules and the edited ones. */
  async backtestLevel(level: 'Normal' | RiskLevel): Promise<{ current: number; edited: number }> {
    const row = this.page.getByRole('table', { name: 'By level' }).getByRole('row', { name: new RegExp(`^${level}`) });
    const cells = row.getByRole('cell');
    const count = async (i: number) => Number((await cells.nth(i).innerText()).replace(/\D/g, ''));
    return { current: await count(0), edited: await count(2) };
  }
}
