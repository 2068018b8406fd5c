/** A merchant application as the event log holds it (the parsed form: amounts are bigint). */
export type { MerchantApplication } from '../../shared/escrow/merchant.js';
