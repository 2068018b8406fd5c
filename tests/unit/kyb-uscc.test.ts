import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, USCC_ALPHABET, USCC_ENTITY_TYPES, usccCheckChar, validateUscc } from '../../src/core/kyb/uscc.js';
import { fcOptions } from '../support/fc.js';

const errorCodes = (code: string) => {
  const result = validateUscc(code);
  return result.ok ? [] : result.errors.map((error) => error.code);
};

describe('validateUscc on published codes', () => {
  it.each([
    // 中国石油化工股份有限公司 (Sinopec): docs.kausate.com/jurisdictions/china, the example register entry.
    ['91110000710926094P'],
    // 中国全聚德 and 北京长峰医院: https://blog.csdn.net/ellasun_web/article/details/130267762 (test codes of real companies).
    ['91110000101623741K'],
    ['911101066976941872'],
    // 宁波安联检测有限公司 and 嘉兴安联检测技术服务有限公司: constants in maomaolulu/sys-java,
    // src/main/java/may/yuntian/external/wanda/constant/OrganizeInfoConstants.java.
    ['91330201MA282UF146'],
    ['91330401MA28ADM67R'],
    // An individual business (92): the unified_code example of the tyc item_get API, https://juejin.cn/post/7270864903015333922.
    ['92110114MA01EF6DXH'],
    // GB 32100-2015's own worked example (附录), as reproduced at https://www.yc00.com/web/1713075042a2177900.html.
    ['91350100M000100Y43'],
  ])('%s is valid', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true });
  });

  it('computes the check character of the GB 32100-2015 worked example (sum 1640, 1640 mod 31 = 28, 31 - 28 = 3)', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    // The same page shows the example with a wrong last character, Z (a letter the alphabet excludes).
    expect(errorCodes('91350100M000100Y4Z')).toEqual(['alphabet', 'check_digit']);
    expect(errorCodes('91350100M000100Y4Y')).toEqual(['check_digit']);
  });

  it('rejects a code a registry really issued but whose check character is wrong', () => {
    // 厦门云上晴空航空科技有限公司: reported as registered yet failing the check in the CSDN article above.
    // Such codes exist; the reviewer sees the failure and decides.
    expect(errorCodes('91350211M0000XUF46')).toEqual(['check_digit']);
  });

  it('accepts lower case, blanks and full-width characters', () => {
    expect(validateUscc(' 9111 0000 7109 2609 4p ')).toEqual({ ok: true });
    expect(validateUscc('９１１１００００７１０９２６０９４Ｐ')).toEqual({ ok: true });
    expect(validateUscc('91110000-710926094P')).toEqual({ ok: true });
  });
});

describe('orgCodeCheckChar (GB 11714-1997)', () => {
  it.each([
    // GB 11714-1997's example D2143569-X and a post-2015 body, both from the tests of wenerme/go-gb, gb11714/sum_test.go.
    ['D2143569', 'X'],
    ['MA1FL0LY', '9'],
    // Organisation codes inside the published USCCs above.
    ['71092609', '4'],
    ['MA282UF1', '4'],
    ['M000100Y', '4'],
    // 11 - (0 mod 11) = 11 is written 0.
    ['00000000', '0'],
  ])('%s -> %s', (body, check) => {
    expect(orgCodeCheckChar(body)).toBe(check);
  });

  it('refuses anything but 8 digits or capital letters', () => {
    expect(() => orgCodeCheckChar('1234567')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('1234567a')).toThrow(RangeError);
    expect(() => usccCheckChar('9111000071092609')).toThrow(RangeError);
    expect(() => usccCheckChar('9111000071092609O')).toThrow(RangeError);
  });
});

describe('validateUscc reports every problem', () => {
  it('a 15-digit pre-2015 registration number: length only', () => {
    expect(errorCodes('110108012345678')).toEqual(['length']);
  });

  it('wrong length and look-alike letters together', () => {
    const result = validateUscc('9111OOOO7109260');
    expect(result.ok).toBe(false);
    expect(errorCodes('9111OOOO7109260')).toEqual(['length', 'alphabet']);
    if (!result.ok) expect(result.errors[1].message).toContain('"O" at position 5');
  });

  it('authority, division and check character at once', () => {
    // Sinopec's code with the authority 9 -> 0 and the division 110000 -> 980000.
    expect(errorCodes('01980000710926094P')).toEqual(['registration_authority', 'division', 'check_digit']);
  });

  it('an entity type its authority does not assign (9 = market regulation has 1, 2, 3)', () => {
    const first17 = '94110000710926094';
    expect(errorCodes(first17 + usccCheckChar(first17))).toEqual(['entity_type']);
  });

  it('an organisation code whose own check character is wrong, with a correct eighteenth character', () => {
    // Sinopec's organisation code 71092609-4 with the check character 4 -> 5.
    const first17 = '91110000710926095';
    expect(errorCodes(first17 + usccCheckChar(first17))).toEqual(['org_code_check_digit']);
  });

  it('a look-alike letter: the alphabet; no eighteenth character is computed over a character without a value', () => {
    // 0 -> O in the organisation code, which GB 11714 values differently, so its check fails too.
    expect(errorCodes('9111000071O926094P')).toEqual(['alphabet', 'org_code_check_digit']);
  });

  it('an unknown province in the division', () => {
    const first17 = '91990000710926094';
    expect(errorCodes(first17 + usccCheckChar(first17))).toEqual(['division']);
  });
});

/** Valid codes built from the standard's parts: every authority/type pair, any province, any body. */
const validUscc = fc
  .record({
    authority: fc.constantFrom(...Object.keys(USCC_ENTITY_TYPES)),
    typeIndex: fc.nat(),
    division: fc.tuple(fc.constantFrom('11', '31', '33', '44', '51', '65'), fc.stringMatching(/^[0-9]{4}$/)),
    body: fc.array(fc.constantFrom(...USCC_ALPHABET), { minLength: 8, maxLength: 8 }),
  })
  .map(({ authority, typeIndex, division, body }) => {
    const types = USCC_ENTITY_TYPES[authority];
    const orgBody = body.join('');
    const first17 = `${authority}${types[typeIndex % types.length]}${division.join('')}${orgBody}${orgCodeCheckChar(orgBody)}`;
    return first17 + usccCheckChar(first17);
  });

/** Replacements: the alphabet, the letters GB 32100 leaves out, and a stray symbol. */
const REPLACEMENTS = [...USCC_ALPHABET, 'I', 'O', 'Z', 'S', 'V', '*'];

describe('validateUscc detects corruption', () => {
  it('accepts every code built from valid parts', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(validateUscc(code)).toEqual({ ok: true });
      }),
      fcOptions(),
    );
  });

  it('detects every single-character substitution of a valid code (property)', () => {
    fc.assert(
      fc.property(validUscc, fc.nat({ max: 17 }), fc.constantFrom(...REPLACEMENTS), (code, position, replacement) => {
        fc.pre(code[position] !== replacement);
        const corrupted = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(validateUscc(corrupted).ok).toBe(false);
      }),
      fcOptions(500),
    );
  });

  it('detects every single-character substitution of a published code (exhaustive)', () => {
    const code = '91110000710926094P';
    const undetected = [...code].flatMap((original, position) =>
      REPLACEMENTS.filter((replacement) => replacement !== original)
        .map((replacement) => code.slice(0, position) + replacement + code.slice(position + 1))
        .filter((corrupted) => validateUscc(corrupted).ok),
    );
    expect(undetected).toEqual([]);
  });
});
