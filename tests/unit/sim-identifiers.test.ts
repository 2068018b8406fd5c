/**
 * The simulator's check-digit arithmetic against published real-world examples, so a bug in
 * the algorithms cannot hide behind identifiers the same code generated.
 */
import { describe, expect, it } from 'vitest';
import {
  buildIban,
  buildUscc,
  ibanCheckDigits,
  isValidIban,
  isValidLuhn,
  isValidUscc,
  luhnCheckDigit,
  orgCodeCheckChar,
  usccCheckChar,
  usccProblem,
} from '../../src/sim/identifiers.js';

describe('USCC (GB 32100-2015) and organisation code (GB 11714-1997)', () => {
  // Huawei Technologies Co., Ltd. (华为技术有限公司): the USCC printed as "機構代碼" in the
  // infobox of https://zh.wikipedia.org/wiki/华为 (also on its business licence in the National
  // Enterprise Credit Information Publicity System, gsxt.gov.cn).
  const HUAWEI = '914403001922038216';

  // The worked example that accompanies GB 32100-2015 ("校验码计算方法实例", e.g. reproduced at
  // https://www.yc00.com/web/1713075042a2177900.html): for "91350100M000100Y4Z" the weighted
  // sum of the first 17 characters is 1640, 1640 mod 31 = 28, the check character is 31 - 28 = 3,
  // so the code as given (ending in Z) is invalid and "91350100M000100Y43" is the valid one.
  const STANDARD_EXAMPLE = '91350100M000100Y43';

  it('accepts the published codes', () => {
    expect(isValidUscc(HUAWEI)).toBe(true);
    expect(isValidUscc(STANDARD_EXAMPLE)).toBe(true);
    expect(usccCheckChar(HUAWEI.slice(0, 17))).toBe('6');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('uses the weights of the standard (3^(i-1) mod 31)', () => {
    // Table 2 of the worked example: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28. A code whose
    // i-th character is 1 and all others 0 has check value 31 - w_i (mod 31).
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    weights.forEach((w, i) => {
      const first17 = '0'.repeat(i) + '1' + '0'.repeat(16 - i);
      expect(usccCheckChar(first17)).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY'[(31 - w) % 31]);
    });
  });

  it('checks the organisation code inside: 19220382-1 (Huawei) and M000100Y-4 (the standard example)', () => {
    expect(orgCodeCheckChar('19220382')).toBe('1');
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
  });

  it('builds the published code from its parts', () => {
    expect(buildUscc({ authority: '9', kind: '1', division: '440300', orgBody: '19220382' })).toBe(HUAWEI);
  });

  it('names what is wrong with a broken code', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check_character');
    // The standard example's "Z" is wrong twice over: not the check character, and not one of
    // the 31 characters at all; the first rule broken is the one reported.
    expect(usccProblem('91350100M000100Y4Z')).toBe('characters');
    expect(usccProblem(HUAWEI.slice(0, 17))).toBe('length');
    expect(usccProblem('91440300I922038216')).toBe('characters'); // I is not in the alphabet
    expect(usccProblem('914403001922038226')).toBe('organisation_code');
  });
});

describe('Luhn (ISO/IEC 7812)', () => {
  it('computes the check digit of the Wikipedia example 7992739871 -> 3', () => {
    // https://en.wikipedia.org/wiki/Luhn_algorithm ("Example for computing check digit").
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(isValidLuhn('79927398713')).toBe(true);
    expect(isValidLuhn('79927398710')).toBe(false);
  });

  it('accepts published test card numbers', () => {
    // Stripe's test cards (https://docs.stripe.com/testing): Visa, Mastercard, American Express, UnionPay.
    for (const card of ['4242424242424242', '5555555555554444', '378282246310005', '6200000000000005']) expect(isValidLuhn(card)).toBe(true);
    expect(isValidLuhn('4242424242424241')).toBe(false);
  });
});

describe('IBAN (ISO 13616, MOD 97-10)', () => {
  // The example IBANs of the SWIFT IBAN Registry (https://www.swift.com/standards/data-standards/iban-international-bank-account-number),
  // one per country entry ("IBAN electronic format example").
  const REGISTRY_EXAMPLES = ['GB29NWBK60161331926819', 'DE89370400440532013000', 'NL91ABNA0417164300', 'FR1420041010050500013M02606'];

  it('accepts the registry examples and recomputes their check digits', () => {
    for (const iban of REGISTRY_EXAMPLES) {
      expect(isValidIban(iban)).toBe(true);
      expect(ibanCheckDigits(iban.slice(0, 2), iban.slice(4))).toBe(iban.slice(2, 4));
      expect(buildIban(iban.slice(0, 2), iban.slice(4))).toBe(iban);
    }
  });

  it('refuses a changed check digit, a transposition and a bad shape', () => {
    expect(isValidIban('GB28NWBK60161331926819')).toBe(false);
    expect(isValidIban('DE89370400440532010300')).toBe(false);
    expect(isValidIban('gb29nwbk60161331926819')).toBe(false);
    expect(isValidIban('GB29')).toBe(false);
  });
});
