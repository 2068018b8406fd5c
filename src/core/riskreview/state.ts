export type { RiskFinding, RiskFlagState, RiskListEntryState } from '../../shared/escrow/risk.js';
