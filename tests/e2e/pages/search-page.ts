/** Global search (Ctrl+K): the dialog, its combobox field and its results. */
import { expect, type Page } from '@playwright/test';
import type { SearchHit } from '../../../src/shared/api/console.js';

export class SearchPage {
  constructor(readonly page: Page) {}

  get dialog() {
    return this.page.getByRole('dialog', { name: /^(Search|搜索)$/ });
  }

  get field() {
    return this.dialog.getByRole('combobox');
  }

  get results() {
    return this.dialog.getByRole('option');
  }

  /** The result of that kind whose id is exactly `id`. */
  hit(kind: SearchHit['kind'], id: string) {
    return this.results.and(this.page.locator(`[data-kind="${kind}"]`)).filter({ has: this.page.getByText(id, { exact: true }) });
  }

  /** Opens the dialog with its shortcut; the focus lands in the field. */
  async open(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.dialog).toBeVisible();
    await expect(this.field).toBeFocused();
  }

  /** Types a query and waits until its results (or "nothing found") are shown. */
  async query(text: string): Promise<void> {
    await this.field.fill(text);
    await expect(this.dialog.getByRole('status')).not.toHaveText(/^$|Searching|正在搜索/);
  }

  /** Moves to the hit with ↓ (the field keeps the focus) and opens it with Enter. */
  async openWithKeyboard(kind: SearchHit['kind'], id: string): Promise<void> {
    const hit = this.hit(kind, id);
    await expect(hit).toHaveCount(1);
    const target = await hit.getAttribute('id');
    const index = (await this.results.evaluateAll((options) => options.map((o) => o.id))).indexOf(target!);
    for (let i = 0; i < index; i += 1) await this.page.keyboard.press('ArrowDown');
    await expect(hit).toHaveAttribute('aria-selected', 'true');
    await expect(this.field).toHaveAttribute('aria-activedescendant', target!);
    await this.page.keyboard.press('Enter');
    await expect(this.dialog).toBeHidden();
  }
}
