/**
 * Who may do what (DESIGN §6). Checked by the hub (the authority) and by the console's main
 * process before anything is queued; the UI only hides what a role cannot do.
 */
import type { Role } from './roles.js';

export const PERMISSIONS = {
  'orders.read': ['agent', 'risk', 'onboarding', 'finance', 'admin'],
  /** Refunds and releases deciding a dispute (up to the four-eyes threshold). */
  'disputes.decide': ['agent'],
  /** Four-eyes approval of large refunds and releases. */
  'refunds.approve': ['finance'],
  'risk.review': ['risk'],
  'risk.lists': ['risk'],
  'merchants.review': ['onboarding'],
  'finance.payouts': ['finance'],
  'finance.reconcile': ['finance'],
  'staff.manage': ['admin'],
  /** Reading the hub's audit trail. */
  'audit.read': ['admin'],
  'sync.use': ['agent', 'risk', 'onboarding', 'finance', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
