/**
 * The simulator builds identifiers with the KYB check-digit arithmetic (published examples are
 * tested in tests/unit/kyb-*.test.ts): what it builds must be exactly the published codes.
 */
import { describe, expect, it } from 'vitest';
import { buildIban, buildUscc, isValidIban, isValidLuhn, usccProblem } from '../../src/sim/identifiers.js';

describe('simulator identifiers', () => {
  it('builds a published USCC from its parts', () => {
    // Huawei Technologies Co., Ltd. (华为技术有限公司): https://zh.wikipedia.org/wiki/华为 (infobox).
    expect(buildUscc({ authority: '9', kind: '1', division: '440300', orgBody: '19220382' })).toBe('914403001922038216');
    expect(usccProblem('914403001922038216')).toBeNull();
    expect(usccProblem('914403001922038217')).toBe('check_digit');
  });

  it('builds the registry example IBANs from their BBANs', () => {
    // SWIFT IBAN Registry examples: https://www.swift.com/standards/data-standards/iban-international-bank-account-number
    for (const iban of ['GB29NWBK60161331926819', 'DE89370400440532013000', 'NL91ABNA0417164300']) {
      expect(buildIban(iban.slice(0, 2), iban.slice(4))).toBe(iban);
      expect(isValidIban(iban)).toBe(true);
    }
  });

  it('tells valid card numbers from broken ones', () => {
    // Stripe's test cards: https://docs.stripe.com/testing
    expect(isValidLuhn('4242424242424242')).toBe(true);
    expect(isValidLuhn('4242424242424241')).toBe(false);
  });
});
