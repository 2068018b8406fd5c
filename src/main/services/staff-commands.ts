/**
 * Staff decisions made in the console: checked here first with the same core handler the hub
 * runs (permission, version, four-eyes, the aggregate's decider), then queued in the outbox for
 * the hub, which decides again with its own state and clock. Works offline: the decision waits
 * as "pending sync".
 *
 * Decisions already queued (not yet answered) are replayed over the local replica first, so a
 * second offline decision on the same case builds on the first and carries the version the
 * aggregate will have once the first is accepted.
 */
import { OverlayReader } from '../../core/commands/overlay.js';
import { handleStaffCommand, portReader, readTarget, type StateReader } from '../../core/commands/staff.js';
import { sqliteLedgerPort } from '../../core/ledger/sqlite-ledger.js';
import { readScreeningList } from '../../core/risk/history-seed.js';
import type { EscrowConfig } from '../../core/escrow/config.js';
import type { ReconDayState } from '../../core/recondays/day.js';
import { commandRequestSchema, commandTarget, type CommandRequest, type StaffCommand, type StaffIdentity } from '../../shared/api/hub.js';
import type { IdGenerator } from '../../shared/ids.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { ConsoleStore } from '../store/console-store.js';

export interface DecisionContext {
  store: ConsoleStore;
  clock: () => number;
  newId: IdGenerator;
  config: EscrowConfig;
}

export interface Queued {
  id: string;
  expectedVersion: number;
}

function localReader(store: ConsoleStore): StateReader {
  const read = store.ledger.db.read;
  return portReader(sqliteLedgerPort(read), { staff: (id) => store.staffMember(id), screeningList: () => readScreeningList((sql, params) => read.all(sql, params)) });
}

/** The replica as it will be once every queued decision is accepted, in queue order. */
async function predicted(ctx: DecisionContext): Promise<OverlayReader> {
  const overlay = new OverlayReader(localReader(ctx.store));
  for (const entry of await ctx.store.pending()) {
    const request = commandRequestSchema.parse(JSON.parse(entry.request));
    const handled = await handleStaffCommand(overlay, entry.actor, request, { now: entry.createdAt, config: ctx.config, newId: ctx.newId });
    if (handled.ok) await overlay.apply(handled.events);
  }
  return overlay;
}

/** A case as it will be once this console's queued decisions are accepted (what the screens show). */
export async function predictedReconDay(ctx: DecisionContext, dayId: string): Promise<ReconDayState | null> {
  return (await predicted(ctx)).reconDay(dayId);
}

export async function decideStaffCommand(ctx: DecisionContext, actor: StaffIdentity, command: StaffCommand): Promise<Result<Queued>> {
  const overlay = await predicted(ctx);
  const target = commandTarget(command);
  const current = await readTarget(overlay, target.kind, target.id);
  const request: CommandRequest = { id: ctx.newId(), expectedVersion: current?.version ?? 0, command };
  const now = ctx.clock();
  const handled = await handleStaffCommand(overlay, actor, request, { now, config: ctx.config, newId: ctx.newId });
  if (!handled.ok) {
    // Refused here, never sent: the attempt is a staff action all the same.
    await ctx.store.record({
      at: now,
      actor: { id: actor.id, role: actor.role },
      action: 'command.rejected',
      target: `command:${request.id}`,
      detail: { type: command.type, aggregateId: target.id, code: handled.code, decidedBy: 'console' },
    });
    return err(handled.code, handled.message);
  }
  await ctx.store.queue(request, actor, now);
  return ok({ id: request.id, expectedVersion: request.expectedVersion });
}
