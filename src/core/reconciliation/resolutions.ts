/**
 * What finance may do about an exception, and which exceptions are still open. Pure: whoever
 * records a resolution checks it here first; the day closes only when nothing is open.
 *
 * Field names follow the `recon.resolve` command (src/shared/escrow/recon.ts), so a day's
 * recorded resolutions can be passed to `openExceptions` as they are.
 */
import { EXCEPTION_CATEGORIES, RESOLUTION_KINDS, type ExceptionCategory, type ResolutionKind } from '../../shared/escrow/recon.js';
import type { ReconException } from './types.js';

export { RESOLUTION_KINDS, type ResolutionKind };

/** The exceptions each kind of resolution answers. */
export const RESOLVABLE_CATEGORIES: Readonly<Record<ResolutionKind, readonly ExceptionCategory[]>> = Object.freeze({
  // Finance has evidence outside the statement that the two sides agree (or, for a lone line
  // or item, that it is accounted for elsewhere). A duplicate has nothing to match.
  force_match: ['amount_mismatch', 'currency_mismatch', 'unknown_in_statement', 'missing_in_statement'],
  // Only an amount in the exception's own currency can be booked; a currency mismatch cannot.
  write_off: ['amount_mismatch', 'unknown_in_statement', 'missing_in_statement'],
  reissue_payout: ['missing_in_statement'],
  ignore: EXCEPTION_CATEGORIES,
});

/** The `recon.resolve` command stores at most this much reason. */
export const MAX_REASON_LENGTH = 200;

/** In order of precedence. */
export const RESOLUTION_ERRORS = ['not_for_category', 'not_a_payout', 'payout_not_failed', 'reason_required', 'reason_too_long'] as const;
export type ResolutionError = (typeof RESOLUTION_ERRORS)[number];

export interface ResolutionRequest {
  resolution: ResolutionKind;
  reason: string;
}

export interface ResolutionContext {
  /**
   * A write-off larger than this (minor units of the exception's currency) needs a second
   * finance officer: `EscrowConfig.fourEyesThreshold[currency]`, or 0n for a currency without
   * one (which, as there, always needs approval).
   */
  fourEyesThreshold: bigint;
  /** reissue_payout: whether the bank reported the payout as failed. */
  payoutFailed?: boolean;
}

export interface CheckedResolution {
  exceptionKey: string;
  resolution: ResolutionKind;
  /** Trimmed. */
  reason: string;
  /** write_off: what is written off, in the exception's currency (see writeOffAmount). */
  writeOff?: { amount: bigint; needsSecondApproval: boolean };
}

export type ResolutionCheck = { ok: true; value: CheckedResolution } | { ok: false; code: ResolutionError; message: string };

/**
 * The amount a write-off books: statement minus ledger, positive when the statement shows more
 * than expected. An amount mismatch writes off the difference, an unknown line its amount, a
 * missing item the opposite of its amount (the statement shows that much less).
 */
export function writeOffAmount(exception: ReconException): bigint | null {
  switch (exception.category) {
    case 'amount_mismatch':
      return exception.difference ?? null;
    case 'unknown_in_statement':
      return exception.statementAmount ?? null;
    case 'missing_in_statement':
      return exception.expectedAmount === undefined ? null : -exception.expectedAmount;
    default:
      return null;
  }
}

export function checkResolution(exception: ReconException, request: ResolutionRequest, context: ResolutionContext): ResolutionCheck {
  const { resolution } = request;
  if (!RESOLVABLE_CATEGORIES[resolution].includes(exception.category)) {
    return refuse('not_for_category', `${resolution} does not resolve ${exception.category} (it resolves ${RESOLVABLE_CATEGORIES[resolution].join(', ')})`);
  }
  if (resolution === 'reissue_payout') {
    if (exception.itemKind !== 'payout') return refuse('not_a_payout', `${exception.itemKey ?? exception.key} is not a payout: only a payout is paid again`);
    if (context.payoutFailed !== true) return refuse('payout_not_failed', `${exception.itemKey} has not failed at the bank: paying it again could pay the merchant twice`);
  }
  const reason = request.reason.trim();
  if (reason === '') return refuse('reason_required', `${resolution} needs a reason`);
  if (reason.length > MAX_REASON_LENGTH) return refuse('reason_too_long', `the reason has ${reason.length} characters; at most ${MAX_REASON_LENGTH} are kept`);

  if (resolution !== 'write_off') return { ok: true, value: { exceptionKey: exception.key, resolution, reason } };
  const amount = writeOffAmount(exception);
  if (amount === null) return refuse('not_for_category', `${exception.key} carries no amount to write off`);
  const needsSecondApproval = (amount < 0n ? -amount : amount) > context.fourEyesThreshold;
  return { ok: true, value: { exceptionKey: exception.key, resolution, reason, writeOff: { amount, needsSecondApproval } } };
}

function refuse(code: ResolutionError, message: string): ResolutionCheck {
  return { ok: false, code, message };
}

/** A resolution as recorded for a day (the shape of the recon day's state). */
export interface AppliedResolution {
  resolution: ResolutionKind;
  /** proposed: a write-off waiting for a second finance officer; it does not close anything yet. */
  status: 'resolved' | 'proposed';
  /** write_off: the amount written off. */
  amount: bigint | null;
}

/**
 * The exceptions no resolution closes. A write-off settles one amount: when a re-run finds a
 * different amount under the same key (a corrected statement, a late refund), the exception is
 * open again rather than silently covered by the old write-off.
 */
export function openExceptions(exceptions: readonly ReconException[], resolutions: Readonly<Record<string, AppliedResolution>>): ReconException[] {
  return exceptions.filter((exception) => {
    const applied = Object.hasOwn(resolutions, exception.key) ? resolutions[exception.key] : undefined;
    if (applied?.status !== 'resolved') return true;
    return applied.resolution === 'write_off' && applied.amount !== writeOffAmount(exception);
  });
}

export function canCloseDay(exceptions: readonly ReconException[], resolutions: Readonly<Record<string, AppliedResolution>>): boolean {
  return openExceptions(exceptions, resolutions).length === 0;
}
