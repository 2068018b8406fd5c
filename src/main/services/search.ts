/**
 * Global search (Ctrl+K): orders, disputes, merchants, buyers, applications and payouts whose id
 * starts with what was typed, merchants and applications also by the start of their legal name
 * (case-insensitive). Every lookup is a range seek on a unique or NOCASE index
 * (`id >= q AND id < q || U+10FFFF`), bounded by the limit: at 1,000,000 orders a search reads a
 * few dozen index entries, never a table.
 */
import type { SqlParams, SqlRunner } from '../../core/db/sqlite.js';
import type { SearchHit, SearchHitFacts } from '../../shared/api/console.js';
import { isCurrency } from '../../shared/money.js';
import { can, type Permission } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';

/** Above every character an id or a name can hold: `q + TOP` bounds the names starting with q. */
export const TOP = '\u{10FFFF}';

type Kind = SearchHit['kind'];

/** The kinds in the order their hits are listed when nothing matches exactly. */
const KIND_ORDER: readonly Kind[] = ['order', 'dispute', 'merchant', 'buyer', 'application', 'payout'];

/**
 * What opens each kind's screen (any one of them): a hit the staff member could not open is
 * not offered (disputes are worked by agents and finance, applications by onboarding, ...).
 */
const OPENED_WITH: Record<Kind, readonly Permission[]> = {
  order: ['orders.read'],
  buyer: ['orders.read'],
  dispute: ['disputes.decide', 'refunds.approve'],
  merchant: ['orders.read'],
  application: ['merchants.review'],
  payout: ['finance.payouts'],
};

/** The kinds of hit a role can open. */
export function searchableKinds(role: Role): Kind[] {
  return KIND_ORDER.filter((kind) => OPENED_WITH[kind].some((permission) => can(role, permission)));
}

/** An amount column (read as text) with its currency; nothing when either is not what it should be. */
function money(amount: unknown, currency: unknown): Pick<SearchHitFacts, 'amount' | 'currency'> {
  const text = String(amount);
  return isCurrency(currency) && /^-?\d+$/.test(text) ? { amount: BigInt(text), currency } : {};
}

/**
 * What the user may have meant: ids are case-sensitive (`O123`, lowercase UUIDs, `D-dhhmeo-01`),
 * so the text is also tried in upper case, lower case, and lower case after a capital.
 */
function variants(q: string): string[] {
  const lower = q.toLowerCase();
  return [...new Set([q, q.toUpperCase(), lower, lower.charAt(0).toUpperCase() + lower.slice(1)])];
}

export interface Lookup {
  kind: Kind;
  /** A range query on an index; `?` pairs are the lower and upper bound, the last `?` the limit. */
  sql: string;
  /** Names are matched case-insensitively by their index already: the text as typed is enough. */
  caseInsensitive?: boolean;
  hit(row: Record<string, unknown>): Omit<SearchHit, 'kind'>;
}

function merchantHit(r: Record<string, unknown>): Omit<SearchHit, 'kind'> {
  return { id: String(r.merchant_id), facts: { name: String(r.legal_name), status: String(r.status) }, route: `merchants/${String(r.merchant_id)}` };
}

function applicationHit(r: Record<string, unknown>): Omit<SearchHit, 'kind'> {
  return {
    id: String(r.application_id),
    facts: { name: String(r.legal_name), status: String(r.status), merchantId: String(r.merchant_id) },
    route: `merchants/applications/${String(r.application_id)}`,
  };
}

