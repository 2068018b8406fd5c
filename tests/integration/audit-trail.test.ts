/**
 * The audit trail end to end: staff actions on a console (sign-in at the hub and offline, lock,
 * unlock, commands queued, refused here, answered by the hub, an export, sign-out) and at the
 * hub (sign-ins, failures, lock-out, commands) land in hash chains; the console's head is
 * anchored in the hub's chain; `console verify` and `hub verify` report ok, then report each
 * kind of tampering (an edited, a deleted and a reordered entry, a re-hashed tail).
 */
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash, nextEntry, type AuditEntry } from '../../src/core/audit/chain.js';
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { invoke } from '../../src/main/app/app.js';
import type { HandlerContext } from '../../src/main/app/context.js';
import { handlers } from '../../src/main/app/handlers.js';
import { ConsoleSession } from '../../src/main/session/console-session.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import type { Result } from '../../src/shared/result.js';
import { exited, spawnTs } from '../support/child.js';
import { tempDir } from '../support/files.js';
import { ADMIN, addStaffCli, intake, ordersTraffic, startHub, type HubProcess } from '../support/hub-process.js';

const tmp = tempDir('audit');
const hubDb = tmp.file('hub.db');
const consoleDb = tmp.file('console.db');
let hub: HubProcess;
let store: ConsoleStore;
let session: ConsoleSession;
let client: HubClient;

function context(): HandlerContext {
  return {
    store,
    session: () => session.staff(),
    locked: () => session.locked(),
    now: Date.now,
    newId: createIdGenerator(),
    config: DEFAULT_ESCROW_CONFIG,
    queued: () => undefined,
    demo: false,
    log: () => undefined,
    auth: session,
  };
}
const call = <T>(method: string, input: unknown = {}) => invoke(handlers, method, input, context()) as Promise<Result<T>>;

async function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnTs(script, args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const { code } = await exited(child);
  return { code, stdout, stderr };
}

/** Runs SQL on a file behind the application's back, as someone with the file would. */
async function tamper(file: string, statements: string[]): Promise<void> {
  const db = new sqlite3.Database(file);
  try {
    for (const sql of statements) await new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

const DROP_GUARDS = ['DROP TRIGGER audit_log_is_immutable', 'DROP TRIGGER audit_log_is_append_only', 'DROP TRIGGER audit_log_extends_head'];

async function entries(file: string): Promise<AuditEntry[]> {
  const s = await ConsoleStore.open(file);
  try {
    return await s.audit.page(0, 5000);
  } finally {
    await s.close();
  }
}

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  await addStaffCli({ db: hubDb }, 'agent1', 'agent');
  const answers = await intake(hub.url, ordersTraffic('AU', 3, { disputeEvery: 1 }));
  expect(answers.every((a) => a.status === 'accepted')).toBe(true);
  store = await ConsoleStore.open(consoleDb);
  client = new HubClient(hub.url);
  session = new ConsoleSession(store, client);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await hub?.stop();
  tmp.cleanup();
});

