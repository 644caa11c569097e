import { preferencesTab } from '../features/system/openSystemTab';

/**
 * Whether a saved tab comes back for this user: a tab of no area, or of an area they see. Preferences
 * are everyone's (the user menu opens them for users without System): kept even when saved as a System
 * tab by a user who no longer sees System.
 */
export function keepsSavedTab(tab: { kind: string; area?: string | undefined }, visible: ReadonlySet<string>): boolean {
  return tab.area === undefined || visible.has(tab.area) || tab.kind === preferencesTab.kind;
}
