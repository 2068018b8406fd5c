import type { AggregateKind, AggregateKindName } from '../aggregates.js';
import { disputeKind } from '../disputes/kind.js';
import { orderKind } from '../escrow/kind.js';
import { applicationKind, merchantKind, payoutKind } from '../merchants/kinds.js';
import { recordKind } from '../records/kind.js';
import { reconDayKind } from '../recondays/day.js';
import { riskFlagKind, riskListKind } from '../riskreview/kind.js';

export const AGGREGATE_KINDS: readonly AggregateKind[] = [orderKind, disputeKind, riskFlagKind, riskListKind, applicationKind, merchantKind, payoutKind, reconDayKind, recordKind] as unknown as AggregateKind[];

export function kindOf(eventType: string): AggregateKind | undefined {
  return AGGREGATE_KINDS.find((kind) => kind.owns(eventType));
}

export function kindNamed(name: AggregateKindName): AggregateKind {
  return AGGREGATE_KINDS.find((kind) => kind.name === name)!;
}
