/** The audit log: entries a page at a time and the chain's verification. */
import { expect, type Page } from '@playwright/test';

export class AuditPage {
  constructor(readonly page: Page) {}

  get rows() {
    return this.page.getByTestId('audit-row');
  }

  /** Verifies the chain; answers the result line once it says the chain is intact. */
  async verifyChain() {
    await this.page.getByTestId('audit-verify').click();
    const result = this.page.getByTestId('audit-result');
    await expect(result).toHaveAttribute('data-ok', 'true');
    return result;
  }
}
