/**
 * Result codes of the escrow order decider, one flat list in order of precedence: when a
 * command breaks several rules, the earliest code in this list is the one returned.
 */
export const ORDER_REJECTIONS = [
  'order_not_found',
  'order_already_exists',
  'currency_mismatch',
  'amount_exceeds_maximum',
  'invalid_rates',
  'hold_already_resolved',
  'order_already_shipped',
  'order_not_shipped',
  'risk_hold_already_active',
  'risk_hold_not_active',
  'dispute_already_open',
  'no_open_dispute',
  'dispute_id_mismatch',
  'hold_frozen',
  'extension_already_used',
  'extension_not_yet_allowed',
  'confirmation_window_elapsed',
  'confirmation_not_due',
  'refund_exceeds_held',
  'release_exceeds_held',
] as const;

export type OrderRejection = (typeof ORDER_REJECTIONS)[number];

/** Result codes of the dispute decider, in order of precedence. */
export const DISPUTE_REJECTIONS = [
  'dispute_not_found',
  'dispute_already_exists',
  'dispute_closed',
  'currency_mismatch',
  'invalid_resolution',
  'split_must_equal_held',
  'refund_exceeds_held',
  'proposal_pending',
  'no_pending_proposal',
  'proposal_mismatch',
  'self_approval',
  'assignee_unknown',
  'assignee_not_an_agent',
  'already_assigned',
  'status_unchanged',
] as const;

export type DisputeRejection = (typeof DISPUTE_REJECTIONS)[number];

/** Staff command rejections that are not about one aggregate's rules. */
export const STAFF_REJECTIONS = ['approval_required'] as const;
export type StaffRejection = (typeof STAFF_REJECTIONS)[number];

/** Result codes of risk review, in order of precedence. */
export const RISK_REJECTIONS = ['flag_not_found', 'flag_closed', 'status_unchanged', 'list_entry_exists', 'list_entry_not_found', 'list_entry_removed', 'expiry_in_past'] as const;
export type RiskRejection = (typeof RISK_REJECTIONS)[number];

/** Result codes of onboarding and payouts, in order of precedence. */
export const MERCHANT_REJECTIONS = [
  'application_not_found',
  'application_decided',
  'checks_failed',
  'deadline_in_past',
  'merchant_not_found',
  'merchant_already_active',
  'merchant_not_active',
  'payout_not_found',
  'payout_exists',
  'payout_not_pending',
  'payout_not_failed',
  'payout_already_reissued',
  'nothing_to_pay',
  'exceeds_available',
] as const;
export type MerchantRejection = (typeof MERCHANT_REJECTIONS)[number];

/** Result codes of reconciliation days, in order of precedence. */
export const RECON_REJECTIONS = [
  'day_closed',
  'day_not_closed',
  'already_resolved',
  'invalid_resolution',
  'no_write_off_proposed',
  'self_approval',
  'open_exceptions',
] as const;
export type ReconRejection = (typeof RECON_REJECTIONS)[number];
