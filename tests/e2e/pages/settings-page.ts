/** Settings: language, hub address, idle lock, data folder. */
import type { Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  /** The language select of the settings (the same choice as the top bar's). */
  get language() {
    return this.page.getByTestId('settings-language');
  }
}
