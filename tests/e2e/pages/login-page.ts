/** The sign-in and lock screens. */
import { expect, type Page } from '@playwright/test';
import { passwordOf, type StaffName } from '../support/world.js';

export class LoginPage {
  constructor(private readonly page: Page) {}

  get languageSelect() {
    return this.page.getByRole('combobox', { name: /language|语言/i });
  }

  async useEnglish(): Promise<void> {
    await this.languageSelect.first().selectOption('en');
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  async useChinese(): Promise<void> {
    await this.languageSelect.first().selectOption('zh-CN');
  }

  /** Signs in as one of the seeded staff and waits for the frame. */
  async signIn(name: StaffName, password = passwordOf(name)): Promise<void> {
    await this.page.getByLabel('Staff name').fill(name);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByTestId('who')).toContainText(name);
  }

  async unlock(name: StaffName): Promise<void> {
    await this.page.getByLabel('Password').fill(passwordOf(name));
    await this.page.getByRole('button', { name: 'Unlock' }).click();
    await expect(this.page.getByTestId('who')).toContainText(name);
  }
}
