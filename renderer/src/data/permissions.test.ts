import { describe, expect, it } from 'vitest';
import type { Area } from '../../../electron/contract';
import { canRead, canWrite, levelOf, startAreaFor, visibleAreas } from './permissions';

const areas: { id: Area }[] = [
  { id: 'users' },
  { id: 'objectTags' },
  { id: 'alarms' },
  { id: 'logs' },
  { id: 'system' },
];

describe('permissions in the UI', () => {
  it('a missing area is none', () => {
    expect(levelOf({}, 'users')).toBe('none');
    expect(levelOf(undefined, 'users')).toBe('none');
    expect(canRead({ users: 'read' }, 'users')).toBe(true);
    expect(canWrite({ users: 'read' }, 'users')).toBe(false);
    expect(canWrite({ users: 'write' }, 'users')).toBe(true);
  });

  it('shows only areas granted read or read-write, in order', () => {
    const tech = { alarms: 'write', logs: 'read', system: 'none' } as const;
    expect(visibleAreas(areas, tech).map((a) => a.id)).toEqual(['alarms', 'logs']);
    expect(visibleAreas(areas, { system: 'read' }).map((a) => a.id)).toEqual(['system']);
  });

  it('starts in the preferred area when allowed, else the first allowed one', () => {
    expect(startAreaFor(areas, { users: 'read', alarms: 'read' }, 'users')).toBe('users');
    expect(startAreaFor(areas, { alarms: 'write', logs: 'write' }, 'users')).toBe('alarms');
    expect(startAreaFor(areas, {}, 'users')).toBeNull();
  });
});
