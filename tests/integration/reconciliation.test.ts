/**
 * Reconciliation end to end: simulator traffic through a real hub (orders paid, the bank's
 * collection lines with one planted discrepancy of each kind), a finance console that syncs,
 * goes offline, imports the bank's own file for the same day (adding an unplaced wire large
 * enough to need four eyes), works every exception through the console API (write-offs,
 * force-match, ignore) and syncs; another officer approves the large write-off on their own
 * console; the day closes, and every console sees it closed. Permissions: only finance
 * reconciles and approves write-offs.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { auditInvariant } from '../../src/core/audit/sqlite-audit.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import { invoke } from '../../src/main/app/app.js';
import type { HandlerContext } from '../../src/main/app/context.js';
import { handlers } from '../../src/main/app/handlers.js';
import type { ExceptionView } from '../../src/main/services/reconciliation.js';
import { morningStats } from '../../src/main/services/stats.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import type { StaffIdentity } from '../../src/shared/api/hub.js';
import { reconDay } from '../../src/shared/escrow/recon.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import type { Result } from '../../src/shared/result.js';
import { exited, spawnTs } from '../support/child.js';
import { tempDir } from '../support/files.js';
import { addStaffCli, MARKETPLACE_KEY, startHub, type HubProcess } from '../support/hub-process.js';

const tmp = tempDir('recon');
const hubDb = tmp.file('hub.db');
let hub: HubProcess;
const newId = createIdGenerator();

interface Planted {
  kind: 'missing_line' | 'amount_off' | 'unknown_line' | 'duplicate_line' | 'wrong_currency';
  reference: string;
  line_id: string | null;
}

interface Desk {
  store: ConsoleStore;
  staff: StaffIdentity;
  sync(): Promise<void>;
  call<T>(as: StaffIdentity, method: string, input?: unknown): Promise<Result<T>>;
}

async function desk(name: string, user: string): Promise<Desk> {
  const store = await ConsoleStore.open(tmp.file(`${name}.db`));
  const client = new HubClient(hub.url);
  const session = await client.signIn(user, `${user}-password-1`);
  const sync = new SyncClient(store, client);
  const context = (as: StaffIdentity): HandlerContext => ({
    store,
    session: () => as,
    locked: () => false,
    now: Date.now,
    newId,
    config: DEFAULT_ESCROW_CONFIG,
    queued: () => undefined,
    demo: false,
    log: () => undefined,
  });
  return {
    store,
    staff: session.staff,
    async sync() {
      const status = await sync.syncUntilCaughtUp();
      expect(status.drift).toBeNull();
    },
    call: (as, method, input = {}) => invoke(handlers, method, input, context(as)) as Promise<Result<never>>,
  };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

let planted: Planted[] = [];
let finance: Desk;
let agent: StaffIdentity;
let onboarding: StaffIdentity;
let secondOfficer: StaffIdentity;

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  for (const [name, role] of [['fin1', 'finance'], ['fin2', 'finance'], ['agent1', 'agent'], ['onb1', 'onboarding']]) await addStaffCli({ db: hubDb }, name, role);
  const sim = spawnTs('src/sim/cli.ts', ['--hub', hub.url, '--orders', '300', '--seed', 'recon-1', '--follow-clock'], { ESCROW_MARKETPLACE_KEY: MARKETPLACE_KEY });
  let stdout = '';
  sim.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  expect((await exited(sim)).code).toBe(0);
  const summary = JSON.parse(stdout.trim().split('\n').pop()!) as { statement: { discrepancies: Planted[] } };
  planted = summary.statement.discrepancies;
  finance = await desk('finance', 'fin1');
  await finance.sync();
  const directory = await finance.store.staffDirectory();
  const byName = (name: string) => directory.find((s) => s.name === name)!;
  [agent, onboarding, secondOfficer] = [byName('agent1'), byName('onb1'), byName('fin2')];
}, 240_000);

afterAll(async () => {
  await finance?.store.close();
  await hub?.stop();
  tmp.cleanup();
});

describe('reconciling a day of simulator traffic, offline, and closing it', () => {
  let dayId = '';
  let exceptions: ExceptionView[] = [];

  it('finds every planted discrepancy in its category, alongside the lines of an imported bank file', async () => {
    expect(new Set(planted.map((p) => p.kind))).toEqual(new Set(['missing_line', 'amount_off', 'unknown_line', 'duplicate_line', 'wrong_currency']));
    const lines = await finance.store.ledger.db.read.all<{ state: string }>("SELECT state FROM aggregates WHERE kind = 'record' AND type = 'statement.line_received'");
    const firstLine = lines.map((l) => JSON.parse(l.state) as { bookedAt: number; lineId: string }).find((l) => l.lineId === planted.find((p) => p.kind === 'amount_off')!.line_id)!;
    const day = reconDay(firstLine.bookedAt);
    dayId = `bank.${day}`;

    // The bank's own export of the day, imported offline: one wire nobody can place, 12,000.00 CNY.
    const [y, m, d] = day.split('-');
    const file = tmp.file('bank-day.csv');
    writeFileSync(file, `Booking date,Amount,Currency,Reference,Counterparty,Details,Bank reference\n${d}/${m}/${y},"12,000.00",CNY,TRF-UNPLACED-1,Unknown Trading Co,Wire,BK9001\n`);
    const fin = finance.staff;
    value(await finance.call(fin, 'recon.saveMapping', { name: 'example-bank', mapping: JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile('resources/statements/bank-export.mapping.json', 'utf8'))) }));
    const imported = value(await finance.call<{ imported: number; days: string[] }>(fin, 'recon.import', { path: file, format: 'csv', mapping: 'example-bank' }));
    expect(imported).toMatchObject({ imported: 1, days: [day] });

    const view = value(await finance.call<{ closed: boolean; matched: number; exceptions: ExceptionView[] }>(fin, 'recon.day', { dayId }));
    exceptions = view.exceptions;
    expect(view.closed).toBe(false);
    expect(view.matched).toBeGreaterThan(100);
    const find = (category: string, reference: string) => exceptions.find((e) => e.category === category && e.reference === reference);
    for (const p of planted) {
      const category = { missing_line: 'missing_in_statement', amount_off: 'amount_mismatch', unknown_line: 'unknown_in_statement', duplicate_line: 'duplicate', wrong_currency: 'currency_mismatch' }[p.kind];
      expect(find(category, p.reference), `${p.kind} ${p.reference}`).toBeDefined();
    }
    expect(find('unknown_in_statement', 'TRF-UNPLACED-1')).toMatchObject({ statementAmount: 12_000_00n, currency: 'CNY' });
    const byCategory: Record<string, number> = {};
    for (const e of exceptions) byCategory[e.category] = (byCategory[e.category] ?? 0) + 1;
    expect((await morningStats(finance.store.ledger.db.read, Date.now())).reconciliation.open_exceptions_by_category).toEqual(byCategory);
    const days = value(await finance.call<Array<{ dayId: string; open: number; closed: boolean }>>(fin, 'recon.days', { kind: 'bank' }));
    expect(days.find((x) => x.dayId === dayId)).toMatchObject({ open: exceptions.length, closed: false });
  });

  it('lets only finance resolve exceptions and approve write-offs', async () => {
    const first = exceptions[0];
    const command = { type: 'recon.resolve', dayId, data: { exceptionKey: first.key, category: first.category, resolution: 'ignore', reason: 'checked' } };
    for (const who of [agent, onboarding]) expect(await finance.call(who, 'recon.decide', { command })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await finance.call(agent, 'recon.day', { dayId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await finance.call(agent, 'recon.import', { path: '/etc/hostname' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('resolves every exception offline; a large write-off waits for a second officer, and the day cannot close before', async () => {
    const fin = finance.staff;
    const decide = (as: StaffIdentity, command: unknown) => finance.call<{ id: string }>(as, 'recon.decide', { command });
    const unplaced = exceptions.find((e) => e.reference === 'TRF-UNPLACED-1')!;
    const keys = exceptions.map((e) => e.key);
    expect(await decide(fin, { type: 'recon.close', dayId, data: { exceptionKeys: keys, matched: 0 } })).toMatchObject({ ok: false, error: { code: 'open_exceptions' } });
    // The console closes over the exceptions its own matching found, whatever list a window sends;
    // a day never matched here has nothing to close.
    expect(await decide(fin, { type: 'recon.close', dayId, data: { exceptionKeys: [], matched: 0 } })).toMatchObject({ ok: false, error: { code: 'open_exceptions' } });
    expect(await decide(fin, { type: 'recon.close', dayId: 'bank.2000-01-01', data: { exceptionKeys: [], matched: 0 } })).toMatchObject({ ok: false, error: { code: 'not_reconciled' } });

    for (const e of exceptions) {
      const base = { exceptionKey: e.key, category: e.category };
      const data =
        e.category === 'amount_mismatch' || e === unplaced
          ? { ...base, resolution: 'write_off', reason: e === unplaced ? 'unplaced wire, kept as other income' : 'clearing house rounding' }
          : e.category === 'currency_mismatch'
            ? { ...base, resolution: 'force_match', reason: 'bank booked in the wrong currency; confirmed by phone' }
            : { ...base, resolution: 'ignore', reason: `${e.category}: followed up with the bank` };
      expect((await decide(fin, { type: 'recon.resolve', dayId, data })).ok, e.key).toBe(true);
    }
    // A duplicate has nothing to match, and a resolution names its exception's real category.
    const duplicate = exceptions.find((e) => e.category === 'duplicate')!;
    expect(await decide(fin, { type: 'recon.resolve', dayId, data: { exceptionKey: 'missing_in_statement:order:nope:collected', category: 'missing_in_statement', resolution: 'ignore', reason: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'unknown_exception' },
    });
    expect(await decide(fin, { type: 'recon.resolve', dayId, data: { exceptionKey: duplicate.key, category: 'duplicate', resolution: 'force_match', reason: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'not_for_category' },
    });

    const view = value(await finance.call<{ exceptions: ExceptionView[] }>(fin, 'recon.day', { dayId }));
    const proposed = view.exceptions.find((e) => e.key === unplaced.key)!;
    expect(proposed.resolution).toMatchObject({ resolution: 'write_off', status: 'proposed', amount: 12_000_00n });
    expect(proposed.pendingSync).toBe(true);
    expect(view.exceptions.filter((e) => e.resolution?.status === 'resolved')).toHaveLength(exceptions.length - 1);
    expect(await decide(fin, { type: 'recon.close', dayId, data: { exceptionKeys: keys, matched: 0 } })).toMatchObject({ ok: false, error: { code: 'open_exceptions' } });
    expect(await decide(fin, { type: 'recon.approve_write_off', dayId, data: { exceptionKey: unplaced.key } })).toMatchObject({ ok: false, error: { code: 'self_approval' } });
    expect(await decide(agent, { type: 'recon.approve_write_off', dayId, data: { exceptionKey: unplaced.key } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await finance.store.pendingCount()).toBe(exceptions.length);
    const exported = value(await finance.call<{ csv: string }>(fin, 'recon.export', { dayId }));
    expect(exported.csv.split('\r\n').filter(Boolean)).toHaveLength(exceptions.length + 1);
  });

  it('syncs; another officer approves on their console; the day closes and every console sees it closed', async () => {
    await finance.sync();
    expect(await finance.store.pendingCount()).toBe(0);
    expect(await finance.store.entries('rejected')).toEqual([]);
    const unplaced = exceptions.find((e) => e.reference === 'TRF-UNPLACED-1')!;

    const other = await desk('finance-b', 'fin2');
    try {
      await other.sync();
      const approve = { type: 'recon.approve_write_off', dayId, data: { exceptionKey: unplaced.key } };
      expect((await other.call(secondOfficer, 'recon.decide', { command: approve })).ok).toBe(true);
      await other.sync();
      expect(await other.store.entries('rejected')).toEqual([]);

      await finance.sync();
      const { matched } = value(await finance.call<{ matched: number }>(finance.staff, 'recon.day', { dayId }));
      expect((await finance.call(finance.staff, 'recon.decide', { command: { type: 'recon.close', dayId, data: { exceptionKeys: exceptions.map((e) => e.key), matched } } })).ok).toBe(true);
      expect(await finance.call(finance.staff, 'recon.reconcile', { dayId })).toMatchObject({ ok: false, error: { code: 'day_closed' } });
      await finance.sync();
      expect(await finance.store.entries('rejected')).toEqual([]);
      const day = value(await finance.call<{ closed: boolean; exceptions: ExceptionView[] }>(finance.staff, 'recon.day', { dayId }));
      expect(day.closed).toBe(true);
      expect(day.exceptions.every((e) => e.resolution?.status === 'resolved' && !e.pendingSync)).toBe(true);
      // Write-offs moved money: the amount mismatches and the unplaced wire.
      const writeOffs = await finance.store.ledger.db.read.get<{ n: number }>("SELECT count(*) AS n FROM transfers WHERE code = 'write_off'");
      expect(writeOffs!.n).toBe(exceptions.filter((e) => e.category === 'amount_mismatch').length + 1);
      const resolve = { type: 'recon.resolve', dayId, data: { exceptionKey: unplaced.key, category: unplaced.category, resolution: 'ignore', reason: 'too late' } };
      expect(await finance.call(finance.staff, 'recon.decide', { command: resolve })).toMatchObject({ ok: false, error: { code: 'day_closed' } });

      expect((await morningStats(finance.store.ledger.db.read, Date.now())).reconciliation.open_exceptions_by_category).toEqual({});
      await other.sync();
      expect(await other.store.ledger.db.read.get('SELECT day_id FROM recon_days WHERE day_id = ? AND closed = 1', [dayId])).toEqual({ day_id: dayId });
      const report = await finance.store.ledger.db.snapshot((conn) => verifyLedger((sql, params) => conn.all(sql, params), [auditInvariant]));
      expect(report.failed).toEqual([]);
    } finally {
      await other.store.close();
    }
  });
});
