/** The result of a matched day: each pair and each leftover item or line said once. */
import { amountMismatch, currencyMismatch, duplicate, missingInStatement, unknownInStatement } from './exceptions.js';
import { findRepeats } from './repeats.js';
import { tallyTotals } from './totals.js';
import { MATCH_CATEGORIES, type Match, type MatchCategory, type MatchResult, type ReconException } from './types.js';
import { isLinePaired, type ReferenceGroup, type Workspace } from './workspace.js';

const PRECEDENCE = new Map<MatchCategory, number>(MATCH_CATEGORIES.map((category, rank) => [category, rank]));

function byPrecedenceThenKey(a: ReconException, b: ReconException): number {
  return PRECEDENCE.get(a.category)! - PRECEDENCE.get(b.category)! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function report(ws: Workspace, groups: ReadonlyMap<string, ReferenceGroup>): MatchResult {
  const tally = tallyTotals(ws.expected, ws.lines);
  const matches: Match[] = [];
  const exceptions: ReconException[] = [];
  const raise = (exception: ReconException): void => {
    exceptions.push(exception);
    tally.count(exception.category, exception.currency);
  };

  ws.expected.forEach((item, index) => {
    const outcome = ws.outcomes[index];
    const line = ws.lines[ws.lineOfItem[index]];
    switch (outcome) {
      case 'reference':
      case 'amount_date':
        matches.push({ itemKey: item.key, lineNo: line.lineNo, by: outcome });
        tally.count('matched', item.currency);
        break;
      case 'amount_mismatch':
        raise(amountMismatch(item, line));
        break;
      case 'currency_mismatch':
        raise(currencyMismatch(item, line));
        break;
      case undefined:
        raise(missingInStatement(item));
    }
  });

  const unpaired: number[] = [];
  for (let line = 0; line < ws.lines.length; line += 1) if (!isLinePaired(ws, line)) unpaired.push(line);
  const repeats = findRepeats(ws, groups, unpaired);
  for (const index of unpaired) {
    const line = ws.lines[index];
    const repeat = repeats.get(index);
    if (repeat) raise(duplicate(line, repeat, ws.lines[repeat.of]));
    else raise(unknownInStatement(line, (groups.get(ws.lineRefs[index])?.items.length ?? 0) > 0));
  }

  matches.sort((a, b) => a.lineNo - b.lineNo);
  exceptions.sort(byPrecedenceThenKey);
  return { matches, exceptions, totals: tally.totals() };
}
