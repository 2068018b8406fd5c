/** Running per-currency totals of a statement's lines (StatementSummary.totals). */
import type { Currency } from '../../shared/money.js';
import type { CurrencyTotal } from './types.js';

export class StatementTally {
  private readonly byCurrency = new Map<Currency, CurrencyTotal>();

  add(amount: bigint, currency: Currency): void {
    let total = this.byCurrency.get(currency);
    if (!total) {
      total = { currency, count: 0, credits: 0n, debits: 0n };
      this.byCurrency.set(currency, total);
    }
    total.count += 1;
    if (amount >= 0n) total.credits += amount;
    else total.debits += amount;
  }

  /** Sum of the signed amounts in `currency`. */
  net(currency: Currency): bigint {
    const total = this.byCurrency.get(currency);
    return total ? total.credits + total.debits : 0n;
  }

  totals(): CurrencyTotal[] {
    return [...this.byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)).map((total) => ({ ...total }));
  }
}
