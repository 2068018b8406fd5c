/**
 * The unified social credit code (统一社会信用代码, USCC) of GB 32100-2015: 18 characters from a
 * 31-character alphabet (no I, O, Z, S, V, which read like 1, 0, 2, 5 and U):
 *
 *   1      registration authority (登记管理部门代码)
 *   2      entity type within that authority (机构类别代码)
 *   3-8    administrative division of the registering office (GB/T 2260)
 *   9-17   organisation code (组织机构代码, GB 11714-1997): 8 body characters + its check character
 *   18     check character over the first 17 (ISO 7064 MOD 31-3 style, as GB/T 17710 describes)
 *
 * Validation reports every problem it finds, so the reviewer sees at once that a code has, say,
 * a look-alike letter and therefore also a wrong check character.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export type UsccErrorCode =
  | 'length'
  | 'alphabet'
  | 'registration_authority'
  | 'entity_type'
  | 'division'
  | 'org_code_check_digit'
  | 'check_digit';

export interface UsccError {
  code: UsccErrorCode;
  message: string;
}

export type UsccResult = { ok: true } | { ok: false; errors: UsccError[] };

/**
 * Entity types (second character) each registration authority (first character) may assign, as a
 * string of the allowed characters: GB 32100-2015 table 1 with the codes the
 * standardisation administration added afterwards (外交 2, 司法行政 3, 文化 4, 旅游 6, 宗教 7,
 * 工会 8, 中央军委改革和编制办公室 A, 农业 N). Source: the table as published in
 * https://blog.csdn.net/lh1424573495/article/details/108776492 ("统一社会信用代码解析登记管理部门和机构类别").
 */
export const USCC_ENTITY_TYPES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直管的群众团体, 其他
  '2': '19', // 外交: 外国常驻新闻机构, 其他
  '3': '123459', // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
  '4': '19', // 文化: 外国在华文化中心, 其他
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游: 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻代表机构, 其他
  '7': '129', // 宗教: 宗教活动场所, 宗教院校, 其他
  '8': '19', // 工会: 基层工会, 其他
  '9': '123', // 工商 (market regulation): 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室: 军队事业单位, 其他
  N: '1239', // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
  Y: '1', // 其他: not subdivided
};

/**
 * First two digits of a GB/T 2260 division: the provinces, plus 10 for registrations at national
 * level. Only the province is checked; the full division table changes every year.
 */
const PROVINCE_PREFIXES = new Set([
  '10', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** Position weights of the eighteenth character: 3^i mod 31 for i = 0..16. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 11714-1997 weights of the eight body characters of an organisation code. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 values: digits are themselves, letters A..Z are 10..35 (its own alphabet, not the USCC's). */
const ORG_CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The ninth character of a GB 11714 organisation code from its eight body characters. */
export function orgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError('an organisation code body is 8 digits or capital letters');
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += ORG_CODE_ALPHABET.indexOf(first8[i]) * ORG_CODE_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The eighteenth character of a USCC from its first seventeen. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('the USCC check character is computed over 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`"${first17[i]}" is not a USCC character`);
    sum += value * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * The form the checks run on: full-width characters (typed with a Chinese input method) folded by
 * NFKC, letters upper-cased, blanks and hyphens removed. These are unambiguous; look-alike
 * letters (O for 0) are not fixed here: they are errors.
 */
export function normaliseUscc(code: string): string {
  return code.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

export function validateUscc(code: string): UsccResult {
  const chars = [...normaliseUscc(code)];
  const errors: UsccError[] = [];
  const foreign = chars.flatMap((char, i) => (USCC_ALPHABET.includes(char) ? [] : [`"${char}" at position ${i + 1}`]));
  if (chars.length !== 18) errors.push({ code: 'length', message: `a USCC has 18 characters, this one has ${chars.length}` });
  if (foreign.length > 0) {
    errors.push({ code: 'alphabet', message: `${foreign.join(', ')} not in the USCC alphabet (digits and capital letters except I, O, Z, S, V)` });
  }
  // Each position means something only when the code has the right length.
  if (chars.length === 18) errors.push(...positionalErrors(chars));
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

function positionalErrors(chars: readonly string[]): UsccError[] {
  const errors: UsccError[] = [];
  const [authority, entityType] = chars;
  const entityTypes = USCC_ENTITY_TYPES[authority];
  if (entityTypes === undefined) {
    errors.push({ code: 'registration_authority', message: `"${authority}" is not a registration authority code (1-9, A, N, Y)` });
  } else if (!entityTypes.includes(entityType)) {
    errors.push({ code: 'entity_type', message: `"${entityType}" is not an entity type of registration authority "${authority}" (allowed: ${[...entityTypes].join(', ')})` });
  }
  const division = chars.slice(2, 8).join('');
  if (!/^[0-9]{6}$/.test(division) || !PROVINCE_PREFIXES.has(division.slice(0, 2))) {
    errors.push({ code: 'division', message: `"${division}" is not a GB/T 2260 administrative division (6 digits starting with a province code)` });
  }
  const orgCode = chars.slice(8, 17).join('');
  if (/^[0-9A-Z]{8}/.test(orgCode)) {
    const expected = orgCodeCheckChar(orgCode.slice(0, 8));
    if (orgCode[8] !== expected) {
      errors.push({ code: 'org_code_check_digit', message: `organisation code ${orgCode.slice(0, 8)}-${orgCode[8]}: its check character should be ${expected}` });
    }
  }
  const first17 = chars.slice(0, 17);
  if (first17.every((char) => USCC_ALPHABET.includes(char))) {
    const expected = usccCheckChar(first17.join(''));
    if (chars[17] !== expected) errors.push({ code: 'check_digit', message: `the check character should be ${expected}, not ${chars[17]}` });
  }
  return errors;
}
