/**
 * Merchant applications (merchant.applied) for the onboarding reviewers: mostly valid, about a
 * third with exactly one deliberate defect in an identifier, so each KYB check has cases to
 * catch and the report can say which application breaks which rule. Every defect kind appears
 * at least once. The merchants planted as "brand-new with high volume" apply validly.
 */
import type { MarketplaceEvent } from '../shared/marketplace.js';
import type { Segment } from './catalog.js';
import {
  buildIban,
  buildUscc,
  isValidIban,
  isValidLuhn,
  luhnCheckDigit,
  USCC_ALPHABET,
  usccCheckChar,
  usccProblem,
  type UsccProblem,
} from './identifiers.js';
import type { Draft } from './lifecycle.js';
import type { Merchant, Population } from './population.js';
import { expectedMonthlyVolume } from './prices.js';
import type { Random } from './random.js';
import { HOUR_MS, MINUTE_MS } from './timeline.js';

type Application = Extract<MarketplaceEvent, { type: 'merchant.applied' }>['application'];

export const APPLICATION_DEFECTS = [
  'uscc_check_character',
  'uscc_organisation_code',
  'uscc_length',
  'uscc_characters',
  'uscc_missing',
  'card_luhn',
  'iban_checksum',
] as const;
export type ApplicationDefect = (typeof APPLICATION_DEFECTS)[number];

/** What a USCC validator should answer for each USCC defect (a missing USCC has no code to check). */
export const USCC_DEFECT_PROBLEM: Partial<Record<ApplicationDefect, UsccProblem>> = {
  uscc_check_character: 'check_digit',
  uscc_organisation_code: 'org_code_check_digit',
  uscc_length: 'length',
  uscc_characters: 'alphabet',
};

export interface ApplicationsReport {
  valid: string[];
  invalid: Array<{ applicationId: string; defect: ApplicationDefect }>;
}

/** Debit card BINs of the big Chinese banks and the lengths of their card numbers. */
const CARD_BINS: ReadonlyArray<readonly [string, number]> = [
  ['622202', 19], // ICBC
  ['621700', 19], // CCB
  ['622848', 19], // ABC
  ['621661', 19], // BOC
  ['621483', 16], // CMB
  ['622262', 19], // BOCOM
];

function cardNumber(random: Random): string {
  const [bin, length] = random.pick(CARD_BINS);
  const payload = bin + random.digits(length - bin.length - 1);
  return payload + luhnCheckDigit(payload);
}

/** IBANs of the European accounts wholesalers settling in USD use (national BBAN formats from the IBAN registry). */
function iban(random: Random): string {
  return random.weighted<() => string>([
    [() => buildIban('DE', random.digits(8) + random.digits(10)), 1],
    [() => buildIban('GB', random.pick(['NWBK', 'BARC', 'HBUK']) + random.digits(6) + random.digits(8)), 1],
    [() => buildIban('NL', random.pick(['ABNA', 'INGB', 'RABO']) + random.digits(10)), 1],
  ])();
}

/** Organisation code bodies: older ones are digits, post-2015 ones often start "MA". */
function orgBody(random: Random): string {
  return random.chance(0.7) ? random.digits(8) : `MA${random.chars(USCC_ALPHABET, 6)}`;
}

function different(random: Random, alphabet: string, not: string): string {
  return random.pick([...alphabet].filter((c) => c !== not));
}

/** A USCC with exactly the given defect (the rest of the code is right). */
function defectiveUscc(random: Random, valid: string, division: string, defect: ApplicationDefect): string {
  switch (defect) {
    case 'uscc_check_character':
      return valid.slice(0, 17) + different(random, USCC_ALPHABET, valid[17]);
    case 'uscc_organisation_code': {
      // The organisation code's own check is wrong, the overall check recomputed to match it:
      // catches a validator that only checks the eighteenth character.
      const first17 = valid.slice(0, 16) + different(random, '0123456789X', valid[16]);
      return first17 + usccCheckChar(first17);
    }
    case 'uscc_length':
      // The 15-digit business registration number that predates the USCC, pasted by mistake.
      return division + random.digits(9);
    case 'uscc_characters': {
      // A look-alike letter GB 32100 excludes: O for 0, I for 1, Z for 2, S for 5, V for U.
      const lookAlike: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', U: 'V' };
      const at = [...valid.slice(8, 17)].findIndex((c) => c in lookAlike);
      const index = at >= 0 ? 8 + at : 8;
      return valid.slice(0, index) + (lookAlike[valid[index]] ?? 'O') + valid.slice(index + 1);
    }
    default:
      throw new RangeError(`${defect} is not a USCC defect`);
  }
}

/** One wrong digit (card) or two digits swapped (IBAN): the typos the check digits exist for. */
function corruptCard(random: Random, number: string): string {
  return number.slice(0, -1) + different(random, '0123456789', number[number.length - 1]);
}

function corruptIban(random: Random, value: string): string {
  for (let i = value.length - 2; i >= 4; i -= 1) {
    if (/[0-9]/.test(value[i]) && /[0-9]/.test(value[i + 1]) && value[i] !== value[i + 1]) {
      return value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2);
    }
  }
  return value.slice(0, 2) + different(random, '0123456789', value[2]) + value.slice(3);
}

