import { describe, expect, it, vi } from 'vitest';
import { AREAS } from '../../electron/contract';

// The views import the client, which looks for the preload's window.ccm at import (no calls are made here).
vi.hoisted(() => Object.assign(globalThis, { window: { ccm: {} } }));
const { FEATURES, SavedTab, TAB_DEFS, tabViews } = await import('./features');
const { areaList } = await import('./areas/areas');

describe('the renderer feature list', () => {
  it('names each tab kind once, each with a view', () => {
    const kinds = FEATURES.flatMap((f) => f.tabs.map((t) => t.kind.kind));
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of kinds) expect(typeof tabViews[k]).toBe('function');
  });

  it('defines every area of the contract once, each with a home tab kind named after it that takes no parameters', () => {
    const areas = areaList().map((a) => a.id);
    expect([...areas].sort()).toEqual([...AREAS].sort());
    for (const a of areaList()) {
      const home = TAB_DEFS.find((t) => t.kind.kind === a.id);
      expect(home, a.id).toBeDefined();
      expect(home!.kind.params.safeParse({}).success).toBe(true);
      expect(a.icon, a.id).toBeTruthy();
    }
  });

  it('keeps the navigation order', () => {
    expect(areaList().map((a) => a.label)).toEqual([
      'Users',
      'Object Tags',
      'Dispatch Groups',
      'Response Files',
      'Single Sign-On',
      'Alarms',
      'Web Manager',
      'E-mail',
      'Genesys Cloud',
      'Logs',
      'System',
    ]);
  });

  it('parses a saved tab by its kind: valid ones pass with their defaults, others fail', () => {
    expect(
      SavedTab.parse({ key: 'users.user.4', title: 'jdoe', area: 'users', kind: 'users.user', params: { userId: 4 } }),
    ).toEqual({
      key: 'users.user.4',
      title: 'jdoe',
      area: 'users',
      kind: 'users.user',
      params: { userId: 4, page: 'general' },
    });
    const bad = [
      { key: 'users.user.4', title: 'jdoe', kind: 'users.user', params: { userId: '4' } }, // the old string params
      { key: 'users.user.4', title: 'jdoe', kind: 'users.user', params: { userId: 4, page: 'nope' } },
      { key: 'x', title: 'X', kind: 'no.such.kind', params: {} },
      { key: 'logs.viewer.1', title: 'Log viewer', kind: 'logs.viewer', area: 'nowhere', params: {} },
      { key: '', title: 'Users', kind: 'users', params: {} },
      { key: 'placeholder', title: 'P', kind: 'placeholder', params: { area: 'moon' } },
    ];
    for (const tab of bad) expect(SavedTab.safeParse(tab).success, JSON.stringify(tab)).toBe(false);
    expect(
      SavedTab.parse({
        key: 'dispatch.serviceGroup.new',
        title: 'New',
        kind: 'dispatch.serviceGroup',
        params: { serviceGroupId: 'new' },
      }).params,
    ).toEqual({ serviceGroupId: 'new' });
  });
});
