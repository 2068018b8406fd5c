/**
 * A rough check for strings left in the other language: the console's own words (headings,
 * menu, column headers, labels, buttons, figure labels) are read off the screen; data (names,
 * ids, amounts in cells) is left out, since a Chinese merchant name on an English screen is right.
 */
import type { Page } from '@playwright/test';
import type { Language } from '../../../src/shared/api/console.js';

const CONSOLE_WORDS = [
  'main h1',
  'main h2',
  'main h3',
  'nav a',
  'main th[scope="col"]',
  'main [role="columnheader"]',
  'main label',
  'main legend',
  'main summary',
  'main button',
  'main .stat-label',
  'main .subtitle',
].join(', ');

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** An English word: three lower-case letters in a row (codes such as CNY or MT940 are not words). */
const ENGLISH_WORD = /[a-z]{3,}/;

/** The console's own words on the screen, each visible element's text once. */
async function consoleWords(page: Page): Promise<string[]> {
  const texts = await page.locator(CONSOLE_WORDS).evaluateAll((elements) =>
    elements.filter((e) => e instanceof HTMLElement && e.offsetParent !== null).map((e) => (e as HTMLElement).innerText.trim()),
  );
  return [...new Set(texts.filter((t) => t !== ''))];
}

/**
 * The console's words on screen written only in the other language: Chinese without an English
 * word on an English screen, English without a Chinese character on a Chinese one ("重庆金桥… ·
 * Submitted" is a name and an English status, not a missing translation).
 */
export async function untranslatedWords(page: Page, language: Language): Promise<string[]> {
  const inChinese = (text: string) => CJK.test(text) && !ENGLISH_WORD.test(text);
  const inEnglish = (text: string) => ENGLISH_WORD.test(text) && !CJK.test(text);
  return (await consoleWords(page)).filter(language === 'en' ? inChinese : inEnglish);
}
