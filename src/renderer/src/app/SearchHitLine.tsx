/** One hit of global search: its kind, its id, and its facts worded in the staff member's language. */
import type { SearchHit } from '../../../shared/api/console.js';
import * as format from '../format.js';
import { useLanguage, useT, type Translate } from '../i18n/i18n.js';
import { isSearchKey, searchMessages, type SearchKey } from './search-messages.js';

/** A code worded by its message (`<prefix>_<code>`), or shown as it is when the console does not know it. */
function word(t: Translate<SearchKey>, prefix: string, code: string | undefined): string | null {
  if (code === undefined) return null;
  const key = `${prefix}_${code}`;
  return isSearchKey(key) ? t(key) : code;
}

function describe(hit: SearchHit, t: Translate<SearchKey>, money: (amount: bigint, currency: NonNullable<SearchHit['facts']['currency']>) => string): string {
  const f = hit.facts;
  const amount = f.amount !== undefined && f.currency ? money(f.amount, f.currency) : null;
  const status = word(t, hit.kind, f.status);
  const parts: Array<string | null> =
    hit.kind === 'order'
      ? [amount, status, f.buyerId && f.merchantId ? `${f.buyerId} → ${f.merchantId}` : null]
      : hit.kind === 'dispute'
        ? [status, word(t, 'reason', f.reason), amount, f.orderId ? t('forOrder', { order: f.orderId }) : null]
        : hit.kind === 'buyer'
          ? [t('buyerOrders', { count: f.orders ?? 0, order: f.orderId ?? '' })]
          : hit.kind === 'payout'
            ? [amount, status, f.merchantId ?? null]
            : [f.name ?? null, status, hit.kind === 'application' ? (f.merchantId ?? null) : null];
  return parts.filter((p): p is string => !!p).join(' · ');
}

export function SearchHitLine({ hit }: { hit: SearchHit }) {
  const t = useT(searchMessages);
  const { language } = useLanguage();
  return (
    <>
      <span className="hit-kind">{t(`kind_${hit.kind}`)}</span>
      <span className="hit-text">
        <strong className="hit-id">{hit.id}</strong>
        <span className="hit-facts">{describe(hit, t, (amount, currency) => format.money(amount, currency, language))}</span>
      </span>
    </>
  );
}
