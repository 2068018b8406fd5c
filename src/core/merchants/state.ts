export type { ApplicationState, MerchantState, PayoutState } from '../../shared/escrow/merchant.js';
