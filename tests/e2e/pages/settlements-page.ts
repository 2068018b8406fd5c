/**
 * Settlements (finance): the payout run and payout list, statement import, and the
 * reconciliation workspace (the days, one day's exceptions by category, resolutions, approval,
 * closing, the CSV export).
 */
import { expect, type Download, type Locator, type Page, type Request, type Route } from '@playwright/test';

type Section = 'Payouts' | 'Statement import' | 'Reconciliation';

/** The category headings of a day, as the workspace names them. */
const CATEGORY_NAMES = {
  amount_mismatch: 'Amount mismatch',
  currency_mismatch: 'Currency mismatch',
  duplicate: 'Duplicate line',
  unknown_in_statement: 'In the statement, not in the ledger',
  missing_in_statement: 'In the ledger, not in the statement',
} as const;
export type Category = keyof typeof CATEGORY_NAMES;

export type Resolution = 'Force-match' | 'Write off' | 'Ignore' | 'Re-issue the payout';

export class SettlementsPage {
  constructor(readonly page: Page) {}

  get sections() {
    return this.page.getByRole('navigation', { name: 'Settlement sections' });
  }

  async openSection(section: Section): Promise<void> {
    await this.sections.getByRole('link', { name: section, exact: true }).click();
    await expect(this.sections.getByRole('link', { name: section, exact: true })).toHaveAttribute('aria-current', 'page');
  }

  // ---- Payouts ----------------------------------------------------------------------------

  get payoutRun() {
    return this.page.getByRole('region', { name: 'Payout run' });
  }

  get payoutList() {
    return this.page.getByRole('region', { name: 'Payouts', exact: true });
  }

  // ---- Statement import -------------------------------------------------------------------

  get importForm() {
    return this.page.getByTestId('import-form');
  }

  get importProgress() {
    return this.page.getByTestId('import-progress');
  }

  get importSummary() {
    return this.page.getByRole('region', { name: 'Imported' });
  }

  async chooseStatement(path: string): Promise<void> {
    await this.importForm.getByLabel('Statement file').setInputFiles(path);
  }

  async startImport(): Promise<void> {
    await this.importForm.getByRole('button', { name: 'Import', exact: true }).click();
  }

  /**
   * Imports a file and checks the progress of each phase (the upload, then the import) while
   * the host's answer to it is held back: a file of a few hundred lines passes through both
   * faster than a screen could show them.
   */
  async importWithProgress(path: string): Promise<void> {
    const upload = await this.holdRequest('**/api/upload?*', () => true);
    const importing = await this.holdRequest('**/api/invoke', (request) => (JSON.parse(request.postData() ?? '{}') as { method?: string }).method === 'recon.import');
    try {
      await this.chooseStatement(path);
      await this.startImport();
      await upload.arrived;
      await expect(this.importProgress).toHaveAttribute('data-phase', 'uploading');
      await expect(this.importProgress.getByRole('progressbar', { name: 'Uploading' })).toBeVisible();
      await expect(this.importForm.getByRole('button', { name: 'Cancel import' })).toBeVisible();
      upload.release();
      await importing.arrived;
      await expect(this.importProgress).toHaveAttribute('data-phase', 'importing');
      await expect(this.importProgress.getByRole('progressbar', { name: 'Importing' })).toBeVisible();
      importing.release();
      await expect(this.importSummary).toBeVisible();
      await expect(this.importProgress).toBeHidden();
    } finally {
      await upload.stop();
      await importing.stop();
    }
  }

  /** Holds the first request to `url` that `matches` until released; any other goes through. */
  private async holdRequest(url: string, matches: (request: Request) => boolean): Promise<{ arrived: Promise<void>; release(): void; stop(): Promise<void> }> {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const handler = async (route: Route) => {
      if (held || !matches(route.request())) return route.fallback();
      held = true;
      arrive();
      await released;
      await route.continue();
    };
    await this.page.route(url, handler);
    return { arrived, release, stop: () => this.page.unroute(url, handler) };
  }

  /** A figure of the summary (Lines read, Imported, Already present, Matched) as a number. */
  async summaryFigure(testId: 'summary-lines-read' | 'summary-imported' | 'summary-already-present' | 'summary-matched'): Promise<number> {
    return Number((await this.importSummary.getByTestId(testId).innerText()).replace(/\D/g, ''));
  }