describe('the audit trail', () => {
  it('records every staff action on the console, and anchors its head at the hub', async () => {
    expect(await call('session.signIn', { name: 'agent1', password: 'wrong-password-1' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(await call('session.signIn', { name: 'agent1', password: 'agent1-password-1' })).toMatchObject({ ok: true, value: { offline: false } });
    const sync = new SyncClient(store, client);
    await sync.syncUntilCaughtUp();
    const dispute = (await store.ledger.db.read.get<{ dispute_id: string }>('SELECT dispute_id FROM disputes LIMIT 1'))!.dispute_id;
    expect((await call('disputes.decide', { command: { type: 'dispute.add_note', disputeId: dispute, data: { text: 'called the buyer' } } })).ok).toBe(true);
    expect(await call('disputes.decide', { command: { type: 'dispute.resolve', disputeId: 'no-such-dispute', data: { resolution: 'release', currency: 'CNY' } } })).toMatchObject({ ok: false });
    expect(await call('session.lock', { reason: 'idle' })).toMatchObject({ ok: true });
    expect(await call('disputes.counts')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call('session.unlock', { password: 'nope-nope-nope' })).toMatchObject({ ok: false });
    expect(await call('session.unlock', { password: 'agent1-password-1' })).toMatchObject({ ok: true });
    await sync.syncUntilCaughtUp();

    const actions = (await store.audit.page(0, 100)).map((e) => e.action);
    expect(actions).toEqual([
      'session.login_failed',
      'session.login',
      'command.queued',
      'command.rejected',
      'session.lock',
      'session.login_failed',
      'session.unlock',
      'command.accepted',
    ]);
    const head = await store.audit.head();
    expect(await store.anchoredHead()).toEqual(head);

    // The hub's own chain: the staff it created, the sign-ins and failures, the command, and
    // this console's head.
    const admin = new HubClient(hub.url);
    await admin.signIn(ADMIN.name, ADMIN.password);
    const response = await fetch(`${hub.url}/v1/audit?limit=1000`, { headers: { authorization: `Bearer ${admin.token}` } });
    const hubLog = (await response.json()) as { entries: AuditEntry[] };
    const hubActions = hubLog.entries.map((e) => e.action);
    for (const action of ['staff.created', 'session.login_failed', 'session.login', 'command.accepted', 'chain.head']) expect(hubActions).toContain(action);
    const anchored = hubLog.entries.filter((e) => e.action === 'chain.head').pop()!;
    expect(anchored.detail).toMatchObject({ consoleId: await store.consoleId(), seq: head!.seq, hash: head!.hash });
    const agentClient = new HubClient(hub.url);
    await agentClient.signIn('agent1', 'agent1-password-1');
    expect((await fetch(`${hub.url}/v1/audit`, { headers: { authorization: `Bearer ${agentClient.token}` } })).status).toBe(403);

    // Offline: the hub is gone, the cached credentials sign in, and the export is audited.
    expect(await call('session.signOut')).toMatchObject({ ok: true, value: { signedOut: true } });
    const offline = new ConsoleSession(store, new HubClient('http://127.0.0.1:9'));
    session = offline;
    expect(await call('session.signIn', { name: 'agent1', password: 'agent1-password-1' })).toMatchObject({ ok: true, value: { offline: true } });
    const last = (await store.audit.page(0, 100)).slice(-2).map((e) => [e.action, e.detail]);
    expect(last).toEqual([
      ['session.logout', {}],
      ['session.login', { offline: true }],
    ]);
  });

  it('console verify reports the intact chain, then an edited, a deleted, a reordered entry and a re-hashed tail', async () => {
    await store.close();
    const ok = await run('src/main/cli/index.ts', ['verify', '--db', consoleDb]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });

    const cases: Array<{ name: string; sql: (log: AuditEntry[]) => string[]; failed: string; says: RegExp }> = [
      { name: 'edited', sql: () => ["UPDATE audit_log SET detail = '{\"offline\":true}' WHERE seq = 2"], failed: 'audit_chain_intact', says: /audit seq 2 hash_mismatch/ },
      { name: 'deleted', sql: () => ['DELETE FROM audit_log WHERE seq = 3'], failed: 'audit_chain_intact', says: /sequence_gap|broken_link/ },
      {
        name: 'reordered',
        sql: () => ['UPDATE audit_log SET seq = 1000 WHERE seq = 4', 'UPDATE audit_log SET seq = 4 WHERE seq = 5', 'UPDATE audit_log SET seq = 5 WHERE seq = 1000'],
        failed: 'audit_chain_intact',
        says: /reordered|broken_link|hash_mismatch/,
      },
      {
        // Whoever drops the last anchored entries and re-hashes nothing keeps a valid chain:
        // the anchor the hub acknowledged catches it.
        name: 'truncated after anchoring',
        sql: (log) => {
          const anchored = log.findIndex((e) => e.action === 'session.logout');
          return [`DELETE FROM audit_log WHERE seq >= ${log[anchored - 1].seq}`];
        },
        failed: 'audit_head_anchored',
        says: /was anchored at the hub/,
      },
    ];
    const pristine = await entries(consoleDb);
    for (const c of cases) {
      const copy = tmp.file(`tampered-${c.name.replace(/\W/g, '-')}.db`);
      await tamper(consoleDb, [`VACUUM INTO '${copy}'`]);
      await tamper(copy, [...DROP_GUARDS, ...c.sql(pristine)]);
      const report = await run('src/main/cli/index.ts', ['verify', '--db', copy]);
      expect(report.code, c.name).toBe(1);
      const parsed = JSON.parse(report.stdout) as { failed: string[]; invariants: Array<{ name: string; violations: string[] }> };
      expect(parsed.failed, c.name).toContain(c.failed);
      expect(parsed.invariants.find((i) => i.name === c.failed)!.violations.join('\n'), c.name).toMatch(c.says);
    }

    // A tail re-hashed from the edit on is a valid chain: only the hub's anchor tells.
    const rehashed = tmp.file('tampered-rehashed.db');
    await tamper(consoleDb, [`VACUUM INTO '${rehashed}'`]);
    let previous = { seq: 0, hash: '0'.repeat(64) };
    const forged = pristine.map((e, i) => {
      const fields = i === 1 ? { ...e, detail: { offline: true } } : e;
      const entry = i === 0 ? e : nextEntry(previous, { at: fields.at, actor: fields.actor, action: fields.action, ...(fields.target ? { target: fields.target } : {}), detail: fields.detail });
      previous = { seq: entry.seq, hash: entry.hash };
      return entry;
    });
    expect(forged[1].hash).not.toBe(pristine[1].hash);
    expect(entryHash(forged[2])).toBe(forged[2].hash);
    await tamper(rehashed, [
      ...DROP_GUARDS,
      ...forged.map((e) => `UPDATE audit_log SET detail = '${JSON.stringify(e.detail).replace(/'/g, "''")}', prev_hash = '${e.prevHash}', hash = '${e.hash}' WHERE seq = ${e.seq}`),
    ]);
    const report = await run('src/main/cli/index.ts', ['verify', '--db', rehashed]);
    expect(report.code).toBe(1);
    expect((JSON.parse(report.stdout) as { failed: string[] }).failed).toEqual(['audit_head_anchored']);
    store = await ConsoleStore.open(consoleDb);
  });

  it('hub verify reports the hub chain intact, and an edited entry', async () => {
    await hub.stop();
    const ok = await run('src/hub/cli.ts', ['verify', '--db', hubDb]);
    expect(ok.code, ok.stderr).toBe(0);
    await tamper(hubDb, [...DROP_GUARDS, "UPDATE audit_log SET detail = '{\"name\":\"mallory\",\"role\":\"admin\"}' WHERE seq = 1"]);
    const broken = await run('src/hub/cli.ts', ['verify', '--db', hubDb]);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, failed: ['audit_chain_intact'] });
    hub = await startHub({ db: hubDb });
  });
});
