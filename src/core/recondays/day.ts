/**
 * A reconciliation day (aggregate `recon`, id `trade.2026-11-11`): the resolutions finance
 * applied to its exceptions, and whether it is closed. A write-off above the four-eyes
 * threshold is only proposed until another finance officer approves it; an approved write-off
 * moves the difference between bank settlement and the write-off account.
 */
import type { ReconRejection } from '../../shared/escrow/codes.js';
import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { ReconCommand, ReconEventData, ReconResolution } from '../../shared/escrow/recon.js';
import type { Currency } from '../../shared/money.js';
import { assertNextVersion, EvolveError, type AggregateKind } from '../aggregates.js';
import type { StaffRef } from '../disputes/state.js';
import { needsFourEyes, type EscrowConfig } from '../escrow/config.js';
import { transferIdOf } from '../escrow/postings.js';
import { accountId } from '../ledger/accounts.js';
import type { TransferSpec } from '../ledger/transfer.js';

export type Resolution = ReconResolution;

export interface ReconDayState {
  dayId: string;
  version: number;
  closed: boolean;
  closedAt: number | null;
  resolutions: Record<string, Resolution>;
}

type ResolutionData = Extract<ReconEventData, { type: 'recon.exception_resolved' }>['data'];

function resolutionOf(data: ResolutionData, status: Resolution['status']): Resolution {
  return { category: data.category, resolution: data.resolution, reason: data.reason, amount: data.amount ?? null, currency: data.currency ?? null, status, by: data.by };
}

export function evolveReconDay(state: ReconDayState | null, event: EventEnvelope<ReconEventData>): ReconDayState {
  assertNextVersion(state, event);
  const base: ReconDayState = state ? { ...state, version: event.version } : { dayId: event.aggregateId, version: 1, closed: false, closedAt: null, resolutions: {} };
  switch (event.type) {
    case 'recon.exception_resolved':
      return { ...base, resolutions: { ...base.resolutions, [event.data.exceptionKey]: resolutionOf(event.data, 'resolved') } };
    case 'recon.write_off_proposed':
      return { ...base, resolutions: { ...base.resolutions, [event.data.exceptionKey]: resolutionOf(event.data, 'proposed') } };
    case 'recon.write_off_approved': {
      const proposed = base.resolutions[event.data.exceptionKey];
      if (!proposed) throw new EvolveError('aggregate_not_found', `no write-off proposed for ${event.data.exceptionKey}`);
      return { ...base, resolutions: { ...base.resolutions, [event.data.exceptionKey]: { ...proposed, status: 'resolved' } } };
    }
    case 'recon.day_closed':
      return { ...base, closed: true, closedAt: event.at };
    case 'recon.day_reopened':
      return { ...base, closed: false, closedAt: null };
  }
}

export interface ReconContext {
  now: number;
  config: EscrowConfig;
  actor: StaffRef;
}

export type ReconDecision = { ok: true; events: ReconEventData[]; payoutReissue?: { payoutId: string; newPayoutId: string; reason: string } } | { ok: false; code: ReconRejection; message: string };

function reject(code: ReconRejection, message: string): ReconDecision {
  return { ok: false, code, message };
}