  /** The summary's count of exceptions in each category. */
  async summaryExceptions(): Promise<Record<Category, number>> {
    const table = this.importSummary.getByRole('table', { name: 'Exceptions by category' });
    const counts = {} as Record<Category, number>;
    for (const [category, name] of Object.entries(CATEGORY_NAMES) as Array<[Category, string]>) {
      counts[category] = Number(await table.getByRole('row', { name }).getByRole('cell').innerText());
    }
    return counts;
  }

  // ---- Reconciliation ---------------------------------------------------------------------

  get days() {
    return this.page.getByRole('table', { name: 'Reconciled days' });
  }

  dayRow(dayId: string): Locator {
    return this.days.locator(`[data-day-id="${dayId}"]`);
  }

  /** Opens a day (`trade.2031-03-04`, `bank.2031-03-05`) from the list. */
  async openDay(dayId: string): Promise<void> {
    const date = dayId.slice(dayId.indexOf('.') + 1);
    await this.dayRow(dayId).getByRole('link', { name: date, exact: true }).click();
    await expect(this.dayView).toHaveAttribute('data-day-id', dayId);
    await expect(this.page.getByRole('heading', { level: 1, name: new RegExp(`^Day ${date}`) })).toBeVisible();
  }

  /** Matches a day never matched on this console (a day of the bank's feed) and waits for its figures. */
  async matchDay(): Promise<void> {
    await this.page.getByRole('button', { name: 'Match the day' }).click();
    await expect(this.page.getByRole('button', { name: 'Match again' })).toBeVisible();
  }

  async backToDays(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to the days' }).click();
    await expect(this.days).toBeVisible();
  }

  get dayView() {
    return this.page.getByTestId('recon-day-view');
  }

  /** The section of one category, named "<category> (<count>)". */
  category(category: Category): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${escapeRegExp(CATEGORY_NAMES[category])} \\(\\d+\\)$`) });
  }

  /** The categories the day shows, with how many exceptions each holds. */
  async categoryCounts(): Promise<Partial<Record<Category, number>>> {
    const counts: Partial<Record<Category, number>> = {};
    for (const category of Object.keys(CATEGORY_NAMES) as Category[]) {
      const section = this.category(category);
      if ((await section.count()) > 0) counts[category] = await section.getByRole('row').filter({ has: this.page.getByRole('rowheader') }).count();
    }
    return counts;
  }

  exception(category: Category, reference: string): Locator {
    return this.category(category).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(reference)}\\b`) }) });
  }

  /** Resolves an exception with one of the actions its category allows, and a reason. */
  async resolve(category: Category, reference: string, resolution: Resolution, reason: string): Promise<void> {
    const row = this.exception(category, reference);
    await row.getByLabel(`Resolution for ${reference}`).selectOption({ label: resolution });
    await row.getByLabel(`Reason for resolving ${reference}`).fill(reason);
    await row.getByRole('button', { name: 'Resolve' }).click();
    // Queued (a write-off above the threshold only proposed); the hub's answer follows with a sync.
    await expect(row).toHaveAttribute('data-status', /^(resolved|proposed)$/);
  }

  async approveWriteOff(category: Category, reference: string): Promise<void> {
    const row = this.exception(category, reference);
    await row.getByRole('button', { name: 'Approve write-off' }).click();
    await expect(row.getByRole('button', { name: 'Approve write-off' })).toBeHidden();
  }

  /** Open: without a resolution, or a write-off that waits for a second officer. */
  get openCount() {
    return this.dayView.getByTestId('day-open-count');
  }

  get closeButton() {
    return this.page.getByRole('button', { name: 'Close the day' });
  }

  async closeDay(): Promise<void> {
    await this.closeButton.click();
    await expect(this.page.getByTestId('recon-notice')).toBeVisible();
  }

  /** Exports the day: the downloaded file's name, its header and its rows by column name. */
  async exportCsv(): Promise<{ name: string; header: string[]; rows: Array<Record<string, string>> }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: 'Export CSV' }).click()]);
    const [header, ...rows] = csvRecords(await readDownload(download));
    return { name: download.suggestedFilename(), header, rows: rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]]))) };
  }
}

async function readDownload(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks); CRLF line ends. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  const fields = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/g;
  let record: string[] = [];
  for (let match = fields.exec(text); match && match.index < text.length; match = fields.exec(text)) {
    const [, raw, end] = match;
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (end !== ',') {
      records.push(record);
      record = [];
    }
  }
  return records;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
