import { describe, expect, it } from 'vitest';
import { addDialGroups, BLANK_DOC, isDirty, parseForm, removeDialGroups, toForm, valueOf } from './genesysForm';

describe('Genesys Cloud configuration form', () => {
  const form = toForm(valueOf(BLANK_DOC));
  it('is clean as loaded and dirty once a password is typed', () => {
    expect(isDirty(form, valueOf(BLANK_DOC))).toBe(false);
    expect(isDirty({ ...form, password: 'x' }, valueOf(BLANK_DOC))).toBe(true);
  });
  it('gives one message per field: password rule, short name, https applications', () => {
    const r = parseForm({ ...form, password: 'abc', orgShortName: 'a-b', browserClientApps: ['http://x.example'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.password).toBe('at least 8 characters');
    expect(r.errors.orgShortName).toBe('letters and digits only');
    expect(r.errors['browserClientApps.0']).toBe('must be https');
  });
  it('passes a valid form with the password', () => {
    const r = parseForm({ ...form, adminEmail: 'a@b.example', orgShortName: 'acme', password: 'Genesys#2026' });
    expect(r.ok).toBe(true);
  });
});

describe('Genesys Cloud Dial Groups selection', () => {
  it('Add appends the chosen names once (ignoring case); Remove keeps the order of the others', () => {
    expect(addDialGroups(['Phone'], ['Private', 'phone', 'Tie Line'])).toEqual(['Phone', 'Private', 'Tie Line']);
    expect(removeDialGroups(['Phone', 'Private', 'Tie Line'], ['private'])).toEqual(['Phone', 'Tie Line']);
  });
  it('a changed selection makes the form dirty', () => {
    const form = toForm(valueOf(BLANK_DOC));
    expect(isDirty({ ...form, dialGroups: ['Phone'] }, valueOf(BLANK_DOC))).toBe(true);
  });
});
