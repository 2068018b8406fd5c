/** Every domain's handlers merged: the one map the transports call. */
import type { Handlers } from './app.js';
import { disputesApp } from './disputes.js';
import { hostApp } from './host.js';
import { merchantsApp } from './merchants.js';
import { ordersApp } from './orders.js';
import { reconciliationApp } from './reconciliation.js';
import { sessionApp } from './session.js';
import { riskApp } from './risk.js';
import { searchApp } from './search.js';

export const handlers: Handlers = { ...disputesApp, ...riskApp, ...merchantsApp, ...reconciliationApp, ...ordersApp, ...sessionApp, ...hostApp, ...searchApp };
