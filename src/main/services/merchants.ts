/**
 * What onboarding reviewers and finance officers look at, on the local replica: the
 * application pipeline, an application with its automatic checks and requirements, a
 * merchant's profile (balances, reserve, payouts, disputes, flags), payouts, and the merchants
 * a payout run would pay. Every list is keyset-paged on an index.
 */
import { selectIn, type SqlRunner, type SqlValue } from '../../core/db/sqlite.js';
import { accountId, balanceViews, type BalanceViews } from '../../core/ledger/accounts.js';
import { accountShape, applicationShape, merchantShape, payoutShape, selectList } from '../../core/ledger/rows.js';
import { checkApplication, computeRequirements, type Requirements } from '../../core/kyb/requirements.js';
import { screenName } from '../../core/kyb/name-screening.js';
import type { FieldCheck } from '../../core/kyb/field-checks.js';
import type { ApplicationState, MerchantState, PayoutState } from '../../core/merchants/state.js';
import { readScreeningList } from '../../core/risk/history-seed.js';
import type { Page } from '../../shared/api/console.js';
import type { Currency } from '../../shared/money.js';
import type { ApplicationStatus, PayoutSchedule, PayoutStatus } from '../../shared/escrow/merchant.js';

function cursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function readCursor(text: string | undefined): [number, string] | null {
  if (!text) return null;
  try {
    const values = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && typeof values[0] === 'number' && typeof values[1] === 'string') return [values[0], values[1]];
  } catch {
    // a cursor that does not decode starts from the beginning
  }
  return null;
}

/** A pipeline row: the application and the checks that need a reviewer's eye (failed or warning), so the queue shows which to look at first. */
export interface PipelineApplication extends ApplicationState {
  attention: Array<Pick<FieldCheck, 'field' | 'status' | 'code'>>;
}

export async function applicationPipeline(db: SqlRunner, query: { status?: ApplicationStatus; after?: string; limit: number }, now: number): Promise<Page<PipelineApplication>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  const after = readCursor(query.after);
  if (after) {
    where.push('(received_at, application_id) > (?, ?)');
    params.push(...after);
  }
  const rows = await db.all<Record<string, unknown>>(
    `SELECT ${selectList(applicationShape, true)} FROM applications ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at, application_id LIMIT ?`,
    [...params, query.limit + 1],
  );
  const applications = rows.slice(0, query.limit).map(applicationShape.fromRow);
  const blockList = applications.length > 0 ? await readScreeningList((sql, params) => db.all(sql, params)) : [];
  const items = applications.map((application) => ({
    ...application,
    attention: checkApplication(application.application, { blockList, now })
      .filter((check) => check.status !== 'ok')
      .map(({ field, status, code }) => ({ field, status, ...(code === undefined ? {} : { code }) })),
  }));
  const last = items[items.length - 1];
  return { items, next: rows.length > query.limit && last ? cursor([last.receivedAt, last.applicationId]) : null };
}

export interface ApplicationReview {
  application: ApplicationState;
  checks: FieldCheck[];
  requirements: Requirements;
}

export async function applicationReview(db: SqlRunner, applicationId: string, now: number): Promise<ApplicationReview | null> {
  const row = await db.get<Record<string, unknown>>(`SELECT ${selectList(applicationShape, true)} FROM applications WHERE application_id = ?`, [applicationId]);
  if (!row) return null;
  const application = applicationShape.fromRow(row);
  const blockList = await readScreeningList((sql, params) => db.all(sql, params));
  return {
    application,
    checks: checkApplication(application.application, { blockList, now }),
    requirements: computeRequirements(application.application, {
      now,
      deadline: application.requested?.deadlineAt ?? null,
      screening: screenName(application.application.legalName, blockList),
    }),
  };
}

export interface MerchantProfile {
  merchant: MerchantState | null;
  balances: Array<{ currency: Currency; payable: BalanceViews; reserve: BalanceViews }>;
  payouts: PayoutState[];
  disputes: { open: number; total: number };
  flags: { unreviewed: number; total: number };
}

