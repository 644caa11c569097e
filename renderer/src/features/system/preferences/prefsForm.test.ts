import { describe, expect, it } from 'vitest';
import type { Preferences } from '../../../../../electron/contract';
import { isFormDirty, parseForm, toForm } from './prefsForm';

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
