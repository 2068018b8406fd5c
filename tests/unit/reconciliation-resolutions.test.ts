import { describe, expect, it } from 'vitest';
import {
  canCloseDay,
  checkResolution,
  DEFAULT_MATCH_CONFIG,
  EXCEPTION_CATEGORIES,
  matchDay,
  MAX_REASON_LENGTH,
  openExceptions,
  RESOLUTION_KINDS,
  writeOffAmount,
  type AppliedResolution,
  type ExceptionCategory,
  type ReconException,
  type ResolutionContext,
  type ResolutionKind,
} from '../../src/core/reconciliation/index.js';

const T0 = Date.UTC(2026, 10, 11, 4);

/**
 * One exception of each category from a real run: O1 short by 0.50, O2 in the wrong currency,
 * O3 shown twice, a stranger, and a payout and a payment the statement does not show.
 */
function exceptionsOfADay(): Record<ExceptionCategory | 'missing_payment', ReconException> {
  const item = (key: string, kind: 'payment' | 'payout', reference: string, amount: bigint) => ({ key, kind, reference, amount, currency: 'CNY' as const, at: T0 });
  const line = (lineNo: number, reference: string, amount: bigint, currency: 'CNY' | 'HKD' = 'CNY') => ({ lineNo, rawHash: `hash-${lineNo}`, bookedAt: T0, amount, currency, reference });
  const { exceptions } = matchDay({
    expected: [item('order:O1:paid', 'payment', 'O1', 100_00n), item('order:O2:paid', 'payment', 'O2', 20_00n), item('order:O3:paid', 'payment', 'O3', 30_00n), item('payout:P9', 'payout', 'P9', -8_000_00n), item('order:O4:paid', 'payment', 'O4', 6_000_00n)],
    lines: [line(2, 'O1', 99_50n), line(3, 'O2', 20_00n, 'HKD'), line(4, 'O3', 30_00n), line(5, 'O3', 30_00n), line(6, 'STRANGER', 7_00n)],
    config: DEFAULT_MATCH_CONFIG,
  });
  const of = (key: string): ReconException => exceptions.find((e) => e.key === key)!;
  return {
    amount_mismatch: of('amount_mismatch:order:O1:paid'),
    currency_mismatch: of('currency_mismatch:order:O2:paid'),
    duplicate: of('duplicate:hash-5:5'),
    unknown_in_statement: of('unknown_in_statement:hash-6:6'),
    missing_in_statement: of('missing_in_statement:payout:P9'),
    missing_payment: of('missing_in_statement:order:O4:paid'),
  };
}

const day = exceptionsOfADay();
const CONTEXT: ResolutionContext = { fourEyesThreshold: 5_000_00n };

function check(category: keyof typeof day, resolution: ResolutionKind, patch: Partial<ResolutionContext> & { reason?: string } = {}) {
  const { reason = 'checked with the bank', ...context } = patch;
  return checkResolution(day[category], { resolution, reason }, { ...CONTEXT, ...context });
}

describe('reconciliation resolutions: which kind answers which category', () => {
  const allowed: Record<ResolutionKind, ExceptionCategory[]> = {
    force_match: ['amount_mismatch', 'currency_mismatch', 'unknown_in_statement', 'missing_in_statement'],
    write_off: ['amount_mismatch', 'unknown_in_statement', 'missing_in_statement'],
    reissue_payout: ['missing_in_statement'],
    ignore: [...EXCEPTION_CATEGORIES],
  };

  it.each(RESOLUTION_KINDS.flatMap((kind) => EXCEPTION_CATEGORIES.map((category) => [kind, category] as const)))('%s on %s', (kind, category) => {
    const answer = check(category, kind, { payoutFailed: true });
    if (allowed[kind].includes(category)) expect(answer).toMatchObject({ ok: true, value: { exceptionKey: day[category].key, resolution: kind } });
    else expect(answer).toMatchObject({ ok: false, code: 'not_for_category' });
  });
});

