/**
 * Which resolutions fit which exception, as src/core/reconciliation/resolutions.ts decides it
 * (the main process checks again; this only keeps impossible choices off the screen), and the
 * amount a write-off would book, for display.
 */
import type { ExceptionView } from '../../../../shared/api/views.js';
import { EXCEPTION_CATEGORIES, type ExceptionCategory, type ResolutionKind } from '../../../../shared/escrow/recon.js';

const RESOLVABLE: Readonly<Record<ResolutionKind, readonly ExceptionCategory[]>> = {
  force_match: ['amount_mismatch', 'currency_mismatch', 'unknown_in_statement', 'missing_in_statement'],
  write_off: ['amount_mismatch', 'unknown_in_statement', 'missing_in_statement'],
  reissue_payout: ['missing_in_statement'],
  ignore: EXCEPTION_CATEGORIES,
};

const ORDER: readonly ResolutionKind[] = ['force_match', 'write_off', 'reissue_payout', 'ignore'];

function isPayout(exception: ExceptionView): boolean {
  return exception.itemKey?.startsWith('payout:') ?? false;
}

/** The resolutions offered for an exception (a re-issue only for a payout missing from the statement). */
export function resolutionsFor(exception: ExceptionView): ResolutionKind[] {
  return ORDER.filter((kind) => RESOLVABLE[kind].includes(exception.category) && (kind !== 'reissue_payout' || isPayout(exception)));
}

/** Statement minus ledger: what a write-off of this exception books (null: nothing to write off). */
export function writeOffAmount(exception: ExceptionView): bigint | null {
  switch (exception.category) {
    case 'amount_mismatch':
      return exception.difference;
    case 'unknown_in_statement':
      return exception.statementAmount;
    case 'missing_in_statement':
      return exception.expectedAmount === null ? null : -exception.expectedAmount;
    default:
      return null;
  }
}

/** Still to be dealt with: no resolution, or a write-off waiting for its second officer. */
export function isOpen(exception: ExceptionView): boolean {
  return exception.resolution?.status !== 'resolved';
}
