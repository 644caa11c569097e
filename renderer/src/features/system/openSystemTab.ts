import { tabsStore } from '../../shell/tabs/store';

export const SYSTEM_TABS = {
  preferences: { key: 'system.preferences', title: 'Preferences', kind: 'system.preferences' },
  launchOptions: { key: 'system.launchOptions', title: 'Launch options', kind: 'system.launchOptions' },
  about: { key: 'system.about', title: 'About', kind: 'system.about' },
} as const;

export type SystemTab = keyof typeof SYSTEM_TABS;

/** Opens (or focuses) one of the System area's tabs. */
export function openSystemTab(which: SystemTab): void {
  tabsStore.getState().open({ ...SYSTEM_TABS[which], area: 'system' });
}
