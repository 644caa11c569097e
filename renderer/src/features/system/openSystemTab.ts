import type { TenantRef } from '../../../../electron/contract';
import { tabsStore } from '../../shell/tabs/store';

export const SYSTEM_TABS = {
  preferences: { key: 'system.preferences', title: 'Preferences', kind: 'system.preferences' },
  launchOptions: { key: 'system.launchOptions', title: 'Launch options', kind: 'system.launchOptions' },
  about: { key: 'system.about', title: 'About', kind: 'system.about' },
  accounts: { key: 'system.accounts', title: 'Accounts', kind: 'system.accounts' },
  audit: { key: 'system.audit', title: 'Audit', kind: 'system.audit' },
} as const;

export type SystemTab = keyof typeof SYSTEM_TABS;

/** Opens (or focuses) one of the System area's tabs. */
export function openSystemTab(which: SystemTab): void {
  tabsStore.getState().open({ ...SYSTEM_TABS[which], area: 'system' });
}

/** Password management edits one tenant's policy: one tab per tenant (a host administrator may switch). */
export const policyTabKey = (tenantId: number) => `system.passwordPolicy.${tenantId}`;

export function openPolicyTab(tenant: TenantRef): void {
  tabsStore.getState().open({
    key: policyTabKey(tenant.id),
    title: `Password management · ${tenant.name}`,
    kind: 'system.passwordPolicy',
    params: { tenantId: String(tenant.id), tenantName: tenant.name },
    area: 'system',
  });
}