export function decideReconDay(state: ReconDayState | null, command: ReconCommand, ctx: ReconContext): ReconDecision {
  const by = { id: ctx.actor.id, role: 'finance' as const, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) };
  if (command.type === 'recon.reopen') {
    if (!state?.closed) return reject('day_not_closed', `${command.dayId} is not closed`);
    return { ok: true, events: [{ type: 'recon.day_reopened', data: { reason: command.data.reason, by } }] };
  }
  if (state?.closed) return reject('day_closed', `${command.dayId} is closed: reopen it first (that is audited)`);
  const resolutions = state?.resolutions ?? {};
  switch (command.type) {
    case 'recon.resolve': {
      const d = command.data;
      if (resolutions[d.exceptionKey]) return reject('already_resolved', `exception ${d.exceptionKey} is already ${resolutions[d.exceptionKey].status}`);
      if (d.resolution === 'write_off' && (d.amount === undefined || d.amount === 0n || !d.currency)) return reject('invalid_resolution', 'a write-off needs a non-zero amount and its currency');
      if (d.resolution === 'reissue_payout' && (d.category !== 'missing_in_statement' || !d.payoutId || !d.newPayoutId)) {
        return reject('invalid_resolution', 'only a payout missing from the statement is paid again, naming the failed payout and the new one');
      }
      const data = { ...d, by };
      if (d.resolution === 'write_off') {
        const magnitude = d.amount! < 0n ? -d.amount! : d.amount!;
        const type = needsFourEyes(ctx.config, d.currency!, magnitude) ? 'recon.write_off_proposed' : 'recon.exception_resolved';
        return { ok: true, events: [{ type, data }] };
      }
      return {
        ok: true,
        events: [{ type: 'recon.exception_resolved', data }],
        ...(d.resolution === 'reissue_payout' ? { payoutReissue: { payoutId: d.payoutId!, newPayoutId: d.newPayoutId!, reason: d.reason } } : {}),
      };
    }
    case 'recon.approve_write_off': {
      const proposed = resolutions[command.data.exceptionKey];
      if (!proposed || proposed.status !== 'proposed') return reject('no_write_off_proposed', `no write-off waits for approval on ${command.data.exceptionKey}`);
      if (proposed.by.id === ctx.actor.id) return reject('self_approval', 'the officer who proposed a write-off cannot approve it');
      return { ok: true, events: [{ type: 'recon.write_off_approved', data: { exceptionKey: command.data.exceptionKey, by } }] };
    }
    case 'recon.close': {
      const open = command.data.exceptionKeys.filter((key) => resolutions[key]?.status !== 'resolved');
      if (open.length > 0) return reject('open_exceptions', `${open.length} exception(s) still open, e.g. ${open.slice(0, 3).join(', ')}`);
      return { ok: true, events: [{ type: 'recon.day_closed', data: { exceptions: command.data.exceptionKeys.length, matched: command.data.matched, by } }] };
    }
  }
}

/** The write-off movement: the signed difference between the statement and the ledger. */
function writeOffTransfer(id: string, amount: bigint, currency: Currency): TransferSpec {
  const settlement = accountId('bank_settlement', currency);
  const writeOffs = accountId('write_offs', currency);
  const surplus = amount > 0n;
  return {
    id,
    kind: 'single',
    debitAccountId: surplus ? settlement : writeOffs,
    creditAccountId: surplus ? writeOffs : settlement,
    amount: surplus ? amount : -amount,
    currency,
    pendingId: null,
    orderId: null,
    code: 'write_off',
  };
}

export const reconDayKind: AggregateKind<ReconDayState> = {
  name: 'recon',
  owns: (type) => type.startsWith('recon.'),
  evolve: (state, event) => evolveReconDay(state, event as EventEnvelope<ReconEventData>),
  postings(before, envelope) {
    const event = envelope as EventEnvelope<ReconEventData>;
    const leg = transferIdOf(event.id, 0);
    if (event.type === 'recon.exception_resolved' && event.data.resolution === 'write_off') return [writeOffTransfer(leg, event.data.amount!, event.data.currency!)];
    if (event.type === 'recon.write_off_approved') {
      const proposed = before?.resolutions[event.data.exceptionKey];
      return proposed?.amount && proposed.currency ? [writeOffTransfer(leg, proposed.amount, proposed.currency)] : [];
    }
    return [];
  },
  accountFootprint(state, envelope) {
    const event = envelope as EventEnvelope<ReconEventData>;
    const currency = event.type === 'recon.exception_resolved' ? event.data.currency : event.type === 'recon.write_off_approved' ? state?.resolutions[event.data.exceptionKey]?.currency : undefined;
    return currency ? [accountId('bank_settlement', currency), accountId('write_offs', currency)] : [];
  },
  openHolds: () => [],
};
