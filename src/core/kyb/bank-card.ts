/**
 * Bank card numbers (ISO/IEC 7812 PANs): 12 to 19 digits whose last digit is the Luhn check
 * digit. Chinese debit cards are mostly UnionPay (BIN 62); foreign cards are accepted too, so the
 * network is reported when it can be told from the number, never required.
 */

export type CardNetwork = 'unionpay' | 'visa' | 'mastercard';

export type BankCardErrorCode = 'characters' | 'length' | 'luhn';

export interface BankCardError {
  code: BankCardErrorCode;
  message: string;
}

export type BankCardResult =
  | { ok: true; digits: string; network: CardNetwork | null }
  | { ok: false; errors: BankCardError[]; network: CardNetwork | null };

const MIN_LENGTH = 12;
const MAX_LENGTH = 19;

/**
 * The Luhn check digit for `partial` (the number without its check digit): from the right, every
 * second digit starting with the rightmost one of `partial` is doubled (its digits summed), and
 * the check digit brings the total to a multiple of 10.
 */
export function luhnCheckDigit(partial: string): string {
  if (!/^[0-9]+$/.test(partial)) throw new RangeError('a Luhn payload is one or more digits');
  return String((10 - luhnSum(partial, true)) % 10);
}

function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  let double = doubleRightmost;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    const digit = digits.charCodeAt(i) - 48;
    const doubled = digit * 2;
    sum += double ? (doubled > 9 ? doubled - 9 : doubled) : digit;
    double = !double;
  }
  return sum % 10;
}

/**
 * The network by issuer identification number prefix, for the networks onboarding sees: UnionPay
 * 62, Visa 4, Mastercard 51-55 and 2221-2720. Co-badged and other networks answer null.
 */
export function cardNetwork(digits: string): CardNetwork | null {
  if (digits.startsWith('62')) return 'unionpay';
  if (digits.startsWith('4')) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  return (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) ? 'mastercard' : null;
}

/**
 * Full-width digits (a Chinese input method) are folded by NFKC and whitespace (as people group
 * the digits) is removed; anything else that is not a digit is an error.
 */
export function validateBankCard(input: string): BankCardResult {
  const digits = input.normalize('NFKC').replace(/\s/g, '');
  const errors: BankCardError[] = [];
  const allDigits = /^[0-9]*$/.test(digits);
  if (!allDigits) errors.push({ code: 'characters', message: 'a card number has only digits (spaces between groups are fine)' });
  if (digits.length < MIN_LENGTH || digits.length > MAX_LENGTH) {
    errors.push({ code: 'length', message: `a card number has ${MIN_LENGTH} to ${MAX_LENGTH} digits, this one has ${digits.length}` });
  }
  if (allDigits && digits.length >= 2 && luhnSum(digits, false) !== 0) {
    errors.push({ code: 'luhn', message: 'the last digit does not match the Luhn check: a digit is mistyped or two are swapped' });
  }
  const network = allDigits ? cardNetwork(digits) : null;
  return errors.length === 0 ? { ok: true, digits, network } : { ok: false, errors, network };
}
