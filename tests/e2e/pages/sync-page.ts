/** The Sync screen: where the console stands against the hub, "Sync now", and the outbox. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { SyncState } from '../../../src/shared/api/console.js';

export type OutboxFilter = 'Waiting' | 'Rejected' | 'Accepted' | 'All';

export class SyncPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Sync', level: 1 });
  }

  get status() {
    return this.page.getByTestId('sync-status');
  }

  get pending() {
    return this.page.getByTestId('sync-pending');
  }

  get syncNowButton() {
    return this.page.getByRole('button', { name: 'Sync now' });
  }

  get outboxFilter() {
    return this.page.getByRole('group', { name: 'Show' });
  }

  /** The outbox table (absent when the chosen part of the outbox is empty). */
  get outbox() {
    return this.page.getByRole('table', { name: /^Outbox: / });
  }

  get outboxEmpty() {
    return this.page.getByText('Nothing here.');
  }

  /** Every row of the outbox table as shown. */
  get outboxRows() {
    return this.outbox.getByRole('row').filter({ has: this.page.getByRole('rowheader') });
  }

  /** The outbox row of one command on one case, by the label the screen gives the command (e.g. "Assign"). */
  outboxRow(command: string, caseId: string): Locator {
    return this.outboxRows.filter({ has: this.page.getByRole('rowheader', { name: `${command} ${caseId}`, exact: true }) });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.status).toBeVisible();
  }

  async expectState(state: SyncState, timeout = 30_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-state', state, { timeout });
  }

  async expectPending(count: number, timeout = 30_000): Promise<void> {
    await expect(this.pending).toHaveText(String(count), { timeout });
  }

  async show(filter: OutboxFilter): Promise<void> {
    await this.outboxFilter.getByRole('button', { name: filter, exact: true }).click();
    await expect(this.outboxFilter.getByRole('button', { name: filter, exact: true })).toHaveAttribute('aria-pressed', 'true');
  }

  /** Asks the console to push and pull now, and waits for it to say it finished. */
  async syncNow(): Promise<void> {
    await this.syncNowButton.click();
    await expect(this.page.getByTestId('sync-notice')).toContainText('Sync finished');
  }
}
