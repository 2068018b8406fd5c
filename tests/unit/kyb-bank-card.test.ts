import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardNetwork, luhnCheckDigit, validateBankCard } from '../../src/core/kyb/bank-card.js';
import { fcOptions } from '../support/fc.js';

const errorCodes = (input: string) => {
  const result = validateBankCard(input);
  return result.ok ? [] : result.errors.map((error) => error.code);
};

describe('validateBankCard on published test cards', () => {
  it.each([
    // Stripe's test cards by brand, https://docs.stripe.com/testing (list as reproduced in gist
    // DominicWatts/e5a83ae2f2c53c244a619a7af4448d23).
    ['4242424242424242', 'visa'],
    ['4000056655665556', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['5200828282828210', 'mastercard'],
    ['5105105105105100', 'mastercard'],
    ['378282246310005', null],
    ['3566002020360505', null],
    ['6200000000000005', 'unionpay'],
    ['6200000000000047', 'unionpay'],
    ['6205500000000000004', 'unionpay'],
    // Braintree's UnionPay test cards of 14 to 19 digits, https://developer.paypal.com/braintree/docs/guides/unionpay/testing.
    ['62123456789002', 'unionpay'],
    ['621234567890003', 'unionpay'],
    ['62123456789000003', 'unionpay'],
    ['621234567890000002', 'unionpay'],
    ['6212345678900000003', 'unionpay'],
    // Worldline's UnionPay test card, https://docs.connect.worldline-solutions.com/testing/testcases/detail/unionpay-international-securepay.
    ['6250947000000014', 'unionpay'],
  ] as const)('%s is a valid %s card', (number, network) => {
    expect(validateBankCard(number)).toEqual({ ok: true, digits: number, network });
  });

  it('rejects the number Stripe documents as incorrect_number', () => {
    // https://docs.stripe.com/testing#invalid-data: 4242424242424241 fails the Luhn check.
    expect(errorCodes('4242424242424241')).toEqual(['luhn']);
  });

  it('accepts digits grouped by spaces, and full-width digits', () => {
    expect(validateBankCard('６２００　００００　００００　０００５')).toMatchObject({ ok: true, digits: '6200000000000005' });
    expect(validateBankCard('6200 0000 0000 0005')).toMatchObject({ ok: true, digits: '6200000000000005' });
    expect(validateBankCard(' 6212 3456 7890 0000 003\t')).toMatchObject({ ok: true, network: 'unionpay' });
  });

  it('reports characters, length and Luhn problems', () => {
    expect(errorCodes('6200-0000-0000-0005')).toEqual(['characters']);
    // 11 and 20 digits: the first two pass the Luhn check, so only the length is wrong.
    expect(luhnCheckDigit('4242424242')).toBe('0');
    expect(errorCodes('42424242420')).toEqual(['length']);
    expect(errorCodes('42424242421')).toEqual(['length', 'luhn']);
    expect(errorCodes('6200000000000000000' + luhnCheckDigit('6200000000000000000'))).toEqual(['length']);
    expect(errorCodes('')).toEqual(['length']);
  });
});

describe('cardNetwork', () => {
  it.each([
    ['2221000000000009', 'mastercard'],
    ['2720990000000000', 'mastercard'],
    ['2220990000000000', null],
    ['2721000000000000', null],
    ['5099999999999999', null],
    ['5599999999999999', 'mastercard'],
    ['5600000000000000', null],
    ['6011111111111117', null],
  ] as const)('%s -> %s', (digits, network) => {
    expect(cardNetwork(digits)).toBe(network);
  });
});

describe('luhnCheckDigit', () => {
  it('completes published numbers', () => {
    expect(luhnCheckDigit('424242424242424')).toBe('2');
    expect(luhnCheckDigit('620000000000000')).toBe('5');
    expect(luhnCheckDigit('621234567890000000')).toBe('3');
    expect(luhnCheckDigit('0')).toBe('0');
  });

  it('refuses anything but digits', () => {
    expect(() => luhnCheckDigit('')).toThrow(RangeError);
    expect(() => luhnCheckDigit('4242 4242')).toThrow(RangeError);
  });
});

/** Valid numbers of every allowed length: a random payload completed with its check digit. */
const validCard = fc.stringMatching(/^[0-9]{11,18}$/).map((payload) => payload + luhnCheckDigit(payload));

const swapAt = (digits: string, i: number) => digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);

describe('Luhn detects typing errors', () => {
  it('accepts every completed number', () => {
    fc.assert(
      fc.property(validCard, (number) => {
        expect(validateBankCard(number).ok).toBe(true);
      }),
      fcOptions(),
    );
  });

  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(validCard, fc.nat(), fc.integer({ min: 1, max: 9 }), (number, at, delta) => {
        const i = at % number.length;
        const corrupted = number.slice(0, i) + String((Number(number[i]) + delta) % 10) + number.slice(i + 1);
        expect(validateBankCard(corrupted).ok).toBe(false);
      }),
      fcOptions(500),
    );
  });

  it('detects every adjacent transposition except 09 <-> 90', () => {
    fc.assert(
      fc.property(validCard, fc.nat(), (number, at) => {
        const i = at % (number.length - 1);
        const pair = number[i] + number[i + 1];
        fc.pre(number[i] !== number[i + 1]);
        expect(validateBankCard(swapAt(number, i)).ok).toBe(pair === '09' || pair === '90');
      }),
      fcOptions(500),
    );
  });

  it('misses 09 <-> 90, the known blind spot: doubling 0 and 9 changes neither digit sum', () => {
    const payload = '620000000000090';
    const number = payload + luhnCheckDigit(payload);
    const swapped = swapAt(number, number.indexOf('09'));
    expect(swapped).not.toBe(number);
    expect(validateBankCard(number).ok).toBe(true);
    expect(validateBankCard(swapped).ok).toBe(true);
  });
});
