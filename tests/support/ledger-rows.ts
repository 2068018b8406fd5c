/**
 * Ledger rows with every NOT NULL column filled, for tests that write to the tables directly
 * (one test per migration, on SQLite and on PostgreSQL).
 */
import type { SqlValue } from '../../src/core/db/sqlite.js';

export type Row = Record<string, SqlValue>;

export const order = (id: string, extra: Row = {}): Row => ({
  order_id: id,
  version: 1,
  status: 'paid',
  buyer_id: 'B1',
  merchant_id: 'M1',
  currency: 'CNY',
  amount: 1000,
  held: 1000,
  refunded: 0,
  released: 0,
  fee: 6,
  reserve: 100,
  fee_bps: 60,
  reserve_bps: 1000,
  paid_at: 1_000,
  extension_used: 0,
  updated_at: 1_000,
  ...extra,
});
export const account = (id: string, extra: Row = {}): Row => ({ id, kind: 'buyer', currency: 'CNY', flags: 0, ...extra });
export const transfer = (id: string, extra: Row = {}): Row => ({
  id,
  event_id: `E-${id}`,
  kind: 'single',
  debit_account_id: 'A1',
  credit_account_id: 'A2',
  amount: 100,
  currency: 'CNY',
  code: 'hold',
  at: 1_000,
  ...extra,
});
export const event = (seq: number, extra: Row = {}): Row => ({
  seq,
  id: `E${seq}`,
  kind: 'order',
  aggregate_id: 'O1',
  version: seq,
  type: 'order.paid',
  at: 1_000 + seq,
  body: '{}',
  body_hash: 'h',
  ...extra,
});

export const dispute = (id: string, extra: Row = {}): Row => ({
  dispute_id: id,
  version: 1,
  order_id: 'O1',
  buyer_id: 'B1',
  merchant_id: 'M1',
  currency: 'CNY',
  held_at_open: 1000,
  kind: 'not_received',
  reason: 'r',
  claimed_amount: 1000,
  status: 'awaiting_merchant',
  opened_at: 1_000,
  deadline_at: 2_000,
  refund_amount: 0,
  release_amount: 0,
  messages: 0,
  updated_at: 1_000,
  ...extra,
});
