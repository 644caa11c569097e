import { describe, expect, it } from 'vitest';
import { isCalendarDirty, parseCalendarForm, toCalendarForm } from './calendarForm';

const settings = {
  enabled: true,
  clientId: 'f96bcece-7bd4-4a3b-9c4b-2f6e1f1d3c01',
  directoryTenantId: '0cd345fc-e1fe-4f99-a378-4317172ad9c2',
  authorityUrl: 'https://login.microsoftonline.com',
  graphUrl: 'https://graph.microsoft.com',
};

describe('Exchange Calendar form', () => {
  it('parses with the contract: a GUID Client ID, https endpoints; the secret only when typed', () => {
    const form = toCalendarForm({ settings });
    expect(parseCalendarForm(form)).toEqual({ ok: true, value: { settings } });
    expect(parseCalendarForm({ ...form, clientSecret: 's' })).toEqual({
      ok: true,
      value: { settings, clientSecret: 's' },
    });
    expect(parseCalendarForm({ ...form, clientId: 'nope' })).toMatchObject({
      ok: false,
      errors: { clientId: 'Client ID is a GUID' },
    });
    expect(parseCalendarForm({ ...form, graphUrl: 'http://graph.example' })).toMatchObject({
      ok: false,
      errors: { graphUrl: expect.stringContaining('https://') },
    });
    expect(parseCalendarForm({ ...form, clientId: '' })).toMatchObject({
      ok: false,
      errors: { clientId: 'Client ID is mandatory' },
    });
  });
  it('is dirty when a value differs or a secret is typed', () => {
    const form = toCalendarForm({ settings });
    expect(isCalendarDirty(form, { settings })).toBe(false);
    expect(isCalendarDirty({ ...form, clientSecret: 'x' }, { settings })).toBe(true);
    expect(isCalendarDirty({ ...form, enabled: false }, { settings })).toBe(true);
  });
});
