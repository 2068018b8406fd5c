import { checkResolution } from '../../core/reconciliation/index.js';
import type { ReconCommand } from '../../shared/escrow/recon.js';
import { err, ok, type Result } from '../../shared/result.js';
import { dayExceptions, dayList, dayOutcome, exceptionsCsv, findException, reconcileDay, reconcileDays } from '../services/reconciliation.js';
import { ImportRefused, importStatement, saveMapping } from '../services/statement-import.js';
import { predictedReconDay } from '../services/staff-commands.js';
import type { ConsoleStore } from '../store/console-store.js';
import { createApp } from './app.js';
import type { HandlerContext } from './context.js';
import { decide } from './disputes.js';

const predictedDay = (ctx: HandlerContext, dayId: string) => predictedReconDay({ store: ctx.store, clock: ctx.now, newId: ctx.newId, config: ctx.config }, dayId);

type ResolveCommand = Extract<ReconCommand, { type: 'recon.resolve' }>;
type CloseCommand = Extract<ReconCommand, { type: 'recon.close' }>;

/**
 * A resolution is checked against the exception this console found: it must exist, the kind
 * of resolution must fit its category, and a write-off books exactly the exception's amount
 * (computed here, not typed by hand). The hub, which never sees the statement, then checks the
 * day's own rules (closed days, duplicates, four eyes).
 */
async function checkedResolve(ctx: HandlerContext, command: ResolveCommand): Promise<Result<ResolveCommand>> {
  const db = ctx.store.ledger.db.read;
  const exception = await findException(db, command.dayId, command.data.exceptionKey);
  if (!exception) return err('unknown_exception', `${command.dayId} has no exception ${command.data.exceptionKey} on this console; reconcile the day first`);
  if (exception.category !== command.data.category) return err('invalid_resolution', `${exception.key} is ${exception.category}, not ${command.data.category}`);
  const payoutId = exception.itemKind === 'payout' ? exception.itemKey!.slice('payout:'.length) : null;
  const payoutFailed = payoutId ? (await db.get<{ status: string }>('SELECT status FROM payouts WHERE payout_id = ?', [payoutId]))?.status === 'failed' : false;
  const check = checkResolution(exception, command.data, { fourEyesThreshold: ctx.config.fourEyesThreshold[exception.currency] ?? 0n, payoutFailed });
  if (!check.ok) return err(check.code, check.message);
  const { writeOff } = check.value;
  const data = { ...command.data, reason: check.value.reason, ...(writeOff ? { amount: writeOff.amount, currency: exception.currency } : {}), ...(payoutId && command.data.resolution === 'reissue_payout' ? { payoutId } : {}) };
  return ok({ ...command, data });
}

/**
 * A close names the exceptions this console's matching found, not the list the window sent: a
 * window showing an older matching (the day matched again since, by another import) must not
 * close the day over exceptions it never saw, and a day never matched here has nothing to close.
 */
async function checkedClose(ctx: HandlerContext, command: CloseCommand): Promise<Result<CloseCommand>> {
  const outcome = await dayOutcome(ctx.store.ledger.db.read, command.dayId);
  if (outcome === null) return err('not_reconciled', `${command.dayId} has not been matched on this console; import its statement or match it first`);
  if (outcome === 'too_many') return err('too_many_exceptions', `${command.dayId} has more exceptions than one close can name`);
  return ok({ ...command, data: outcome });
}

/** The import running on each console store: one at a time, cancellable. */
const running = new WeakMap<ConsoleStore, AbortController>();
/** Progress notices at most this often, so a fast import does not flood the window. */
const PROGRESS_INTERVAL_MS = 200;

export const reconciliationApp = createApp<
  'recon.import' | 'recon.cancelImport' | 'recon.saveMapping' | 'recon.days' | 'recon.day' | 'recon.reconcile' | 'recon.export' | 'recon.decide'
>({
  'recon.import': async ({ path, format, mapping }, ctx) => {
    // A window may only import what its user handed over (a dialog's choice, an upload).
    if (ctx.host && !ctx.host.importable(path)) return err('not_importable', 'choose the statement file with the import dialog or upload it first');
    if (running.has(ctx.store)) return err('busy', 'a statement is already being imported; wait for it or cancel it');
    const controller = new AbortController();
    running.set(ctx.store, controller);
    let lastNotice = 0;
    try {
      const summary = await importStatement(ctx.store, path, {
        ...(format ? { format } : {}),
        ...(mapping ? { mapping } : {}),
        now: ctx.now(),
        signal: controller.signal,
        onProgress: (progress) => {
          const now = Date.now();
          if (now - lastNotice < PROGRESS_INTERVAL_MS) return;
          lastNotice = now;
          ctx.notify?.('recon.import.progress', progress);
        },
      });
      return ok({ ...summary, ...(await reconcileDays(ctx.store, summary.kind, summary.days, ctx.now())) });
    } catch (error) {
      if (error instanceof ImportRefused) return err(error.code, error.message, { line: error.line });
      throw error;
    } finally {
      running.delete(ctx.store);
    }
  },
  'recon.cancelImport': async (_input, ctx) => {
    const controller = running.get(ctx.store);
    controller?.abort();
    return ok({ cancelled: controller !== undefined });
  },
  'recon.saveMapping': async ({ name, mapping }, ctx) => {
    try {
      return ok(await saveMapping(ctx.store, name, mapping, ctx.now()));
    } catch (error) {
      if (error instanceof ImportRefused) return err(error.code, error.message);
      throw error;
    }
  },
  'recon.days': async (query, ctx) => ok(await dayList(ctx.store.ledger.db.read, query)),
  'recon.day': async ({ dayId }, ctx) => ok(await dayExceptions(ctx.store.ledger.db.read, dayId, await predictedDay(ctx, dayId))),
  'recon.reconcile': async ({ dayId }, ctx) => {
    // Closed here, even if the close still waits for the hub: re-matching would move the ground under it.
    if ((await predictedDay(ctx, dayId))?.closed) return err('day_closed', `${dayId} is closed: reopen it first (that is audited)`);
    const [kind, day] = dayId.split('.') as ['trade' | 'bank', string];
    const result = await reconcileDay(ctx.store, kind, day, ctx.now());
    return ok({ dayId, expected: result.expected, lines: result.lines, matched: result.matched, exceptions: result.exceptions.length });
  },
  'recon.export': async ({ dayId }, ctx) => {
    const staff = ctx.session()!;
    const csv = exceptionsCsv(await dayExceptions(ctx.store.ledger.db.read, dayId, await predictedDay(ctx, dayId)));
    await ctx.store.record({ at: ctx.now(), actor: { id: staff.id, role: staff.role }, action: 'export', target: `recon:${dayId}`, detail: { what: 'recon_exceptions', bytes: Buffer.byteLength(csv) } });
    return ok({ fileName: `reconciliation-${dayId}.csv`, csv });
  },
  'recon.decide': async ({ command }, ctx) => {
    const checked = command.type === 'recon.resolve' ? await checkedResolve(ctx, command) : command.type === 'recon.close' ? await checkedClose(ctx, command) : ok(command);
    return checked.ok ? decide(ctx, checked.value) : checked;
  },
});
