import { describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../../../electron/contract';
import { emptyProfileForm, isProfileDirty, parseProfileForm, targetOf, toProfileForm } from './profileForm';

const pg: ConnectionProfile = {
  id: 'p1',
  name: 'Shared',
  engine: 'postgres',
  host: 'db01',
  port: 5432,
  database: 'micc',
  user: 'ccm',
  ssl: true,
};
const lite: ConnectionProfile = {
  id: 'embedded-demo',
  name: 'Embedded demo',
  engine: 'sqlite',
  file: '/data/demo.sqlite',
  demo: true,
};

describe('connection profile form', () => {
  it('round-trips both engines', () => {
    expect(parseProfileForm(toProfileForm(pg))).toEqual({ ok: true, profile: pg });
    expect(parseProfileForm(toProfileForm(lite))).toEqual({ ok: true, profile: lite });
    expect(isProfileDirty(toProfileForm(pg), pg)).toBe(false);
    expect(isProfileDirty({ ...toProfileForm(pg), host: 'db02' }, pg)).toBe(true);
    expect(isProfileDirty(toProfileForm(pg), null)).toBe(true);
  });

  it('names the fields the contract refuses', () => {
    const r = parseProfileForm({ ...emptyProfileForm('postgres'), port: '70000' });
    expect(r).toEqual({
      ok: false,
      errors: {
        name: 'Name is required',
        host: 'Host is required',
        port: 'port must be 1–65535',
        user: 'User is required',
      },
    });
    const typed = parseProfileForm({ ...toProfileForm(pg), port: 'abc' });
    expect(typed.ok === false && typed.errors.port).toBe('port must be 1–65535');
    const sqlite = parseProfileForm({ ...emptyProfileForm('sqlite'), name: 'x' });
    expect(sqlite).toEqual({ ok: false, errors: { file: 'File is required' } });
  });

  it('describes the target without a password', () => {
    expect(targetOf(pg)).toBe('ccm@db01:5432/micc (SSL)');
    expect(targetOf(lite)).toBe('/data/demo.sqlite');
  });
});
