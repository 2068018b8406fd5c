/**
 * The envelope every domain event travels in: who did it, when (hub clock), to which
 * aggregate at which version, and, once the hub has appended it, its global sequence number.
 */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import { epochMsSchema, externalIdSchema, textSchema, uuidSchema } from '../schemas.js';
import { orderEventDataSchema, type OrderEventData } from './order.js';
import { recordEventDataSchema, type RecordEventData } from './records.js';
import { disputeEventDataSchema, type DisputeEventData } from './dispute.js';
import { riskEventDataSchema, riskListEventDataSchema, type RiskEventData, type RiskListEventData } from './risk.js';
import {
  applicationEventDataSchema,
  merchantEventDataSchema,
  payoutEventDataSchema,
  type ApplicationEventData,
  type MerchantEventData,
  type PayoutEventData,
} from './merchant.js';
import { reconEventDataSchema, type ReconEventData } from './recon.js';

export const actorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('staff'), id: externalIdSchema, role: z.enum(ROLES) }),
  z.strictObject({ kind: z.literal('marketplace') }),
  z.strictObject({ kind: z.literal('system') }),
]);
export type Actor = z.output<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { kind: 'system' };
export const MARKETPLACE_ACTOR: Actor = { kind: 'marketplace' };

/** The event payloads of every aggregate. */
export const domainEventDataSchema = z.union([
  orderEventDataSchema,
  disputeEventDataSchema,
  riskEventDataSchema,
  riskListEventDataSchema,
  applicationEventDataSchema,
  merchantEventDataSchema,
  payoutEventDataSchema,
  reconEventDataSchema,
  recordEventDataSchema,
]);
export type DomainEventData =
  | OrderEventData
  | DisputeEventData
  | RiskEventData
  | RiskListEventData
  | ApplicationEventData
  | MerchantEventData
  | PayoutEventData
  | ReconEventData
  | RecordEventData;

const envelopeFields = z.strictObject({
  id: uuidSchema,
  /** Global sequence number in the hub's log; absent until appended. */
  seq: z.number().int().min(1).optional(),
  aggregateId: externalIdSchema,
  /** The aggregate's version after this event (1 for the first event). */
  version: z.number().int().min(1),
  at: epochMsSchema,
  actor: actorSchema,
  /** The command that produced the event, when one did. */
  causationId: textSchema(64).optional(),
  type: z.string().max(64),
  data: z.unknown(),
});

export type EventEnvelope<D extends DomainEventData = DomainEventData> = Omit<z.output<typeof envelopeFields>, 'type' | 'data'> & D;

export const eventEnvelopeSchema = envelopeFields.transform((envelope, ctx): EventEnvelope => {
  const payload = domainEventDataSchema.safeParse({ type: envelope.type, data: envelope.data });
  if (!payload.success) {
    for (const issue of payload.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    return z.NEVER;
  }
  return { ...envelope, ...payload.data };
});
