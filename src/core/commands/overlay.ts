/**
 * A state reader with decisions layered on top: states evolved by events not yet in the base
 * (the console's outbox, waiting for the hub). Deciding on the overlay makes a second offline
 * decision build on the first.
 */
import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { CommandTargetKind } from '../../shared/api/hub.js';
import type { DisputeState, StaffRef } from '../disputes/state.js';
import type { OrderState } from '../escrow/state.js';
import { kindOf } from '../ledger/kinds.js';
import type { RiskFlagState, RiskListEntryState } from '../riskreview/state.js';
import { readTarget, type StateReader } from './staff.js';
import type { ScreeningEntry } from '../kyb/name-screening.js';
import type { ApplicationState, MerchantState, PayoutState } from '../merchants/state.js';
import type { ReconDayState } from '../recondays/day.js';
import type { Currency } from '../../shared/money.js';

export class OverlayReader implements StateReader {
  private readonly states = new Map<string, { version: number } | null>();

  constructor(private readonly base: StateReader) {}

  private async current(kind: CommandTargetKind, id: string): Promise<{ version: number } | null> {
    const key = `${kind}/${id}`;
    if (!this.states.has(key)) this.states.set(key, await readTarget(this.base, kind, id));
    return this.states.get(key)!;
  }

  async order(id: string): Promise<OrderState | null> {
    return (await this.current('order', id)) as OrderState | null;
  }

  async dispute(id: string): Promise<DisputeState | null> {
    return (await this.current('dispute', id)) as DisputeState | null;
  }

  async riskFlag(orderId: string): Promise<RiskFlagState | null> {
    return (await this.current('risk', orderId)) as RiskFlagState | null;
  }

  async riskListEntry(entryId: string): Promise<RiskListEntryState | null> {
    return (await this.current('risklist', entryId)) as RiskListEntryState | null;
  }

  async application(id: string): Promise<ApplicationState | null> {
    return (await this.current('application', id)) as ApplicationState | null;
  }

  async merchant(id: string): Promise<MerchantState | null> {
    return (await this.current('merchant', id)) as MerchantState | null;
  }

  async payout(id: string): Promise<PayoutState | null> {
    return (await this.current('payout', id)) as PayoutState | null;
  }

  async reconDay(id: string): Promise<ReconDayState | null> {
    return (await this.current('recon', id)) as ReconDayState | null;
  }

  /** Balances are not predicted: a payout queued offline is checked again by the hub. */
  available(merchantId: string, currency: Currency): Promise<bigint> {
    return this.base.available(merchantId, currency);
  }

  screeningList(): Promise<ScreeningEntry[]> {
    return this.base.screeningList();
  }

  staff(id: string): Promise<StaffRef | null> {
    return this.base.staff(id);
  }

  /** Evolves the overlaid states by events that are decided but not in the base yet. */
  async apply(events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) {
      const kind = kindOf(event.type);
      if (!kind || kind.name === 'record') continue;
      const state = await this.current(kind.name, event.aggregateId);
      this.states.set(`${kind.name}/${event.aggregateId}`, kind.evolve(state, event));
    }
  }
}
