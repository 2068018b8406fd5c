/**
 * The Playwright test every journey uses: `world` is a fresh hub + browser-mode console per test
 * (see world.ts), `app` the console opened in the page, signed out, in English unless the test
 * switches. `screens` saves a named full-page screenshot into test-results/e2e-screens and
 * attaches it to the report; `a11y` runs axe-core on the current screen.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LoginPage } from '../pages/login-page.js';
import { ShellPage } from '../pages/shell-page.js';
import { World } from './world.js';

export const SCREENS_DIR = resolve('test-results', 'e2e-screens');

export interface Screens {
  /** Saves `test-results/e2e-screens/<name>.png` (full page) and attaches it. */
  save(name: string): Promise<string>;
}

async function saveScreen(page: Page, info: TestInfo, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  // From the top: the frame's sticky header and sidebar would otherwise be drawn where the
  // document was last scrolled to, across the middle of the full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Let charts finish their entry animation and fonts settle before the picture.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  // The window as tall as the page for the picture: the frame's sticky bars (top bar, status
  // bar) then sit at the page's ends instead of where the first screenful ends.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    if (viewport && height > viewport.height) await page.setViewportSize(viewport);
  }
  await info.attach(name, { path, contentType: 'image/png' });
  return path;
}

/** axe-core on the page as it is: the serious and critical violations, described for a failure message. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`);
}

export const test = base.extend<{ world: World; login: LoginPage; shell: ShellPage; screens: Screens; a11y: () => Promise<void> }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use, info) => {
    const world = await World.start(info.title);
    try {
      await use(world);
    } finally {
      await world.stop();
    }
  },
  login: async ({ page, world }, use) => {
    const login = new LoginPage(page);
    await page.goto(world.url);
    await login.useEnglish();
    await use(login);
  },
  shell: async ({ page }, use) => {
    await use(new ShellPage(page));
  },
  screens: async ({ page }, use, info) => {
    await use({ save: (name) => saveScreen(page, info, name) });
  },
  a11y: async ({ page }, use) => {
    await use(async () => {
      expect(await seriousViolations(page)).toEqual([]);
    });
  },
});

export { expect };