function documents(random: Random, entityType: Application['entityType']): Application['documents'] {
  const names: ReadonlyArray<readonly [string, 'application/pdf' | 'image/jpeg' | 'image/png']> =
    entityType === 'company'
      ? [['business_licence.pdf', 'application/pdf'], ['legal_rep_id_front.jpg', 'image/jpeg'], ['legal_rep_id_back.jpg', 'image/jpeg'], ['bank_account_permit.pdf', 'application/pdf']]
      : [['id_card_front.jpg', 'image/jpeg'], ['id_card_back.jpg', 'image/jpeg'], ['bank_card.png', 'image/png']];
  return names.map(([name, mime]) => ({ name, mime, sha256: random.chars('0123456789abcdef', 64), size: random.int(40_000, 4_000_000) }));
}

function applicationOf(random: Random, applicationId: string, merchant: Merchant, defect: ApplicationDefect | null): Application {
  const usesIban = merchant.segment === 'b2b' && merchant.currency === 'USD';
  let account = usesIban ? iban(random) : cardNumber(random);
  if (defect === 'card_luhn') account = corruptCard(random, account);
  if (defect === 'iban_checksum') account = corruptIban(random, account);
  const company = merchant.entityType === 'company';
  let uscc: string | undefined;
  if (company && defect !== 'uscc_missing') {
    const valid = buildUscc({ authority: '9', kind: '1', division: merchant.city.division, orgBody: orgBody(random) });
    uscc = defect && defect in USCC_DEFECT_PROBLEM ? defectiveUscc(random, valid, merchant.city.division, defect) : valid;
  }
  assertDefect(defect, uscc, account, usesIban);
  return {
    applicationId,
    merchantId: merchant.id,
    legalName: merchant.name,
    entityType: merchant.entityType,
    segment: merchant.segment,
    ...(uscc === undefined ? {} : { uscc }),
    legalRepresentative: merchant.legalRepresentative,
    bankAccount: { kind: usesIban ? 'iban' : 'card', number: account },
    category: merchant.category.name,
    expectedMonthlyVolume: expectedMonthlyVolume(random, merchant.segment, merchant.currency),
    currency: merchant.currency,
    documents: documents(random, merchant.entityType),
  };
}

/** The generator must plant exactly the defect it reports: check it with the validators. */
function assertDefect(defect: ApplicationDefect | null, uscc: string | undefined, account: string, usesIban: boolean): void {
  const accountValid = usesIban ? isValidIban(account) : isValidLuhn(account);
  const usccFound = uscc === undefined ? null : usccProblem(uscc);
  const expectedUscc = defect ? (USCC_DEFECT_PROBLEM[defect] ?? null) : null;
  const expectedAccountValid = defect !== 'card_luhn' && defect !== 'iban_checksum';
  if (usccFound !== expectedUscc || accountValid !== expectedAccountValid) {
    throw new Error(`simulator bug: application with defect ${defect ?? 'none'} has USCC problem ${usccFound ?? 'none'} and account valid=${accountValid}`);
  }
}

/** The segment and currency an applicant needs for its defect to be possible. */
function applicantFor(random: Random, population: Population, defect: ApplicationDefect | null): Merchant {
  if (defect === 'iban_checksum') return population.newMerchant('b2b', { currency: 'USD' });
  // Card holders: anyone but a wholesaler settling in USD (who gives an IBAN).
  if (defect === 'card_luhn') return population.newMerchant(random.pick<Segment>(['c2c', 'b2c']));
  if (defect?.startsWith('uscc_')) return population.newMerchant(random.pick<Segment>(['b2c', 'b2b']));
  return population.newMerchant(random.weighted<Segment>([['c2c', 50], ['b2c', 35], ['b2b', 15]]));
}

export function planApplications(random: Random, population: Population, newMerchants: readonly Merchant[], orders: number, tag: string): { drafts: Draft[]; report: ApplicationsReport } {
  const drafts: Draft[] = [];
  const report: ApplicationsReport = { valid: [], invalid: [] };
  let sequence = 0;
  const submit = (at: number, merchant: Merchant, defect: ApplicationDefect | null) => {
    sequence += 1;
    const applicationId = `A-${tag}-${String(sequence).padStart(5, '0')}`;
    drafts.push({ at, body: { type: 'merchant.applied', application: applicationOf(random, applicationId, merchant, defect) }, needsClock: false });
    if (defect) report.invalid.push({ applicationId, defect });
    else report.valid.push(applicationId);
  };

  // Onboarded just before their first sales.
  for (const merchant of newMerchants) submit(random.int(0, 10 * MINUTE_MS), merchant, null);

  const count = Math.max(20, Math.round(orders / 40));
  const invalid = Math.max(APPLICATION_DEFECTS.length, Math.round(count * 0.3));
  const defects: Array<ApplicationDefect | null> = [
    ...APPLICATION_DEFECTS,
    ...Array.from({ length: invalid - APPLICATION_DEFECTS.length }, () => random.pick(APPLICATION_DEFECTS)),
    ...Array.from({ length: count - invalid }, () => null),
  ];
  for (const defect of random.sample(defects, defects.length)) {
    submit(random.int(0, 20 * HOUR_MS), applicantFor(random, population, defect), defect);
  }
  return { drafts, report };
}