export async function merchantProfile(db: SqlRunner, merchantId: string): Promise<MerchantProfile> {
  const merchantRow = await db.get<Record<string, unknown>>(`SELECT ${selectList(merchantShape, true)} FROM merchants WHERE merchant_id = ?`, [merchantId]);
  const accounts = (await db.all<Record<string, unknown>>(`SELECT ${selectList(accountShape, true)} FROM accounts WHERE owner = ?`, [merchantId])).map(accountShape.fromRow);
  const currencies = [...new Set(accounts.map((a) => a.currency))].sort();
  const zero = { posted: 0n, pending: 0n, available: 0n };
  const views = (id: string) => {
    const account = accounts.find((a) => a.id === id);
    return account ? balanceViews(account.flags, account) : zero;
  };
  const payouts = (await db.all<Record<string, unknown>>(`SELECT ${selectList(payoutShape, true)} FROM payouts WHERE merchant_id = ? ORDER BY created_at DESC LIMIT 50`, [merchantId])).map(payoutShape.fromRow);
  const disputes = await db.get<{ open: number; total: number }>(
    'SELECT count(*) AS total, coalesce(sum(deadline_at IS NOT NULL), 0) AS open FROM disputes WHERE merchant_id = ?',
    [merchantId],
  );
  const flags = await db.get<{ unreviewed: number; total: number }>(
    "SELECT count(*) AS total, coalesce(sum(status IN ('open', 'kept')), 0) AS unreviewed FROM risk_flags WHERE merchant_id = ?",
    [merchantId],
  );
  return {
    merchant: merchantRow ? merchantShape.fromRow(merchantRow) : null,
    balances: currencies.map((currency) => ({
      currency,
      payable: views(accountId('merchant_payable', currency, merchantId)),
      reserve: views(accountId('merchant_reserve', currency, merchantId)),
    })),
    payouts,
    disputes: { open: disputes?.open ?? 0, total: disputes?.total ?? 0 },
    flags: { unreviewed: flags?.unreviewed ?? 0, total: flags?.total ?? 0 },
  };
}

/** The onboarded merchants in id order, optionally of one status; keyset-paged on the merchant id. */
export async function merchantDirectory(db: SqlRunner, query: { status?: MerchantState['status']; after?: string; limit: number }): Promise<Page<MerchantState>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.after) {
    where.push('merchant_id > ?');
    params.push(query.after);
  }
  const rows = await db.all<Record<string, unknown>>(
    `SELECT ${selectList(merchantShape, true)} FROM merchants ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY merchant_id LIMIT ?`,
    [...params, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(merchantShape.fromRow);
  const last = items[items.length - 1];
  return { items, next: rows.length > query.limit && last ? last.merchantId : null };
}

export async function payoutList(db: SqlRunner, query: { status?: PayoutStatus; merchantId?: string; after?: string; limit: number }): Promise<Page<PayoutState>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.merchantId) {
    where.push('merchant_id = ?');
    params.push(query.merchantId);
  }
  const after = readCursor(query.after);
  if (after) {
    where.push('(created_at, payout_id) < (?, ?)');
    params.push(...after);
  }
  const rows = await db.all<Record<string, unknown>>(
    `SELECT ${selectList(payoutShape, true)} FROM payouts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, payout_id DESC LIMIT ?`,
    [...params, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(payoutShape.fromRow);
  const last = items[items.length - 1];
  return { items, next: rows.length > query.limit && last ? cursor([last.createdAt, last.payoutId]) : null };
}

/** Active merchants of a payout schedule with money available, in each currency they hold. */
export async function payoutCandidates(db: SqlRunner, schedule: PayoutSchedule, limit = 1000): Promise<Array<{ merchantId: string; currency: Currency; available: bigint }>> {
  const merchants = await db.all<{ merchant_id: string }>("SELECT merchant_id FROM merchants WHERE status = 'active' AND payout_schedule = ? ORDER BY merchant_id LIMIT ?", [schedule, limit]);
  const accounts = await selectIn<Record<string, unknown>>(
    db,
    merchants.map((m) => m.merchant_id),
    (p) => `SELECT ${selectList(accountShape, true)} FROM accounts WHERE kind = 'merchant_payable' AND owner IN (${p}) ORDER BY owner, currency`,
  );
  return accounts
    .map(accountShape.fromRow)
    .map((a) => ({ merchantId: a.owner!, currency: a.currency, available: balanceViews(a.flags, a).available }))
    .filter((c) => c.available > 0n);
}
