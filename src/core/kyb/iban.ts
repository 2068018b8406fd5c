/**
 * International bank account numbers (ISO 13616): a country code, two check digits and the
 * country's basic bank account number (BBAN), checked with ISO 7064 MOD 97-10 and the registry's
 * length for the country. BBAN layouts (which positions are digits) are not checked.
 */
import { IBAN_LENGTHS, SEPA_COUNTRIES } from './iban-registry.js';

export type IbanErrorCode = 'characters' | 'country' | 'length' | 'check_digits' | 'checksum';

export interface IbanError {
  code: IbanErrorCode;
  message: string;
}

export type IbanResult =
  | { ok: true; iban: string; formatted: string; country: string; sepa: boolean }
  | { ok: false; errors: IbanError[] };

/** ISO 13616 bounds for any IBAN, used when the country is unknown. */
const MIN_LENGTH = 15;
const MAX_LENGTH = 34;

/**
 * The remainder mod 97 of the number a string of digits and capital letters stands for (letters
 * are 10..35), computed digit by digit: the number itself has up to 70 digits, far beyond 2^53.
 */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    remainder = code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
  }
  return remainder;
}

/** Electronic format: full-width characters folded (NFKC), no blanks, upper case. */
export function normaliseIban(input: string): string {
  return input.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

/** Print format: groups of four characters separated by a space. */
export function formatIban(iban: string): string {
  return normaliseIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The two check digits for a country and BBAN: 98 - (BBAN + country + "00") mod 97. */
export function ibanCheckDigits(country: string, bban: string): string {
  if (!/^[A-Z]{2}$/.test(country)) throw new RangeError('an IBAN country is two capital letters');
  if (!/^[0-9A-Z]{1,30}$/.test(bban)) throw new RangeError('a BBAN is 1 to 30 digits or capital letters');
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

/** Lower case and blanks (print format) are accepted; the result carries both formats. */
export function validateIban(input: string): IbanResult {
  const iban = normaliseIban(input);
  const errors: IbanError[] = [];
  const alphanumeric = /^[0-9A-Z]*$/.test(iban);
  if (!alphanumeric) errors.push({ code: 'characters', message: 'an IBAN has only letters and digits (spaces between groups are fine)' });
  const country = iban.slice(0, 2);
  const expectedLength = IBAN_LENGTHS[country];
  if (expectedLength === undefined) {
    errors.push({ code: 'country', message: `"${country}" is not a country in the IBAN registry` });
    if (iban.length < MIN_LENGTH || iban.length > MAX_LENGTH) {
      errors.push({ code: 'length', message: `an IBAN has ${MIN_LENGTH} to ${MAX_LENGTH} characters, this one has ${iban.length}` });
    }
  } else if (iban.length !== expectedLength) {
    errors.push({ code: 'length', message: `a ${country} IBAN has ${expectedLength} characters, this one has ${iban.length}` });
  }
  // ISO 13616 computes check digits as 98 - remainder, so only 02..98 occur; 00, 01 and 99 can
  // still satisfy MOD 97 (they alias 97, 98 and 02) but are never issued.
  const checkDigits = iban.slice(2, 4);
  if (!/^[0-9]{2}$/.test(checkDigits) || checkDigits === '00' || checkDigits === '01' || checkDigits === '99') {
    errors.push({ code: 'check_digits', message: `"${checkDigits}" are not IBAN check digits (two digits from 02 to 98)` });
  } else if (alphanumeric && iban.length > 4 && mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) {
    errors.push({ code: 'checksum', message: 'the check digits do not match (MOD 97-10): a character is mistyped or two are swapped' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, iban, formatted: formatIban(iban), country, sepa: SEPA_COUNTRIES.has(country) };
}
