/** When each release's rolling reserve returns to the merchant: the scheduler's index. */
export default {
  version: 6,
  name: 'reserve_release',
  sql: `
ALTER TABLE orders ADD COLUMN reserve_due_at INTEGER;
CREATE INDEX orders_reserve_due ON orders (reserve_due_at) WHERE reserve_due_at IS NOT NULL;
`,
};
