import { afterEach, describe, expect, it } from 'vitest';
import type { PermissionSet } from '../../../../electron/contract';
import { tabsStore } from '../../shell/tabs/store';
import { openPreferences, openSystemTab } from './openSystemTab';

// What the built-in user types grant (electron/domain/userTypes.ts), as the signed-in status carries it.
const FIELD_TECHNICIAN: PermissionSet = { alarms: 'write', logs: 'write' };
const SUPERVISOR: PermissionSet = { users: 'write', system: 'read', alarms: 'read', logs: 'read' };

afterEach(() => tabsStore.getState().closeAll());

const openTabs = () => tabsStore.getState().tabs.map(({ key, kind, area }) => ({ key, kind, area }));

describe('Preferences from the user menu', () => {
  it('opens for a field technician as a tab of no area (they do not see System, and it must not be dropped)', () => {
    openPreferences(FIELD_TECHNICIAN);
    expect(openTabs()).toEqual([{ key: 'system.preferences', kind: 'system.preferences', area: undefined }]);
    expect(tabsStore.getState().activeKey).toBe('system.preferences');
  });

  it('opens as a System tab for someone who sees System, the same tab as System › Preferences', () => {
    openPreferences(SUPERVISOR);
    openSystemTab('preferences');
    expect(openTabs()).toEqual([{ key: 'system.preferences', kind: 'system.preferences', area: 'system' }]);
  });
});
