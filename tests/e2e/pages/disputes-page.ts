/**
 * The Disputes screen: the queue (filters, keyboard triage) and one case (facts, decision form,
 * timeline, ledger movements). Amounts are read back as bigint minor units through the shared
 * Money module, so a journey compares exact amounts, never floats.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { formatMoney, parseAmount, type Currency } from '../../../src/shared/money.js';

/** A formatted amount as the English UI shows it (e.g. "CN¥1,234.50"), as minor units. */
function minorOf(text: string, currency: Currency): bigint {
  const decimal = text.replace(/[^\d.-]/g, '');
  const parsed = parseAmount(decimal, currency);
  if (!parsed.ok) throw new Error(`"${text}" is not an amount in ${currency}: ${parsed.message}`);
  return parsed.value;
}

/** What the English UI shows for an amount. */
export const shown = (minor: bigint, currency: Currency): string => formatMoney(minor, currency, 'en');

export type CaseAmount = 'claimed' | 'held-at-open' | 'held' | 'refunded' | 'released';

export class DisputesPage {
  constructor(readonly page: Page) {}

  // --- the queue -------------------------------------------------------------------------

  get heading() {
    return this.page.getByRole('heading', { name: 'Disputes', level: 1 });
  }

  get filters() {
    return this.page.getByRole('form', { name: 'Filters' });
  }

  get queue() {
    return this.page.getByRole('grid', { name: 'Dispute queue' });
  }

  get keyboardHelp() {
    return this.page.getByText(/^Keys: /);
  }

  get notice() {
    return this.page.getByTestId('queue-notice');
  }

  /** The data rows of the grid (the header row has no dispute in it). */
  get rows() {
    return this.queue.getByRole('row').filter({ has: this.page.getByTestId('dispute-row') });
  }

  row(disputeId: string): Locator {
    return this.rows.filter({ has: this.page.locator(`[data-dispute-id="${disputeId}"]`) });
  }

  assigneeCell(disputeId: string): Locator {
    return this.row(disputeId).getByTestId('dispute-assignee');
  }

