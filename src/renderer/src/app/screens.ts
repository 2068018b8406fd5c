/**
 * The screens, their place in the navigation, and who sees them: the menu shows only what the
 * signed-in role may do (the main process enforces it again on every call).
 */
import type { ComponentType } from 'react';
import type { StaffIdentity } from '../../../shared/api/hub.js';
import type { Role } from '../../../shared/roles.js';
import { can, type Permission } from '../../../shared/permissions.js';
import type { common } from '../i18n/common.js';
import { AuditScreen } from '../screens/audit/index.js';
import { DisputesScreen } from '../screens/disputes/index.js';
import { MerchantsScreen } from '../screens/merchants/index.js';
import { OrderScreen } from '../screens/orders/index.js';
import { OverviewScreen } from '../screens/overview/index.js';
import { RiskScreen } from '../screens/risk/index.js';
import { SettingsScreen } from '../screens/settings/index.js';
import { SettlementsScreen } from '../screens/settlements/index.js';
import { SyncScreen } from '../screens/sync/index.js';

/** Every screen gets the rest of the route (`#/disputes/D1` → ['D1']) and who is signed in (App holds it). */
export type ScreenProps = { route: string[]; staff: StaffIdentity };

export interface ScreenEntry {
  id: string;
  label: keyof (typeof common)['en'];
  /** Any one of these lets the role see the screen; none: everyone signed in. */
  permissions: Permission[];
  component: ComponentType<ScreenProps>;
  /** Reached by links and search only (e.g. `#/orders/O1`), not listed in the menu. */
  hidden?: boolean;
  /**
   * Listed in the menu only for these (any one); the others who may open it reach it by links
   * and search (every role reads merchant profiles; the menu entry is onboarding's and finance's).
   */
  menuPermissions?: Permission[];
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'overview', label: 'navOverview', permissions: [], component: OverviewScreen },
  { id: 'disputes', label: 'navDisputes', permissions: ['disputes.decide', 'refunds.approve'], component: DisputesScreen },
  { id: 'risk', label: 'navRisk', permissions: ['risk.review'], component: RiskScreen },
  { id: 'merchants', label: 'navMerchants', permissions: ['orders.read'], menuPermissions: ['merchants.review', 'finance.payouts'], component: MerchantsScreen },
  { id: 'settlements', label: 'navSettlements', permissions: ['finance.reconcile', 'finance.payouts'], component: SettlementsScreen },
  { id: 'sync', label: 'navSync', permissions: ['sync.use'], component: SyncScreen },
  { id: 'audit', label: 'navAudit', permissions: ['audit.read'], component: AuditScreen },
  { id: 'settings', label: 'navSettings', permissions: [], component: SettingsScreen },
  { id: 'orders', label: 'navOrders', permissions: ['orders.read'], component: OrderScreen, hidden: true },
];

/** Every screen the role may open, hidden ones included (the menu lists `menuScreens`). */
export function screensFor(role: Role): ScreenEntry[] {
  return SCREENS.filter((s) => s.permissions.length === 0 || s.permissions.some((p) => can(role, p)));
}

/** The screens of the role's menu (and of the Ctrl+1..9 shortcuts), out of those it may open. */
export function menuScreens(screens: readonly ScreenEntry[], role: Role): ScreenEntry[] {
  return screens.filter((s) => !s.hidden && (!s.menuPermissions || s.menuPermissions.some((p) => can(role, p))));
}
