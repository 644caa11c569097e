import { describe, expect, it } from 'vitest';
import type { Preferences } from '../../../../../electron/contract';
import type { PermissionSet } from '../../../../../electron/contract';
import { applicablePrefs, isFormDirty, parseForm, startAreaChoices, toForm } from './prefsForm';

// What the built-in user types grant (electron/domain/userTypes.ts), as the signed-in status carries it.
const FIELD_TECHNICIAN: PermissionSet = { alarms: 'write', logs: 'write' };
const ADMINISTRATOR: PermissionSet = { users: 'write', system: 'write', alarms: 'write', logs: 'write' };

const saved: Preferences = {
  theme: 'system',
  startArea: 'users',
  confirmDestructive: true,
  dateFormat: 'locale',
  logBufferKLines: 200,
  alarmBadge: true,
  alarmTitle: true,
  alarmDesktop: true,
};

describe('preferences form', () => {
  it('round-trips saved preferences', () => {
    const form = toForm(saved);
    expect(form.logBufferKLines).toBe('200');
    expect(parseForm(form)).toEqual({ ok: true, value: saved });
    expect(isFormDirty(form, saved)).toBe(false);
  });

  it('is dirty when a field differs, clean again when it is put back', () => {
    expect(isFormDirty({ ...toForm(saved), theme: 'dark' }, saved)).toBe(true);
    expect(isFormDirty({ ...toForm(saved), logBufferKLines: '300' }, saved)).toBe(true);
    expect(isFormDirty({ ...toForm(saved), logBufferKLines: ' 200 ' }, saved)).toBe(false);
  });

  it('names the log buffer rule from the contract', () => {
    const low = parseForm({ ...toForm(saved), logBufferKLines: '5' });
    expect(low).toEqual({ ok: false, errors: { logBufferKLines: 'At least 10 (thousand lines).' } });
    const high = parseForm({ ...toForm(saved), logBufferKLines: '5001' });
    expect(high).toEqual({ ok: false, errors: { logBufferKLines: 'At most 5000 (thousand lines).' } });
  });

  it('asks for a whole number when the log buffer is empty, text or a fraction', () => {
    for (const typed of ['', 'abc', '12.5', '1e3']) {
      const r = parseForm({ ...toForm(saved), logBufferKLines: typed });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.logBufferKLines).toBe('Enter a whole number of thousand lines.');
    }
  });

  it('an invalid form is dirty (it cannot equal the saved document)', () => {
    expect(isFormDirty({ ...toForm(saved), logBufferKLines: '' }, saved)).toBe(true);
  });
});

describe('what of the preferences applies to the signed-in user', () => {
  const tech = FIELD_TECHNICIAN;
  const admin = ADMINISTRATOR;
  const areas = [
    { id: 'users', label: 'Users' },
    { id: 'alarms', label: 'Alarms' },
    { id: 'logs', label: 'Logs' },
    { id: 'system', label: 'System' },
  ] as const;

  it('shows the alarm notices to those who see Alarms and the log buffer to those who see Logs', () => {
    expect(applicablePrefs(tech)).toEqual({ alarms: true, logs: true });
    expect(applicablePrefs(admin)).toEqual({ alarms: true, logs: true });
    expect(applicablePrefs({ users: 'write' })).toEqual({ alarms: false, logs: false });
    expect(applicablePrefs(undefined)).toEqual({ alarms: false, logs: false });
  });

  it('offers a field technician only the start areas they see', () => {
    expect(startAreaChoices(areas, tech, 'alarms')).toEqual({
      choices: [
        { id: 'alarms', label: 'Alarms' },
        { id: 'logs', label: 'Logs' },
      ],
      unavailable: null,
    });
    expect(startAreaChoices(areas, admin, 'users').choices.map((a) => a.id)).toEqual([
      'users',
      'alarms',
      'logs',
      'system',
    ]);
  });

  it('keeps a saved start area the user does not see, marked, and says what opens instead', () => {
    expect(startAreaChoices(areas, tech, 'users')).toEqual({
      choices: [
        { id: 'users', label: 'Users (not available to you)' },
        { id: 'alarms', label: 'Alarms' },
        { id: 'logs', label: 'Logs' },
      ],
      unavailable: { current: 'Users', instead: 'Alarms' },
    });
    expect(startAreaChoices(areas, {}, 'users').unavailable).toEqual({ current: 'Users', instead: null });
  });
});
