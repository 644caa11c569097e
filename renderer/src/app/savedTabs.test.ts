import { describe, expect, it } from 'vitest';
import { keepsSavedTab } from './savedTabs';

describe('the saved tabs that come back after a reload', () => {
  const fieldTechnician = new Set(['alarms', 'logs']);

  it('are those of no area or of an area the user sees', () => {
    expect(keepsSavedTab({ kind: 'alarms', area: 'alarms' }, fieldTechnician)).toBe(true);
    expect(keepsSavedTab({ kind: 'alarms.link' }, fieldTechnician)).toBe(true);
    expect(keepsSavedTab({ kind: 'system.about', area: 'system' }, fieldTechnician)).toBe(false);
    expect(keepsSavedTab({ kind: 'users', area: 'users' }, fieldTechnician)).toBe(false);
  });

  it('keep Preferences for everyone, even saved as a System tab', () => {
    expect(keepsSavedTab({ kind: 'system.preferences', area: 'system' }, fieldTechnician)).toBe(true);
    expect(keepsSavedTab({ kind: 'system.preferences' }, new Set())).toBe(true);
  });
});
