/**
 * Check digits of the identifiers merchants give at onboarding, so the simulator can hand the
 * KYB checks valid ones and deliberately broken ones:
 *
 * - USCC, the unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
 *   31-character alphabet (no I, O, S, V, Z). Positions 9-17 are the organisation code of
 *   GB 11714-1997 with its own check character; position 18 checks the first 17 with weights
 *   3^i mod 31 (ISO 7064 style, as GB/T 17710 describes).
 * - bank card numbers (ISO/IEC 7812): the Luhn check digit.
 * - IBAN (ISO 13616): two check digits by ISO 7064 MOD 97-10.
 *
 * Each validator reports the first problem it finds, so tests and reports can say which rule a
 * broken identifier breaks.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1..17: 3^i mod 31. */
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k += 1) w = (w * 3) % 31;
  return w;
});

/** GB 11714 weights of the eight body characters of an organisation code. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714: digits are their value, letters A..Z are 10..35. */
function orgCodeValue(char: string): number {
  if (/^[0-9]$/.test(char)) return Number(char);
  if (/^[A-Z]$/.test(char)) return char.charCodeAt(0) - 55;
  throw new RangeError(`"${char}" is not an organisation code character`);
}

/** The ninth character of a GB 11714 organisation code, from its eight body characters. */
export function orgCodeCheckChar(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) throw new RangeError('an organisation code body is 8 digits or capital letters');
  const sum = [...body].reduce((acc, char, i) => acc + orgCodeValue(char) * ORG_CODE_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The eighteenth character of a USCC, from its first seventeen. */
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

export type UsccProblem = 'length' | 'characters' | 'organisation_code' | 'check_character';

export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  if (![...code].every((char) => USCC_ALPHABET.includes(char))) return 'characters';
  const org = code.slice(8, 17);
  if (orgCodeCheckChar(org.slice(0, 8)) !== org[8]) return 'organisation_code';
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return 'check_character';
  return null;
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/**
 * A USCC from its parts: registration authority (9: market regulation), entity kind (1:
 * enterprise, 2: individual business), the 6-digit administrative division (GB/T 2260) and the
 * 8-character organisation code body; both check characters are computed.
 */
export function buildUscc(parts: { authority: string; kind: string; division: string; orgBody: string }): string {
  if (!/^[0-9]{6}$/.test(parts.division)) throw new RangeError('the administrative division is 6 digits');
  const first17 = `${parts.authority}${parts.kind}${parts.division}${parts.orgBody}${orgCodeCheckChar(parts.orgBody)}`;
  return first17 + usccCheckChar(first17);
}

/** The Luhn check digit for a string of digits (the number without its last digit). */
export function luhnCheckDigit(payload: string): string {
  if (!/^[0-9]+$/.test(payload)) throw new RangeError('a Luhn payload is digits only');
  let sum = 0;
  // Doubling starts from the rightmost payload digit (the check digit will sit to its right).
  for (let i = payload.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    let d = Number(payload[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isValidLuhn(number: string): boolean {
  return /^[0-9]{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === number[number.length - 1];
}

/** ISO 7064 MOD 97-10 over an IBAN-style string: letters become 10..35, digits stay. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = /[0-9]/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** The two IBAN check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  if (!/^[A-Z]{2}$/.test(country) || !/^[0-9A-Z]{1,30}$/.test(bban)) throw new RangeError('an IBAN is a 2-letter country and an alphanumeric BBAN');
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

export function buildIban(country: string, bban: string): string {
  return `${country}${ibanCheckDigits(country, bban)}${bban}`;
}

/** Shape (country, check digits, alphanumeric BBAN, 15..34 characters) and the MOD 97 check. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}
