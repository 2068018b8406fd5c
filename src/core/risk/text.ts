/** The numbers in reasons, written for a risk officer: exact amounts, multiples, durations. */
import { toDecimalString, type Currency } from '../../shared/money.js';
import { DAY_MS } from '../escrow/config.js';
import { HOUR_MS } from './config.js';

export function money(amount: bigint, currency: Currency): string {
  return `${toDecimalString(amount, currency)} ${currency}`;
}

/** numerator / denominator to one decimal, rounded down ("24.3x"); the denominator must be positive. */
export function multiple(numerator: bigint, denominator: bigint): string {
  const tenths = (numerator * 10n) / denominator;
  return `${tenths / 10n}.${tenths % 10n}x`;
}

/** "1 order", "3 orders". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A duration in its largest whole unit, rounded down ("7 d", "1 h", "45 min"). */
export function duration(ms: number): string {
  if (ms >= DAY_MS) return `${Math.floor(ms / DAY_MS)} d`;
  if (ms >= HOUR_MS) return `${Math.floor(ms / HOUR_MS)} h`;
  return `${Math.floor(ms / 60_000)} min`;
}
