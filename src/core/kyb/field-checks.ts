/**
 * The automatic checks of a merchant application, one result per field, each also saying what
 * it means for the application's requirements (requirements.ts). The onboarding reviewer's screen
 * shows the results; card numbers appear masked to their last four digits.
 */
import { toDecimalString } from '../../shared/money.js';
import type { MerchantApplication } from './application.js';
import { validateBankCard, type CardNetwork } from './bank-card.js';
import { ENHANCED_DUE_DILIGENCE_VOLUME, needsEnhancedDueDiligence, REQUIRED_DOCUMENTS, uploadedKinds } from './documents.js';
import { validateIban } from './iban.js';
import type { ScreeningResult } from './name-screening.js';
import { validateUscc } from './uscc.js';

export type CheckStatus = 'ok' | 'failed' | 'warning';

export type CheckDetail = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface FieldCheck {
  /** The application's field path, e.g. "uscc", "bankAccount.number", "documents.business_licence". */
  field: string;
  status: CheckStatus;
  code?: string;
  message: string;
  detail?: CheckDetail;
}

/**
 * Where a field stands in the requirements model: needed now, needed once the volume threshold
 * is reached, waiting for a person's review, or nothing to do.
 */
export type Requirement = 'none' | 'currently_due' | 'eventually_due' | 'pending_verification';

export interface Finding extends FieldCheck {
  requirement: Requirement;
}

const NETWORK_NAMES: Readonly<Record<CardNetwork, string>> = { unionpay: 'UnionPay', visa: 'Visa', mastercard: 'Mastercard' };

/** The code of a field that is due because it is absent (rather than invalid). */
export const MISSING = 'missing';

export function evaluateApplication(app: MerchantApplication, screening: ScreeningResult): Finding[] {
  return [screeningFinding(screening), usccFinding(app), bankAccountFinding(app), ...documentFindings(app)];
}

function screeningFinding(screening: ScreeningResult): Finding {
  const field = 'legalName';
  const detail: CheckDetail = {
    entryId: screening.best?.entryId ?? null,
    entryName: screening.best?.entryName ?? null,
    score: screening.best?.score ?? null,
    threshold: screening.threshold,
    entriesScreened: screening.entriesScreened,
    truncated: screening.truncated,
  };
  const best = screening.best;
  if (best && screening.matched) {
    return {
      field,
      status: 'failed',
      code: 'block_list_match',
      message: `matches block-list entry "${best.entryName}" (score ${best.score}, threshold ${screening.threshold}): a reviewer must clear or reject it`,
      detail,
      requirement: 'pending_verification',
    };
  }
  if (screening.truncated) {
    return {
      field,
      status: 'warning',
      code: 'block_list_truncated',
      message: `only the first ${screening.entriesScreened} block-list entries were screened: screen the rest before approving`,
      detail,
      requirement: 'pending_verification',
    };
  }
  if (best && screening.candidates.length > 0) {
    return {
      field,
      status: 'warning',
      code: 'block_list_near_match',
      message: `resembles block-list entry "${best.entryName}" (score ${best.score}, below the threshold ${screening.threshold})`,
      detail,
      requirement: 'none',
    };
  }
  return { field, status: 'ok', message: `no block-list entry is close to this name (${screening.entriesScreened} screened)`, detail, requirement: 'none' };
}

/** GB 32100 codes are issued to organisations: required for a company, not expected from an individual. */
function usccFinding(app: MerchantApplication): Finding {
  const field = 'uscc';
  const code = app.uscc?.trim() ?? '';
  if (app.entityType === 'individual') {
    return code === ''
      ? { field, status: 'ok', message: 'not required for an individual', requirement: 'none' }
      : {
          field,
          status: 'warning',
          code: 'not_expected',
          message: 'an individual has no USCC; an individual business (个体工商户) holding one should apply as a company',
          requirement: 'none',
        };
  }
  if (code === '') return { field, status: 'failed', code: MISSING, message: 'a company must give its unified social credit code', requirement: 'currently_due' };
  const result = validateUscc(code);
  if (result.ok) return { field, status: 'ok', message: 'valid unified social credit code (GB 32100-2015)', requirement: 'none' };
  return {
    field,
    status: 'failed',
    code: result.errors[0].code,
    message: result.errors.map((error) => error.message).join('; '),
    detail: { errors: result.errors.map((error) => error.code) },
    requirement: 'currently_due',
  };
}

function bankAccountFinding(app: MerchantApplication): Finding {
  const field = 'bankAccount.number';
  const { kind, number } = app.bankAccount;
  if (kind === 'card') {
    const result = validateBankCard(number);
    if (result.ok) {
      const ending = `card ending ${result.digits.slice(-4)}`;
      const message = result.network ? `${NETWORK_NAMES[result.network]} ${ending}` : `${ending} (network not recognised)`;
      return { field, status: 'ok', message, detail: { network: result.network }, requirement: 'none' };
    }
    return failedAccount(field, result.errors, { network: result.network });
  }
  const result = validateIban(number);
  if (result.ok) {
    return {
      field,
      status: 'ok',
      message: `${result.country} IBAN ending ${result.iban.slice(-4)}${result.sepa ? ' (SEPA)' : ''}`,
      detail: { country: result.country, sepa: result.sepa },
      requirement: 'none',
    };
  }
  return failedAccount(field, result.errors, {});
}

function failedAccount(field: string, errors: ReadonlyArray<{ code: string; message: string }>, detail: CheckDetail): Finding {
  return {
    field,
    status: 'failed',
    code: errors[0].code,
    message: errors.map((error) => error.message).join('; '),
    detail: { ...detail, errors: errors.map((error) => error.code) },
    requirement: 'currently_due',
  };
}

function documentFindings(app: MerchantApplication): Finding[] {
  const uploaded = uploadedKinds(app);
  const enhanced = needsEnhancedDueDiligence(app);
  return REQUIRED_DOCUMENTS[app.entityType].map((document): Finding => {
    const field = `documents.${document.kind}`;
    if (uploaded.has(document.kind)) return { field, status: 'ok', message: `${document.label} uploaded`, requirement: 'none' };
    if (document.due === 'onboarding' || enhanced) {
      return { field, status: 'failed', code: MISSING, message: `${document.label} is required`, requirement: 'currently_due' };
    }
    const threshold = `${toDecimalString(ENHANCED_DUE_DILIGENCE_VOLUME[app.currency], app.currency)} ${app.currency}`;
    return {
      field,
      status: 'ok',
      message: `${document.label} not needed yet: required once the expected monthly volume reaches ${threshold}`,
      requirement: 'eventually_due',
    };
  });
}
