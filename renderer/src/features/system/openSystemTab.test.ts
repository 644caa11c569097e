import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_USER_TYPES } from '../../../../electron/domain/userTypes';
import { tabsStore } from '../../shell/tabs/store';
import { openPreferences, openSystemTab } from './openSystemTab';

afterEach(() => tabsStore.getState().closeAll());

const openTabs = () => tabsStore.getState().tabs.map(({ key, kind, area }) => ({ key, kind, area }));

describe('Preferences from the user menu', () => {
  it('opens for a field technician as a tab of no area (they do not see System, and it must not be dropped)', () => {
    openPreferences(BUILT_IN_USER_TYPES.fieldTechnician.permissions);
    expect(openTabs()).toEqual([{ key: 'system.preferences', kind: 'system.preferences', area: undefined }]);
    expect(tabsStore.getState().activeKey).toBe('system.preferences');
  });

  it('opens as a System tab for someone who sees System, the same tab as System › Preferences', () => {
    openPreferences(BUILT_IN_USER_TYPES.supervisor.permissions);
    openSystemTab('preferences');
    expect(openTabs()).toEqual([{ key: 'system.preferences', kind: 'system.preferences', area: 'system' }]);
  });
});
