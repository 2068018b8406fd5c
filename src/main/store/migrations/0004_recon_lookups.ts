/**
 * Lookups reconciliation makes per day, so a day of a million-order ledger is read by index:
 * payouts by the day they were sent (orders by payment time are indexed by the ledger) and the bank statement
 * lines the hub relayed from the bank (records, by booking time).
 */
export default {
  version: 4,
  name: 'recon_lookups',
  sql: `
CREATE INDEX payouts_sent_at ON payouts (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX relayed_statement_lines ON aggregates (CAST(json_extract(state, '$.bookedAt') AS INTEGER))
  WHERE kind = 'record' AND type = 'statement.line_received';
`,
};
