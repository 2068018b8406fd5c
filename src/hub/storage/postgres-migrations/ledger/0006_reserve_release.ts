/** The reserve due date of src/core/migrations/sqlite/0006_reserve_release.ts on PostgreSQL. */
export default {
  version: 6,
  name: 'reserve_release',
  sql: `
ALTER TABLE orders ADD COLUMN reserve_due_at BIGINT;
CREATE INDEX orders_reserve_due ON orders (reserve_due_at) WHERE reserve_due_at IS NOT NULL;
`,
};