  /** The row under the keyboard cursor. */
  get cursorRow() {
    return this.queue.getByRole('row', { selected: true });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  /** The dispute ids of the rows in view, top to bottom. */
  async visibleIds(): Promise<string[]> {
    return this.queue.getByTestId('dispute-row').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-dispute-id') ?? ''));
  }

  async cursorId(): Promise<string> {
    return (await this.cursorRow.getByTestId('dispute-row').getAttribute('data-dispute-id')) ?? '';
  }

  /**
   * Chooses a filter and waits for its answer: rows, every one showing the option (the list
   * shown before the filter would otherwise satisfy the next step).
   */
  async filterBy(label: 'Status' | 'Reason' | 'Assignee', option: string): Promise<void> {
    await this.filters.getByLabel(label, { exact: true }).selectOption({ label: option });
    await expect
      .poll(async () => {
        const rows = await this.rows.allInnerTexts();
        return rows.length > 0 && rows.every((text) => text.includes(option));
      })
      .toBe(true);
  }

  /** A typed filter (merchant, claimed amounts): applied on Enter. */
  async typeFilter(label: 'Merchant id' | 'Claimed from' | 'Claimed up to', value: string): Promise<void> {
    const field = this.filters.getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press('Enter');
  }

  async clearFilters(): Promise<void> {
    await this.filters.getByRole('button', { name: 'Clear filters' }).click();
  }

  /** Keyboard triage: focuses the grid (its cursor starts on the first row) and presses keys. */
  async press(...keys: string[]): Promise<void> {
    await this.queue.focus();
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Opens the first case of the queue from the keyboard; its id. */
  async openFirstCase(): Promise<string> {
    const [disputeId] = await this.visibleIds();
    await this.press('Enter');
    await expect(this.caseHeading(disputeId)).toBeVisible();
    return disputeId;
  }

  // --- one case --------------------------------------------------------------------------

  get caseView() {
    return this.page.getByTestId('dispute-case');
  }

  caseHeading(disputeId: string) {
    return this.page.getByRole('heading', { name: `Dispute ${disputeId}`, level: 1 });
  }

  get caseStatus() {
    return this.page.getByTestId('case-status');
  }

  get caseAssignee() {
    return this.page.getByTestId('case-assignee');
  }

  /** An amount of the case summary: claimed, held when opened, held now, refunded, released. */
  fact(name: CaseAmount): Locator {
    return this.page.getByTestId(`case-${name}`);
  }

  async amountOf(name: CaseAmount, currency: Currency): Promise<bigint> {
    return minorOf(await this.fact(name).innerText(), currency);
  }

  /** The case's currency, as the summary shows it. */
  async currency(): Promise<Currency> {
    return (await this.caseView.getAttribute('data-currency')) as Currency;
  }

  get pendingSync() {
    return this.page.getByTestId('pending-sync');
  }

  async assignToMe(): Promise<void> {
    await this.caseView.getByRole('button', { name: 'Assign to me' }).click();
  }

  get decisionForm() {
    return this.page.getByTestId('decision-form');
  }

  async chooseResolution(label: 'Full refund to the buyer' | 'Partial refund (the rest to the merchant)' | 'Release to the merchant' | 'Split between buyer and merchant'): Promise<void> {
    await this.decisionForm.getByRole('radio', { name: label }).check();
  }

  refundField(currency: Currency) {
    return this.decisionForm.getByLabel(`Refund to the buyer (${currency})`);
  }

  /** The refusal the form says under a field (its alert). */
  fieldError(field: Locator) {
    return field.locator('xpath=..').getByRole('alert');
  }

  get decisionPreview() {
    return this.page.getByTestId('decision-preview');
  }

  async submitDecision(): Promise<void> {
    await this.decisionForm.getByRole('button', { name: 'Submit decision' }).click();
  }

  get confirmDialog() {
    return this.page.getByRole('alertdialog', { name: 'Confirm the decision' });
  }

  async confirmDecision(): Promise<void> {
    await this.confirmDialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(this.confirmDialog).toBeHidden();
    // Once a resolution is queued the form gives way to "pending sync" (and then to the outcome).
    await expect(this.decisionForm).toBeHidden();
  }

  /** Resolves the open case with the whole hold to the merchant (below the four-eyes threshold). */
  async release(): Promise<void> {
    await this.chooseResolution('Release to the merchant');
    await this.submitDecision();
    await this.confirmDecision();
  }

  get timeline() {
    return this.page.getByTestId('timeline');
  }

  timelineEntry(type: string): Locator {
    return this.timeline.locator(`li[data-type="${type}"]`);
  }

  get movements() {
    return this.page.getByTestId('ledger-movements');
  }

  /** The ledger movement rows of one posting code (hold, release, refund, fee, reserve). */
  movementRows(code: string): Locator {
    return this.movements.locator(`tbody tr[data-code="${code}"]`);
  }

  async movementAmounts(code: string, currency: Currency): Promise<bigint[]> {
    const cells = await this.movementRows(code).locator('td.num').allInnerTexts();
    return cells.map((text) => minorOf(text, currency));
  }

  // --- evidence --------------------------------------------------------------------------

  get evidence() {
    return this.page.getByTestId('evidence');
  }

  previewButton(fileName: string): Locator {
    return this.evidence.getByRole('button', { name: `Preview ${fileName}` });
  }

  /** The open preview (one at a time): data-state loading | ready | error. */
  get preview() {
    return this.page.getByTestId('attachment-preview');
  }

  get previewImage() {
    return this.preview.getByTestId('attachment-image');
  }

  get pdfPage() {
    return this.preview.getByTestId('pdf-page');
  }

  /** The image as the browser decoded it: width and height in pixels (0 when it did not load). */
  async decodedSize(image: Locator): Promise<{ width: number; height: number }> {
    return image.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
  }

  /** The SHA-256 of the bytes the preview hands over with "Save a copy" (the same blob it shows). */
  async savedCopySha256(): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.preview.getByTestId('attachment-save').click()]);
    return createHash('sha256').update(await readFile(await download.path())).digest('hex');
  }

  /** Whether the PDF canvas has anything drawn on it but the page's white. */
  async pdfHasInk(): Promise<boolean> {
    return this.pdfPage.evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) return true;
      return false;
    });
  }

  async backToQueue(): Promise<void> {
    await this.page.getByRole('link', { name: /Back to the queue/ }).click();
    await expect(this.heading).toBeVisible();
  }
}
