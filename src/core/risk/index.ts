/** The risk rules engine (pure): the hub scores orders at intake with it, the console backtests with it. */
export { DEFAULT_RISK_CONFIG, type GradedRule, type RiskConfig, type VolumeThreshold } from './config.js';
export { basisPoints, backtest, type BacktestEntry, type BacktestReport, type Ratio, type RuleBacktest, type Tally } from './backtest.js';
export { isInForce, normaliseAddress } from './lists.js';
export { riskLevel, scoreOrder } from './score.js';
export * from './types.js';
