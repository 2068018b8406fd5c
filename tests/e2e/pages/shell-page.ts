/** The frame around every screen: navigation by role, global search, the status bar. */
import { expect, type Page } from '@playwright/test';

import type { SyncState } from '../../../src/shared/api/console.js';
import { SearchPage } from './search-page.js';

export class ShellPage {
  constructor(readonly page: Page) {}

  get nav() {
    return this.page.getByRole('navigation');
  }

  get statusBar() {
    return this.page.getByTestId('status-bar');
  }

  /** The language select of the top bar (switches the whole console at once). */
  get languageSelect() {
    return this.page.getByRole('banner').getByRole('combobox', { name: /language|语言/i });
  }

  /** The screen has its heading and no loading indicator left. */
  async expectScreenLoaded(): Promise<void> {
    await expect(this.page.getByRole('main').getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expect(this.page.locator('main .loading')).toHaveCount(0);
  }

  /** Locks the console with the top bar's button; the lock screen replaces the frame. */
  async lock(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
    await expect(this.page.getByRole('heading', { name: 'Console locked' })).toBeVisible();
  }

  /** The menu entries the signed-in role sees, in order. */
  async menu(): Promise<string[]> {
    return (await this.nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
  }

  async open(label: string): Promise<void> {
    await this.nav.getByRole('link', { name: label, exact: true }).click();
    await expect(this.nav.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  }

  /** Goes straight to a hash route (e.g. `disputes/D1`). */
  async go(route: string): Promise<void> {
    await this.page.evaluate((r) => (window.location.hash = `#/${r}`), route);
  }

  async syncState(): Promise<string | null> {
    return this.statusBar.locator('[data-state]').getAttribute('data-state');
  }

  async expectSyncState(state: SyncState, timeout = 30_000): Promise<void> {
    await expect(this.statusBar.locator('[data-state]')).toHaveAttribute('data-state', state, { timeout });
  }

  async pendingCount(): Promise<number> {
    const text = await this.page.getByTestId('pending-count').innerText();
    return Number(/\d+/.exec(text)?.[0] ?? NaN);
  }

  async expectPending(count: number, timeout = 30_000): Promise<void> {
    await expect.poll(() => this.pendingCount(), { timeout }).toBe(count);
  }

  /** Opens global search with its shortcut and types a query; answers the dialog with its results. */
  async search(query: string) {
    const search = new SearchPage(this.page);
    await search.open();
    await search.query(query);
    return search.dialog;
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }
}
