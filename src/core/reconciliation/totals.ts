/** The figures of a matched day: counts per category, and sums of both sides per currency. */
import type { Currency } from '../../shared/money.js';
import { MATCH_CATEGORIES, type CategoryCounts, type CurrencyTotals, type ExpectedItem, type MatchCategory, type MatchTotals, type StatementLineLike } from './types.js';

function noCounts(): CategoryCounts {
  return Object.fromEntries(MATCH_CATEGORIES.map((category) => [category, 0])) as CategoryCounts;
}

export interface TotalsTally {
  count(category: MatchCategory, currency: Currency): void;
  totals(): MatchTotals;
}

/** Sums both sides at once; the caller counts each match and exception as it reports it. */
export function tallyTotals(expected: readonly ExpectedItem[], lines: readonly StatementLineLike[]): TotalsTally {
  const byCurrency = new Map<Currency, Omit<CurrencyTotals, 'difference'>>();
  const of = (currency: Currency): Omit<CurrencyTotals, 'difference'> => {
    let entry = byCurrency.get(currency);
    if (!entry) byCurrency.set(currency, (entry = { currency, counts: noCounts(), expectedCount: 0, expectedSum: 0n, statementCount: 0, statementSum: 0n }));
    return entry;
  };
  for (const item of expected) {
    const entry = of(item.currency);
    entry.expectedCount += 1;
    entry.expectedSum += item.amount;
  }
  for (const line of lines) {
    const entry = of(line.currency);
    entry.statementCount += 1;
    entry.statementSum += line.amount;
  }
  const counts = noCounts();
  return {
    count(category, currency) {
      counts[category] += 1;
      of(currency).counts[category] += 1;
    },
    totals() {
      const currencies = [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
      return { counts, byCurrency: currencies.map((entry) => ({ ...entry, difference: entry.statementSum - entry.expectedSum })) };
    },
  };
}
