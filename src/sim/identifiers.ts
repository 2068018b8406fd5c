/**
 * Building the identifiers merchants give at onboarding, valid ones and deliberately broken
 * ones, with the check-digit arithmetic of the KYB checks themselves (src/core/kyb): the
 * simulator and the checks cannot drift apart.
 */
import { validateBankCard } from '../core/kyb/bank-card.js';
import { ibanCheckDigits, validateIban } from '../core/kyb/iban.js';
import { orgCodeCheckChar, usccCheckChar, validateUscc } from '../core/kyb/uscc.js';

export { luhnCheckDigit } from '../core/kyb/bank-card.js';
export { USCC_ALPHABET, usccCheckChar } from '../core/kyb/uscc.js';

/** The first rule a USCC breaks, as the KYB check names it, or null when it is valid. */
export type UsccProblem = Extract<ReturnType<typeof validateUscc>, { ok: false }>['errors'][number]['code'];

export function usccProblem(code: string): UsccProblem | null {
  const result = validateUscc(code);
  return result.ok ? null : result.errors[0].code;
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

export function buildIban(country: string, bban: string): string {
  return `${country}${ibanCheckDigits(country, bban)}${bban}`;
}

export function isValidLuhn(number: string): boolean {
  return validateBankCard(number).ok;
}

export function isValidIban(iban: string): boolean {
  return validateIban(iban).ok;
}
