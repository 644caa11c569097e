import { z } from 'zod';
import type { PermissionSet, TenantRef } from '../../../../electron/contract';
import { canRead } from '../../data/permissions';
import { NO_PARAMS, tabKind, type ParamsOf } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';

/** The area's home tab (the System pages). */
export const systemHomeTab = tabKind('system', NO_PARAMS);
export const preferencesTab = tabKind('system.preferences', NO_PARAMS);
export const launchOptionsTab = tabKind('system.launchOptions', NO_PARAMS);
export const aboutTab = tabKind('system.about', NO_PARAMS);
export const accountsTab = tabKind('system.accounts', NO_PARAMS);
export const auditTab = tabKind('system.audit', NO_PARAMS);
/** Password management of one tenant (a host administrator may switch tenants: one tab per tenant). */
export const passwordPolicyTab = tabKind(
  'system.passwordPolicy',
  z.object({ tenantId: z.number().int().positive(), tenantName: z.string() }),
);
export type PasswordPolicyTabParams = ParamsOf<typeof passwordPolicyTab>;

export const SYSTEM_TABS = {
  preferences: { kind: preferencesTab, key: 'system.preferences', title: 'Preferences' },
  launchOptions: { kind: launchOptionsTab, key: 'system.launchOptions', title: 'Launch options' },
  about: { kind: aboutTab, key: 'system.about', title: 'About' },
  accounts: { kind: accountsTab, key: 'system.accounts', title: 'Accounts' },
  audit: { kind: auditTab, key: 'system.audit', title: 'Audit' },
} as const;

export type SystemTab = keyof typeof SYSTEM_TABS;

/** Opens (or focuses) one of the System area's tabs. */
export function openSystemTab(which: SystemTab): void {
  const { kind, key, title } = SYSTEM_TABS[which];
  openTab(kind, {}, { key, title, area: 'system' });
}

/**
 * Preferences are everyone's (prefs.* are public methods): the title bar's user menu opens them for
 * a user without the System area too (a field technician sees only Alarms and Logs). Their tab
 * belongs to System only for a user who sees System: for anyone else it belongs to no area, so the
 * saved tabs keep it after a reload (tabs of an area the user does not see are dropped then).
 */
export function openPreferences(permissions: PermissionSet | undefined): void {
  const { kind, key, title } = SYSTEM_TABS.preferences;
  openTab(kind, {}, { key, title, ...(canRead(permissions, 'system') ? { area: 'system' } : {}) });
}

/** Password management edits one tenant's policy: one tab per tenant (a host administrator may switch). */
export const policyTabKey = (tenantId: number) => `system.passwordPolicy.${tenantId}`;

export function openPolicyTab(tenant: TenantRef): void {
  openTab(
    passwordPolicyTab,
    { tenantId: tenant.id, tenantName: tenant.name },
    { key: policyTabKey(tenant.id), title: `Password management · ${tenant.name}`, area: 'system' },
  );
}