/** Each lookup's SQL (the per-migration test checks that each is a seek on its index). */
export const SEARCH_LOOKUPS: readonly Lookup[] = [
  {
    kind: 'order',
    sql: `SELECT order_id, status, CAST(amount AS TEXT) AS amount, currency, buyer_id, merchant_id FROM orders
          WHERE order_id >= ? AND order_id < ? ORDER BY order_id LIMIT ?`,
    hit: (r) => ({
      id: String(r.order_id),
      facts: { ...money(r.amount, r.currency), status: String(r.status), buyerId: String(r.buyer_id), merchantId: String(r.merchant_id) },
      route: `orders/${String(r.order_id)}`,
    }),
  },
  {
    kind: 'dispute',
    sql: `SELECT dispute_id, order_id, status, reason, CAST(claimed_amount AS TEXT) AS claimed, currency FROM disputes
          WHERE dispute_id >= ? AND dispute_id < ? ORDER BY dispute_id LIMIT ?`,
    hit: (r) => ({
      id: String(r.dispute_id),
      facts: { status: String(r.status), reason: String(r.reason), ...money(r.claimed, r.currency), orderId: String(r.order_id) },
      route: `disputes/${String(r.dispute_id)}`,
    }),
  },
  {
    kind: 'merchant',
    sql: `SELECT merchant_id, legal_name, status FROM merchants WHERE merchant_id >= ? AND merchant_id < ? ORDER BY merchant_id LIMIT ?`,
    hit: merchantHit,
  },
  {
    kind: 'merchant',
    caseInsensitive: true,
    sql: `SELECT merchant_id, legal_name, status FROM merchants
          WHERE legal_name >= ? COLLATE NOCASE AND legal_name < ? COLLATE NOCASE ORDER BY legal_name COLLATE NOCASE LIMIT ?`,
    hit: merchantHit,
  },
  {
    kind: 'application',
    sql: `SELECT application_id, merchant_id, legal_name, status FROM applications
          WHERE application_id >= ? AND application_id < ? ORDER BY application_id LIMIT ?`,
    hit: applicationHit,
  },
  {
    kind: 'application',
    caseInsensitive: true,
    sql: `SELECT application_id, merchant_id, legal_name, status FROM applications
          WHERE legal_name >= ? COLLATE NOCASE AND legal_name < ? COLLATE NOCASE ORDER BY legal_name COLLATE NOCASE LIMIT ?`,
    hit: applicationHit,
  },
  {
    kind: 'payout',
    sql: `SELECT payout_id, merchant_id, status, CAST(amount AS TEXT) AS amount, currency FROM payouts
          WHERE payout_id >= ? AND payout_id < ? ORDER BY payout_id LIMIT ?`,
    hit: (r) => ({
      id: String(r.payout_id),
      facts: { ...money(r.amount, r.currency), status: String(r.status), merchantId: String(r.merchant_id) },
      route: `settlements/payouts/${String(r.payout_id)}`,
    }),
  },
];

/**
 * Buyers have no table of their own: their ids are found in the orders' buyer index by a skip
 * scan (each step seeks the next id after the last one found, one index seek per distinct
 * buyer, in one statement), and each hit opens the buyer's latest order.
 */
export const BUYER_SQL = `WITH RECURSIVE b(buyer_id) AS (
    SELECT (SELECT min(buyer_id) FROM orders WHERE buyer_id >= ? AND buyer_id < ?)
    UNION ALL
    SELECT (SELECT min(buyer_id) FROM orders WHERE buyer_id > b.buyer_id AND buyer_id < ?) FROM b WHERE b.buyer_id IS NOT NULL
    LIMIT ?
  )
  SELECT buyer_id,
    (SELECT order_id FROM orders o WHERE o.buyer_id = b.buyer_id ORDER BY paid_at DESC LIMIT 1) AS order_id,
    (SELECT count(*) FROM orders o WHERE o.buyer_id = b.buyer_id) AS n
  FROM b WHERE buyer_id IS NOT NULL`;

async function buyers(db: SqlRunner, prefix: string, limit: number): Promise<SearchHit[]> {
  const rows = await db.all<{ buyer_id: string; order_id: string; n: number }>(BUYER_SQL, [prefix, prefix + TOP, prefix + TOP, limit + 1]);
  return rows.map((r) => ({ kind: 'buyer', id: r.buyer_id, facts: { orders: r.n, orderId: r.order_id }, route: `orders/${r.order_id}` }));
}

/** Hits of the given kinds (all of them unless told) for what was typed, exact ids first. */
export async function globalSearch(db: SqlRunner, query: string, limit: number, kinds: readonly Kind[] = KIND_ORDER): Promise<SearchHit[]> {
  const q = query.trim();
  if (!q) return [];
  const byKind = new Map<Kind, SearchHit[]>(KIND_ORDER.map((k) => [k, []]));
  const seen = new Set<string>();
  const add = (hit: SearchHit) => {
    const key = `${hit.kind}:${hit.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    byKind.get(hit.kind)!.push(hit);
  };
  for (const lookup of SEARCH_LOOKUPS.filter((l) => kinds.includes(l.kind))) {
    for (const text of lookup.caseInsensitive ? [q] : variants(q)) {
      const params: SqlParams = [text, text + TOP, limit];
      for (const row of await db.all<Record<string, unknown>>(lookup.sql, params)) add({ kind: lookup.kind, ...lookup.hit(row) });
    }
  }
  if (kinds.includes('buyer')) for (const text of variants(q)) for (const hit of await buyers(db, text, limit)) add(hit);

  // Exact ids first, then the kinds in turn (one of each, then the next of each), up to the limit.
  const lower = q.toLowerCase();
  const exact = (hit: SearchHit) => hit.id.toLowerCase() === lower;
  const out: SearchHit[] = [];
  for (const kind of KIND_ORDER) for (const hit of byKind.get(kind)!) if (exact(hit)) out.push(hit);
  const rest = KIND_ORDER.map((kind) => byKind.get(kind)!.filter((hit) => !exact(hit)));
  for (let i = 0; out.length < limit && rest.some((list) => i < list.length); i += 1) {
    for (const list of rest) if (i < list.length && out.length < limit) out.push(list[i]);
  }
  return out.slice(0, limit);
}
