/** The result of a matched day: each pair and each leftover item or line said once. */
import { amountMismatch, currencyMismatch, duplicate, missingInStatement, unknownInStatement } from './exceptions.js';
import { findRepeats } from './repeats.js';
import { tallyTotals } from './totals.js';
import { MATCH_CATEGORIES, type Match, type MatchCategory, type MatchResult, type ReconException } from './types.js';
import { isLinePaired, matchedBy, type Workspace } from './workspace.js';

const PRECEDENCE = new Map<MatchCategory, number>(MATCH_CATEGORIES.map((category, rank) => [category, rank]));

function byPrecedenceThenKey(a: ReconException, b: ReconException): number {
  return PRECEDENCE.get(a.category)! - PRECEDENCE.get(b.category)! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function report(ws: Workspace): MatchResult {
  const tally = tallyTotals(ws.expected, ws.lines);
  const exceptions: ReconException[] = [];
  const raise = (exception: ReconException): void => {
    exceptions.push(exception);
    tally.count(exception.category, exception.currency);
  };

  ws.expected.forEach((item, index) => {
    const line = ws.lines[ws.lineOfItem[index]];
    const outcome = ws.outcomes[index];
    if (outcome === 'amount_mismatch') raise(amountMismatch(item, line));
    else if (outcome === 'currency_mismatch') raise(currencyMismatch(item, line));
    else if (outcome === undefined) raise(missingInStatement(item));
  });

  // Walking the lines in number order gives the matches in that order without sorting them.
  const matches: Match[] = [];
  const unpaired: number[] = [];
  for (const index of ws.lineOrder) {
    const by = matchedBy(ws, index);
    if (by) {
      const item = ws.expected[ws.itemOfLine[index]];
      matches.push({ itemKey: item.key, lineNo: ws.lines[index].lineNo, by });
      tally.count('matched', item.currency);
    } else if (!isLinePaired(ws, index)) {
      unpaired.push(index);
    }
  }
  const repeats = findRepeats(ws, unpaired);
  for (const index of unpaired) {
    const line = ws.lines[index];
    const repeat = repeats.get(index);
    if (repeat) raise(duplicate(line, repeat, ws.lines[repeat.of]));
    else raise(unknownInStatement(line, ws.groups.namesExpected(index)));
  }

  exceptions.sort(byPrecedenceThenKey);
  return { matches, exceptions, totals: tally.totals() };
}