describe('reconciliation resolutions: reasons', () => {
  it.each(RESOLUTION_KINDS)('%s needs a reason', (kind) => {
    expect(check('missing_in_statement', kind, { reason: '', payoutFailed: true })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(check('missing_in_statement', kind, { reason: ' \t\n', payoutFailed: true })).toMatchObject({ ok: false, code: 'reason_required' });
  });

  it('keeps the reason trimmed and refuses one longer than the command stores', () => {
    expect(check('duplicate', 'ignore', { reason: '  bank listed it twice  ' })).toMatchObject({ ok: true, value: { reason: 'bank listed it twice' } });
    expect(check('duplicate', 'ignore', { reason: 'x'.repeat(MAX_REASON_LENGTH) }).ok).toBe(true);
    expect(check('duplicate', 'ignore', { reason: 'x'.repeat(MAX_REASON_LENGTH + 1) })).toMatchObject({ ok: false, code: 'reason_too_long' });
  });

  it('reports the category before the reason', () => {
    expect(check('duplicate', 'write_off', { reason: '' })).toMatchObject({ ok: false, code: 'not_for_category' });
  });
});

describe('reconciliation resolutions: write-offs', () => {
  it('writes off the difference, the line amount or the missing amount, signed statement minus ledger', () => {
    expect(writeOffAmount(day.amount_mismatch)).toBe(-50n);
    expect(writeOffAmount(day.unknown_in_statement)).toBe(7_00n);
    expect(writeOffAmount(day.missing_in_statement)).toBe(8_000_00n);
    expect(writeOffAmount(day.missing_payment)).toBe(-6_000_00n);
    expect(writeOffAmount(day.currency_mismatch)).toBeNull();
    expect(writeOffAmount(day.duplicate)).toBeNull();
    expect(check('amount_mismatch', 'write_off')).toMatchObject({ ok: true, value: { writeOff: { amount: -50n, needsSecondApproval: false } } });
  });

  it('needs a second officer above the four-eyes threshold, in either direction', () => {
    expect(check('missing_in_statement', 'write_off', { fourEyesThreshold: 8_000_00n })).toMatchObject({ ok: true, value: { writeOff: { amount: 8_000_00n, needsSecondApproval: false } } });
    expect(check('missing_in_statement', 'write_off', { fourEyesThreshold: 7_999_99n })).toMatchObject({ ok: true, value: { writeOff: { needsSecondApproval: true } } });
    expect(check('missing_payment', 'write_off', { fourEyesThreshold: 6_000_00n })).toMatchObject({ ok: true, value: { writeOff: { amount: -6_000_00n, needsSecondApproval: false } } });
    expect(check('missing_payment', 'write_off', { fourEyesThreshold: 5_999_99n })).toMatchObject({ ok: true, value: { writeOff: { needsSecondApproval: true } } });
  });

  it('other kinds write nothing off', () => {
    const answer = check('amount_mismatch', 'force_match');
    expect(answer.ok && answer.value.writeOff).toBeUndefined();
  });
});

describe('reconciliation resolutions: paying a payout again', () => {
  it('only a missing payout that failed at the bank', () => {
    expect(check('missing_in_statement', 'reissue_payout', { payoutFailed: true }).ok).toBe(true);
    expect(check('missing_in_statement', 'reissue_payout', { payoutFailed: false })).toMatchObject({ ok: false, code: 'payout_not_failed' });
    expect(check('missing_in_statement', 'reissue_payout')).toMatchObject({ ok: false, code: 'payout_not_failed' });
    expect(check('missing_payment', 'reissue_payout', { payoutFailed: true })).toMatchObject({ ok: false, code: 'not_a_payout' });
  });
});

describe('reconciliation resolutions: open exceptions and closing the day', () => {
  const all = Object.values(day);
  const resolved = (resolution: ResolutionKind, amount: bigint | null = null): AppliedResolution => ({ resolution, status: 'resolved', amount });

  it('every exception is open until something resolves it', () => {
    expect(openExceptions(all, {})).toEqual(all);
    expect(canCloseDay(all, {})).toBe(false);
    expect(canCloseDay([], {})).toBe(true);
  });

  it('a resolution closes its exception only', () => {
    const open = openExceptions(all, { [day.duplicate.key]: resolved('ignore') });
    expect(open.map((e) => e.key)).toEqual(all.filter((e) => e !== day.duplicate).map((e) => e.key));
  });

  it('a proposed write-off closes nothing until approved', () => {
    const proposed: AppliedResolution = { resolution: 'write_off', status: 'proposed', amount: 8_000_00n };
    expect(openExceptions([day.missing_in_statement], { [day.missing_in_statement.key]: proposed })).toHaveLength(1);
    expect(openExceptions([day.missing_in_statement], { [day.missing_in_statement.key]: { ...proposed, status: 'resolved' } })).toHaveLength(0);
  });

  it('a write-off of another amount than the exception now shows leaves it open', () => {
    expect(openExceptions([day.amount_mismatch], { [day.amount_mismatch.key]: resolved('write_off', -50n) })).toHaveLength(0);
    expect(openExceptions([day.amount_mismatch], { [day.amount_mismatch.key]: resolved('write_off', -40n) })).toHaveLength(1);
  });

  it('the day closes once everything is resolved', () => {
    const resolutions: Record<string, AppliedResolution> = {
      [day.amount_mismatch.key]: resolved('write_off', -50n),
      [day.currency_mismatch.key]: resolved('force_match'),
      [day.duplicate.key]: resolved('ignore'),
      [day.unknown_in_statement.key]: resolved('write_off', 7_00n),
      [day.missing_in_statement.key]: resolved('reissue_payout'),
    };
    expect(canCloseDay(all, resolutions)).toBe(false);
    expect(canCloseDay(all, { ...resolutions, [day.missing_payment.key]: resolved('force_match') })).toBe(true);
  });

  it('is not fooled by keys that are object properties', () => {
    expect(openExceptions([{ ...day.duplicate, key: 'toString' }], {})).toHaveLength(1);
  });
});
