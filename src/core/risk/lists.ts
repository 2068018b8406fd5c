/**
 * Allow and block lists: matching an order's buyer, merchant, device and shipping address
 * against the entries in force when it was paid.
 */
import { LIST_ENTITY_TYPES, type ListEntityType, type ListEntry, type RiskOrder, type RuleFinding } from './types.js';

/**
 * The form two spellings of one address share: NFKC (full-width digits and letters, the
 * ideographic space and compatibility characters become their plain forms), case folded,
 * whitespace runs collapsed to one space. JS has no case-folding function; lower, upper and
 * lower casing again approximates full folding (ß, ẞ and SS all become "ss"), and a second NFKC
 * recomposes what the case mappings decomposed.
 */
export function normaliseAddress(address: string): string {
  const folded = address.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase();
  return folded.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** An entry applies until its expiry instant, exclusive. */
export function isInForce(entry: ListEntry, at: number): boolean {
  return entry.expiresAt === null || at < entry.expiresAt;
}

function orderValue(order: RiskOrder, entityType: ListEntityType): string | undefined {
  switch (entityType) {
    case 'buyer':
      return order.buyerId;
    case 'merchant':
      return order.merchantId;
    case 'device':
      return order.deviceId;
    case 'address':
      return order.shippingAddress === undefined ? undefined : normaliseAddress(order.shippingAddress);
  }
}

function entryValue(entry: ListEntry): string {
  return entry.entityType === 'address' ? normaliseAddress(entry.value) : entry.value;
}

/**
 * The first entry in force at the order's payment that names one of the order's entities of
 * the given types, by LIST_ENTITY_TYPES precedence (then list order). Ids match exactly.
 */
export function findListEntry(entries: readonly ListEntry[], order: RiskOrder, entityTypes: readonly ListEntityType[]): ListEntry | null {
  for (const entityType of LIST_ENTITY_TYPES) {
    if (!entityTypes.includes(entityType)) continue;
    const value = orderValue(order, entityType);
    // An order without a device or an address must not match an entry that normalises to "".
    if (!value) continue;
    const match = entries.find((entry) => entry.entityType === entityType && isInForce(entry, order.paidAt) && entryValue(entry) === value);
    if (match) return match;
  }
  return null;
}

/** A block refuses the order outright, so its finding carries the whole scale. */
export function blockListFinding(entry: ListEntry): RuleFinding {
  return {
    rule: 'block_list',
    points: 100,
    reason: `${entry.entityType} ${entry.value} is on the block list: ${entry.reason}`,
    evidence: { entityType: entry.entityType, value: entry.value, reason: entry.reason, expiresAt: entry.expiresAt },
  };
}
