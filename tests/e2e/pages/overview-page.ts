/** The overview: today's figures, the work waiting, and the trend charts with their data tables. */
import { expect, type Page } from '@playwright/test';

export type ChartName = 'volume' | 'rates' | 'settlement' | 'aging';
export type RangeDays = 7 | 30 | 90;

export class OverviewPage {
  constructor(readonly page: Page) {}

  get range() {
    return this.page.getByTestId('overview-range');
  }

  get quietRangeNotice() {
    return this.page.getByTestId('overview-quiet-range');
  }

  chart(name: ChartName) {
    return this.page.getByTestId(`overview-chart-${name}`);
  }

  /** The chart itself (an image to assistive technology, summarised by its label; its legend icons come after it). */
  drawing(name: ChartName) {
    return this.chart(name).getByRole('img').first();
  }

  dataTable(name: ChartName) {
    return this.page.getByTestId(`overview-chart-${name}-table`);
  }

  dataRows(name: ChartName) {
    return this.dataTable(name).locator('tbody tr');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page.getByTestId('overview-stat-open-disputes')).toBeVisible();
    await expect(this.chart('volume')).toBeVisible();
    await expect(this.page.locator('main .loading')).toHaveCount(0);
  }

  async pickRange(days: RangeDays): Promise<void> {
    const button = this.range.locator(`button[data-value="${days}"]`);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    // One row per China day of the range, once the new series has arrived.
    await expect(this.dataRows('volume')).toHaveCount(days);
    await this.expectLoaded();
  }

  /** The labels along a chart's day axis. */
  axisTicks(name: ChartName): Promise<string[]> {
    return this.chart(name).locator('.recharts-xAxis-tick-labels text').allTextContents();
  }

  /** Opens a chart's data table (behind a disclosure) and answers its column headers. */
  async openDataTable(name: ChartName): Promise<string[]> {
    await this.dataTable(name).locator('summary').click();
    const table = this.dataTable(name).getByRole('table');
    await expect(table).toBeVisible();
    return table.getByRole('columnheader').allInnerTexts();
  }

  /** Hovers the tallest bar of a chart; answers the tooltip that shows. */
  async hoverTallestBar(name: ChartName) {
    const bars = this.chart(name).locator('path.recharts-rectangle');
    const heights = await bars.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(0);
    await bars.nth(heights.indexOf(Math.max(...heights))).hover();
    const tooltip = this.chart(name).locator('.recharts-tooltip-wrapper');
    await expect(tooltip).toBeVisible();
    return tooltip;
  }
}
