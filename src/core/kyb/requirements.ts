/**
 * A merchant application's requirements, in the model payment platforms expose (Stripe's
 * account `requirements`: https://docs.stripe.com/api/accounts/object#account_object-requirements):
 *
 * - currently_due: fields needed now, because they are absent or failed validation;
 * - eventually_due: fields needed once every threshold is reached; includes currently_due;
 * - past_due: the currently_due fields once the deadline has passed;
 * - pending_verification: fields waiting for a person's review (a block-list hit);
 * - errors: the currently_due fields that were given but failed validation, with the reason;
 * - deadline: when currently_due must be complete, or null when nothing is due.
 *
 * Field names are the application's own paths (see FieldCheck.field).
 */
import type { MerchantApplication } from './application.js';
import { evaluateApplication, MISSING, type FieldCheck, type Requirement } from './field-checks.js';
import { screenName, type ScreeningEntry, type ScreeningResult } from './name-screening.js';

export interface RequirementError {
  field: string;
  code: string;
  reason: string;
}

export interface Requirements {
  currently_due: string[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
  errors: RequirementError[];
  deadline: number | null;
}

export function computeRequirements(
  app: MerchantApplication,
  options: { now: number; deadline: number | null; screening: ScreeningResult },
): Requirements {
  const findings = evaluateApplication(app, options.screening);
  const fieldsWith = (requirement: Requirement) => findings.filter((finding) => finding.requirement === requirement).map((finding) => finding.field);
  const currentlyDue = fieldsWith('currently_due');
  const deadline = currentlyDue.length > 0 ? options.deadline : null;
  return {
    currently_due: currentlyDue,
    eventually_due: [...currentlyDue, ...fieldsWith('eventually_due')],
    past_due: deadline !== null && options.now >= deadline ? [...currentlyDue] : [],
    pending_verification: fieldsWith('pending_verification'),
    errors: findings.flatMap(({ requirement, field, code, message }) =>
      requirement === 'currently_due' && code !== undefined && code !== MISSING ? [{ field, code, reason: message }] : [],
    ),
    deadline,
  };
}

/**
 * The reviewer's view: every automatic check of the application, the legal name screened against
 * `blockList` at `now` (kept in the name check's detail, since a block list changes over time).
 */
export function checkApplication(app: MerchantApplication, options: { blockList: readonly ScreeningEntry[]; now: number }): FieldCheck[] {
  const screening = screenName(app.legalName, options.blockList);
  return evaluateApplication(app, screening).map(({ requirement: _requirement, ...check }) =>
    check.field === 'legalName' ? { ...check, detail: { ...check.detail, screenedAt: options.now } } : check,
  );
}
