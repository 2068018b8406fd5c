/**
 * The overview's figures per day, kept up to date by triggers in the transaction that applies
 * the events, and the name lookups of global search.
 *
 * `day_figures` holds one row per currency and calendar day in China Standard Time
 * (`day` = days since 1970-01-01 in UTC+8): money held, released, refunded, fees, payouts paid,
 * and counts of orders paid, disputes opened and risk flags raised. A chart of 90 days over a
 * million orders then reads 90 rows instead of aggregating a million (DESIGN: no full scans).
 *
 * Money is taken from the immutable transfers the ledger writes (columns, no JSON):
 *   hold (pending) of an `order.paid`  paid, orders   (the event row is written before its transfers)
 *   hold (pending) of `order.refunded` refunded -= amount (what stays held after a partial refund)
 *   refund (void of the hold)          refunded += amount
 *   release (post of the hold)         released += amount; refunded += hold - amount (returned to the buyer)
 *   fee                                fees += amount
 *   payout (post)                      payouts_paid += amount (the bank confirmed it)
 * so that, summed over all days, paid, released and refunded equal the orders' own columns.
 * Counts of disputes and flags come from their events (`dispute.opened`, `risk.flagged`).
 *
 * Sums stay within 64 bits: every amount here has also moved through an account balance the
 * ledger keeps within signed 64 bits (it refuses a transfer that would overflow one).
 */
const DAY = '(NEW.at + 28800000) / 86400000';

const upsert = (columns: Record<string, string>, currency = 'NEW.currency') => {
  const names = Object.keys(columns);
  return `INSERT INTO day_figures (currency, day, ${names.join(', ')}) VALUES (${currency}, ${DAY}, ${names.map((n) => columns[n]).join(', ')})
  ON CONFLICT (currency, day) DO UPDATE SET ${names.map((n) => `${n} = ${n} + excluded.${n}`).join(', ')};`;
};

export default {
  version: 6,
  name: 'overview_figures',
  sql: `
CREATE TABLE day_figures (
  currency TEXT NOT NULL,
  day INTEGER NOT NULL,
  paid INTEGER NOT NULL DEFAULT 0,
  orders INTEGER NOT NULL DEFAULT 0,
  released INTEGER NOT NULL DEFAULT 0,
  refunded INTEGER NOT NULL DEFAULT 0,
  fees INTEGER NOT NULL DEFAULT 0,
  payouts_paid INTEGER NOT NULL DEFAULT 0,
  disputes_opened INTEGER NOT NULL DEFAULT 0,
  flags_raised INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (currency, day)
) WITHOUT ROWID;

CREATE TRIGGER day_figures_hold AFTER INSERT ON transfers WHEN NEW.code = 'hold' AND NEW.kind = 'pending'
BEGIN
  ${upsert({
    paid: "CASE WHEN (SELECT type FROM events WHERE id = NEW.event_id) = 'order.paid' THEN NEW.amount ELSE 0 END",
    orders: "CASE WHEN (SELECT type FROM events WHERE id = NEW.event_id) = 'order.paid' THEN 1 ELSE 0 END",
    refunded: "CASE WHEN (SELECT type FROM events WHERE id = NEW.event_id) = 'order.paid' THEN 0 ELSE -NEW.amount END",
  })}
END;
CREATE TRIGGER day_figures_refund AFTER INSERT ON transfers WHEN NEW.code = 'refund' AND NEW.kind = 'void'
BEGIN
  ${upsert({ refunded: 'NEW.amount' })}
END;
CREATE TRIGGER day_figures_release AFTER INSERT ON transfers WHEN NEW.code = 'release' AND NEW.kind = 'post'
BEGIN
  ${upsert({ released: 'NEW.amount', refunded: '(SELECT amount FROM transfers WHERE id = NEW.pending_id) - NEW.amount' })}
END;
CREATE TRIGGER day_figures_fee AFTER INSERT ON transfers WHEN NEW.code = 'fee'
BEGIN
  ${upsert({ fees: 'NEW.amount' })}
END;
CREATE TRIGGER day_figures_payout AFTER INSERT ON transfers WHEN NEW.code = 'payout' AND NEW.kind = 'post'
BEGIN
  ${upsert({ payouts_paid: 'NEW.amount' })}
END;
CREATE TRIGGER day_figures_dispute AFTER INSERT ON events WHEN NEW.type = 'dispute.opened'
BEGIN
  ${upsert({ disputes_opened: '1' }, "NEW.body ->> '$.data.currency'")}
END;
CREATE TRIGGER day_figures_flag AFTER INSERT ON events WHEN NEW.type = 'risk.flagged'
BEGIN
  ${upsert({ flags_raised: '1' }, "NEW.body ->> '$.data.currency'")}
END;

-- What a replica already holds when it is upgraded.
INSERT INTO day_figures (currency, day, paid, orders, released, refunded, fees, payouts_paid, disputes_opened, flags_raised)
SELECT currency, day, sum(paid), sum(orders), sum(released), sum(refunded), sum(fees), sum(payouts_paid), sum(disputes_opened), sum(flags_raised)
FROM (
  SELECT t.currency, (t.at + 28800000) / 86400000 AS day,
    CASE WHEN t.code = 'hold' AND e.type = 'order.paid' THEN t.amount ELSE 0 END AS paid,
    CASE WHEN t.code = 'hold' AND e.type = 'order.paid' THEN 1 ELSE 0 END AS orders,
    CASE WHEN t.code = 'release' THEN t.amount ELSE 0 END AS released,
    CASE
      WHEN t.code = 'hold' AND e.type IS NOT 'order.paid' THEN -t.amount
      WHEN t.code = 'refund' THEN t.amount
      WHEN t.code = 'release' THEN p.amount - t.amount
      ELSE 0
    END AS refunded,
    CASE WHEN t.code = 'fee' THEN t.amount ELSE 0 END AS fees,
    CASE WHEN t.code = 'payout' THEN t.amount ELSE 0 END AS payouts_paid,
    0 AS disputes_opened, 0 AS flags_raised
  FROM transfers t
  LEFT JOIN events e ON e.id = t.event_id
  LEFT JOIN transfers p ON p.id = t.pending_id
  WHERE (t.code = 'hold' AND t.kind = 'pending') OR (t.code = 'refund' AND t.kind = 'void') OR (t.code = 'release' AND t.kind = 'post')
     OR t.code = 'fee' OR (t.code = 'payout' AND t.kind = 'post')
  UNION ALL
  SELECT body ->> '$.data.currency', (at + 28800000) / 86400000, 0, 0, 0, 0, 0, 0,
    CASE WHEN type = 'dispute.opened' THEN 1 ELSE 0 END, CASE WHEN type = 'risk.flagged' THEN 1 ELSE 0 END
  FROM events WHERE type IN ('dispute.opened', 'risk.flagged')
)
GROUP BY currency, day;

-- Global search: merchants and applications by the start of their legal name, in any case.
CREATE INDEX merchants_legal_name ON merchants (legal_name COLLATE NOCASE);
CREATE INDEX applications_legal_name ON applications (legal_name COLLATE NOCASE);
`,
};
