/**
 * The outbox sends one staff member's decisions strictly in the order they were made: a newer
 * decision never overtakes an older one still waiting out a retry backoff (on the same case it
 * would reach the hub first and be refused as a conflict).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import type { CommandRequest, StaffIdentity } from '../../src/shared/api/hub.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import { tempDir } from '../support/files.js';

const tmp = tempDir('outbox-order');
const agent: StaffIdentity = { id: 'S-agent', name: 'agent', role: 'agent' };
const T = 1_800_000_000_000;
const newId = createIdGenerator(() => T);
let store: ConsoleStore;

const assign = (disputeId: string, expectedVersion: number): CommandRequest => ({
  id: newId(),
  expectedVersion,
  command: { type: 'dispute.assign', disputeId, data: { assigneeId: agent.id } },
});

beforeAll(async () => {
  store = await ConsoleStore.open(tmp.file('console.db'));
});
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

describe('outbox order', () => {
  it('sends the due prefix only: a decision queued later waits behind an older one backing off', async () => {
    const first = assign('D1', 1);
    const second = assign('D1', 2);
    const other = assign('D2', 1);
    for (const [i, request] of [first, second, other].entries()) await store.queue(request, agent, T + i);
    const ids = (entries: Array<{ id: string }>) => entries.map((e) => e.id);
    expect(ids(await store.duePending(T + 10, 100, agent.id))).toEqual([first.id, second.id, other.id]);

    // The first failed to reach the hub and backs off a minute; the others are due now.
    await store.recordRetry([first.id], T + 60_000, 'the hub is unreachable');
    expect(await store.duePending(T + 10, 100, agent.id)).toEqual([]);
    expect(await store.nextAttemptAt(agent.id)).toBe(T + 60_000);
    // Through the wait on request, and once it is over: all three, oldest first.
    expect(ids(await store.duePending(T + 10, 100, agent.id, { includeBackedOff: true }))).toEqual([first.id, second.id, other.id]);
    expect(ids(await store.duePending(T + 60_000, 100, agent.id))).toEqual([first.id, second.id, other.id]);
    // A later one backing off cuts the list there, not before.
    await store.recordRetry([other.id], T + 120_000, 'the hub is unreachable');
    expect(ids(await store.duePending(T + 60_000, 100, agent.id))).toEqual([first.id, second.id]);
    expect(ids(await store.duePending(T + 60_000, 1, agent.id))).toEqual([first.id]);
  });
});
