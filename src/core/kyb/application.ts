import type { z } from 'zod';
import type { merchantApplicationSchema } from '../../shared/escrow/records.js';

/** A merchant application as the event log holds it (the parsed form: amounts are bigint). */
export type MerchantApplication = z.output<typeof merchantApplicationSchema>;
