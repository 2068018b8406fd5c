/**
 * The form legal names are compared in, so that spelling conventions do not count as
 * differences: "ＡＣＭＥ Trading Co., Ltd." and "Acme Trading" normalise alike, as do
 * "阿里巴巴（中国）有限公司" and "阿里巴巴(中国)".
 */

/** Legal-form words removed from the end of a Latin-script name (compared after case folding). */
const LATIN_LEGAL_FORMS = new Set([
  'co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'lp',
  'plc', 'gmbh', 'ag', 'sa', 'sarl', 'bv', 'nv', 'pte', 'pty', 'kk',
]);

/** Legal-form suffixes of Chinese names, longest first so that 股份有限公司 is not cut as 有限公司. */
const CJK_LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '公司'];

/** Connectives that differ between renderings of one name ("A & B", "A and B"). */
const NOISE_WORDS = new Set(['and', 'the']);

/** Names are cut to this many characters and words: it bounds the work of a comparison. */
export const MAX_NAME_LENGTH = 200;
export const MAX_NAME_WORDS = 16;

const HAN = /\p{Script=Han}/u;

export interface NormalisedName {
  /** Tokens in their original order, legal forms and punctuation removed. */
  tokens: string[];
  /** The tokens joined by single spaces. */
  text: string;
  /** Whether the name is written in Chinese characters (compared by character bigrams). */
  cjk: boolean;
}

/**
 * NFKC folds full-width forms to half-width and compatibility characters to their plain form;
 * lower-casing folds case; Latin diacritics are dropped ("Société" = "Societe") but marks of
 * other scripts are kept, since there they change the word. Other punctuation and symbols
 * separate words.
 */
export function normaliseName(name: string): NormalisedName {
  const folded = name
    .slice(0, MAX_NAME_LENGTH)
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    // Abbreviation dots and apostrophes join ("S.A." is "sa", "McDonald's" one word).
    .replace(/[.'\u2019]/g, '');
  const tokens = stripLegalForms(
    folded
      .split(/[\p{P}\p{S}\s]+/u)
      .filter((token) => token !== '' && !NOISE_WORDS.has(token)),
  ).slice(0, MAX_NAME_WORDS);
  return { tokens, text: tokens.join(' '), cjk: HAN.test(folded) };
}

/**
 * Legal forms go from the end only ("Ltd" inside a name is part of the name), and never the
 * whole name.
 */
function stripLegalForms(tokens: string[]): string[] {
  const kept = [...tokens];
  while (kept.length > 1 && isLegalForm(kept[kept.length - 1])) kept.pop();
  const last = kept.at(-1);
  if (last === undefined || isLegalForm(last)) return kept;
  // Chinese names are written without spaces: the legal form is the end of the last word.
  const suffix = CJK_LEGAL_FORMS.find((form) => last.endsWith(form));
  return suffix ? [...kept.slice(0, -1), last.slice(0, -suffix.length)] : kept;
}

function isLegalForm(token: string): boolean {
  return LATIN_LEGAL_FORMS.has(token) || CJK_LEGAL_FORMS.includes(token);
}
