/** The queue's filters as the form holds them (text) and as the API takes them (checked values). */
import type { DisputeStatus } from '../../../../shared/escrow/dispute.js';
import type { DisputeReason } from '../../../../shared/escrow/order.js';
import { DEFAULT_CURRENCY, type Currency } from '../../../../shared/money.js';
import type { Input } from '../../api/client.js';
import type { Translate } from '../../i18n/i18n.js';
import { parseMinor } from './amount.js';
import { cstDayEnd, cstDayStart, EARLIEST_MS, LATEST_MS } from '../../components/cst-dates.js';
import type { MessageKey } from './messages.js';

export interface Filters {
  status: 'open' | DisputeStatus;
  reason: '' | DisputeReason;
  overdue: '' | 'yes' | 'no';
  /** '' anyone, 'me', 'unassigned', or a staff id. */
  assignee: string;
  merchantId: string;
  minAmount: string;
  maxAmount: string;
  currency: Currency;
  openedFrom: string;
  openedTo: string;
  /** Client side: only cases with a proposal waiting for finance. */
  proposalsOnly: boolean;
}

export const EMPTY_FILTERS: Filters = {
  status: 'open',
  reason: '',
  overdue: '',
  assignee: '',
  merchantId: '',
  minAmount: '',
  maxAmount: '',
  currency: DEFAULT_CURRENCY,
  openedFrom: '',
  openedTo: '',
  proposalsOnly: false,
};

export type FilterErrors = Partial<Record<'merchantId' | 'minAmount' | 'maxAmount' | 'openedFrom' | 'openedTo', string>>;

export type QueueQuery = Omit<Input<'disputes.queue'>, 'after' | 'limit'>;

const MERCHANT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function toQuery(f: Filters, t: Translate<MessageKey>): { query: QueueQuery; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const query: QueueQuery = { status: f.status };
  if (f.reason) query.reason = f.reason;
  if (f.overdue) query.overdue = f.overdue === 'yes';
  if (f.assignee) query.assignee = f.assignee;
  const merchant = f.merchantId.trim();
  if (merchant) {
    if (MERCHANT_ID.test(merchant)) query.merchantId = merchant;
    else errors.merchantId = t('merchantInvalid');
  }
  let min: bigint | null = null;
  let max: bigint | null = null;
  if (f.minAmount.trim()) {
    const parsed = parseMinor(f.minAmount.trim(), f.currency, t);
    if (parsed.ok) min = parsed.value;
    else errors.minAmount = parsed.message;
  }
  if (f.maxAmount.trim()) {
    const parsed = parseMinor(f.maxAmount.trim(), f.currency, t);
    if (parsed.ok) max = parsed.value;
    else errors.maxAmount = parsed.message;
  }
  if (min !== null && max !== null && min > max) errors.maxAmount = t('rangeInvalid');
  if (min !== null) query.minAmount = min.toString();
  if (max !== null) query.maxAmount = max.toString();
  // Minor units of different currencies do not compare: an amount bound is in the chosen currency.
  if (min !== null || max !== null) query.currency = f.currency;
  const from = f.openedFrom ? cstDayStart(f.openedFrom) : null;
  const to = f.openedTo ? cstDayEnd(f.openedTo) : null;
  const inRange = (ms: number | null) => ms === null || (ms >= EARLIEST_MS && ms <= LATEST_MS);
  if (!inRange(from)) errors.openedFrom = t('dateOutOfRange');
  if (!inRange(to)) errors.openedTo = t('dateOutOfRange');
  if (from !== null && to !== null && from >= to) errors.openedTo = t('datesInvalid');
  if (from !== null) query.openedFrom = from;
  if (to !== null) query.openedTo = to;
  return { query, errors };
}
