/**
 * The Merchants screen: the onboarding pipeline, one application's review (the field checks,
 * requirements and the decision) and a merchant's profile (balances, reserve).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell-page.js';

/** The pipeline's status filters and the application status each shows. */
const STATUS_FILTERS = { Submitted: 'submitted', 'Information requested': 'information_requested', Approved: 'approved', Rejected: 'rejected' } as const;
export type ApplicationStatusLabel = keyof typeof STATUS_FILTERS;
export type CheckResult = 'Passed' | 'Failed' | 'Warning';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class MerchantsPage {
  private readonly shell: ShellPage;

  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  // ── the pipeline ─────────────────────────────────────────────────────────

  get pipeline(): Locator {
    return this.page.getByRole('table', { name: 'Merchant applications' });
  }

  /** The pipeline's rows, each carrying its application id and status. */
  get applications(): Locator {
    return this.pipeline.getByTestId('application-row');
  }

  application(applicationId: string): Locator {
    return this.pipeline.locator(`[data-testid="application-row"][data-application-id="${applicationId}"]`);
  }

  async open(): Promise<void> {
    await this.shell.open('Merchants');
    await expect(this.page.getByRole('heading', { name: 'Merchants', level: 1 })).toBeVisible();
    await expect(this.page.getByRole('heading', { name: 'Onboarding pipeline' })).toBeVisible();
  }

  async showStatus(status: ApplicationStatusLabel): Promise<void> {
    const filter = this.page.getByRole('group', { name: 'Status' }).getByRole('button', { name: status, exact: true });
    await filter.click();
    await expect(filter).toHaveAttribute('aria-pressed', 'true');
    // The previous filter's rows stay until the new page arrives.
    await expect(this.pipeline.locator(`[data-testid="application-row"]:not([data-status="${STATUS_FILTERS[status]}"])`)).toHaveCount(0);
    await expect(this.applications.first().or(this.page.getByText('No applications with this status.'))).toBeVisible();
  }

  /** Loads every page of the current status filter. */
  async loadAll(): Promise<void> {
    const more = this.page.getByRole('button', { name: 'Load more' });
    while (await more.isVisible()) {
      const shown = await this.applications.count();
      await more.click();
      await expect(this.applications).not.toHaveCount(shown);
    }
  }

  /** Rows whose USCC was given but failed its check (a missing USCC is a different case). */
  get withInvalidUscc(): Locator {
    const invalidUscc = this.page.getByRole('listitem').filter({ hasText: /Failed\s+USCC check digits/ }).filter({ hasNotText: 'missing' });
    return this.applications.filter({ has: this.page.getByTestId('application-checks').filter({ has: invalidUscc }) });
  }

  /** Rows whose every automatic check passed. */
  get withAllChecksPassed(): Locator {
    return this.applications.filter({ has: this.page.getByRole('cell', { name: 'All passed', exact: true }) });
  }

  async idOf(row: Locator): Promise<string> {
    const id = await row.getAttribute('data-application-id');
    if (!id) throw new Error('a pipeline row without an application id');
    return id;
  }

  async openApplication(applicationId: string): Promise<void> {
    await this.application(applicationId).getByRole('link', { name: applicationId }).click();
    await expect(this.page.getByRole('heading', { name: `Application ${applicationId}` })).toBeVisible();
  }

  async backToPipeline(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to the pipeline' }).click();
    await expect(this.page.getByRole('heading', { name: 'Onboarding pipeline' })).toBeVisible();
  }

  // ── one application ──────────────────────────────────────────────────────

  get fieldChecks(): Locator {
    return this.page.getByRole('table', { name: 'Results per field' });
  }

  /** A field path as the screens print it (`uscc`, `bankAccount.number`, `documents.<kind>`). */
  private fieldPath(field: string): Locator {
    return this.page.locator('code', { hasText: new RegExp(`^${escapeRegExp(field)}$`) });
  }

  /** The description a fact list (`dl`) gives one of its terms. */
  private definition(list: Locator, term: string): Locator {
    return list.locator('dt', { hasText: new RegExp(`^${escapeRegExp(term)}$`) }).locator('xpath=following-sibling::dd[1]');
  }

  /** One field's check row. */
  check(field: string): Locator {
    return this.fieldChecks.getByRole('row').filter({ has: this.page.getByRole('rowheader').filter({ has: this.fieldPath(field) }) });
  }

  async expectCheck(field: string, result: CheckResult): Promise<void> {
    await expect(this.check(field).getByRole('cell').first()).toHaveText(new RegExp(`${result}$`));
  }

  /** What a field's check found: its code ("check_digit") and the reason in words. */
  checkFinding(field: string): { code: Locator; reason: Locator } {
    const cells = this.check(field).getByRole('cell');
    return { code: cells.nth(1), reason: cells.nth(2) };
  }

  /** The applicant's facts, by their term ("Unified social credit code", "Merchant id"). */
  applicantFact(term: string): Locator {
    return this.definition(this.page.getByRole('region', { name: 'Applicant' }), term);
  }

  /** The checks that did not pass, as "field: result". */
  async checksNotPassed(): Promise<string[]> {
    const rows = this.fieldChecks.getByRole('rowgroup').nth(1).getByRole('row').filter({ hasNot: this.page.getByRole('cell', { name: 'Passed', exact: true }) });
    return rows.evaluateAll((all) => all.map((r) => `${r.querySelector('th code')?.textContent ?? ''}: ${r.getAttribute('data-status') ?? ''}`));
  }

  /** One requirements list ("Currently due", "Errors", …): how many fields it holds. */
  async requirementCount(list: 'Currently due' | 'Past due' | 'Pending verification' | 'Eventually due' | 'Errors'): Promise<number> {
    const heading = this.page.getByRole('region', { name: 'Requirements' }).getByRole('heading', { name: new RegExp(`^${list} \\(\\d+\\)$`) });
    return Number(/\((\d+)\)/.exec(await heading.innerText())?.[1]);
  }

  /** A field's row in the requirement errors (field, code, reason). */
  requirementError(field: string): Locator {
    return this.page.getByRole('region', { name: 'Errors' }).getByRole('row').filter({ has: this.fieldPath(field) });
  }

  /** The application's status as its header badge words it. */
  get status(): Locator {
    return this.page.getByTestId('application-status');
  }

  private get decision(): Locator {
    return this.page.getByRole('region', { name: 'Decision' });
  }

  async reject(reason: string, note: string): Promise<void> {
    await this.decision.getByRole('button', { name: 'Reject', exact: true }).click();
    await this.decision.getByLabel('Reason').selectOption({ label: reason });
    await this.decision.getByLabel('Note (optional)').fill(note);
    await this.decision.getByRole('button', { name: 'Reject application' }).click();
    await this.expectDecided('Rejected');
  }

  async approve({ tier, schedule, reservePercent }: { tier: 'Standard' | 'Silver' | 'Gold'; schedule: 'Daily' | 'Weekly' | 'Manual'; reservePercent: string }): Promise<void> {
    await this.decision.getByRole('button', { name: 'Approve', exact: true }).click();
    await this.decision.getByLabel('Tier').selectOption({ label: tier });
    await this.decision.getByLabel('Payout schedule').selectOption({ label: schedule });
    await this.decision.getByLabel('Rolling reserve (%)').fill(reservePercent);
    await this.decision.getByRole('button', { name: 'Approve application' }).click();
    await this.expectDecided('Approved');
  }

  /**
   * The decision is queued (its notice shows), or the hub has already accepted it and the
   * events came back (the status moved on and the form is gone): on a fast sync the notice
   * can come and go before a look.
   */
  private async expectDecided(status: 'Approved' | 'Rejected'): Promise<void> {
    await expect(this.decision.getByTestId('decision-queued').or(this.status.filter({ hasText: status })).first()).toBeVisible();
  }

  // ── a merchant's profile ─────────────────────────────────────────────────

  get profile(): Locator {
    return this.page.getByTestId('merchant-profile');
  }

  /** Opens the merchant's profile from an approved application's pipeline row. */
  async openProfileFrom(row: Locator): Promise<void> {
    const merchantId = await row.getByRole('cell').nth(1).innerText();
    await row.getByRole('link', { name: merchantId.trim() }).click();
    await expect(this.page.getByRole('heading', { name: `Merchant ${merchantId.trim()}` })).toBeVisible();
    await expect(this.profile).toBeVisible();
  }

  /** One of the merchant's terms ("Tier", "Payout schedule", "Rolling reserve", …). */
  term(name: string): Locator {
    return this.definition(this.page.getByRole('region', { name: 'Terms' }), name);
  }

  get balances(): Locator {
    return this.page.getByRole('table', { name: 'Balances by currency' });
  }
}
