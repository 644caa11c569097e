import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING, type UserSyncConfig } from '../../../../electron/contract';
import { isDirty, logonIdExample, parse, toForm, valueOf } from './userSyncForm';

const config: UserSyncConfig = {
  tenantId: 1,
  version: 3,
  passwordSet: true,
  secretSet: false,
  updatedAt: null,
  updatedBy: null,
  type: 'ad',
  ad: { host: 'dc01', port: 636, userName: 'svc', security: 'ldaps', baseDn: '', domain: '' },
  azure: { tenantId: '', clientId: '', loginBaseUrl: '', graphBaseUrl: '' },
  userGroup: 'MICCE Users',
  logonId: { order: 'lastFirst', firstChars: 2, lastChars: 18 },
  neverDelete: false,
  allowManualDelete: true,
  mapping: DEFAULT_MAPPING.ad,
  schedule: { enabled: true, time: '02:00' },
  csv: { folder: '', fileName: 'UserSync.csv' },
  csvPath: '/home/op/.config/ccm/logs/UserSync.csv',
  csvFolders: ['/var/log/micc'],
  localDomain: null,
};

describe('user synchronization form', () => {
  it("maps the Domain and the UserSync.csv location, and main's field names back to them", () => {
    const f = toForm(valueOf({ ...config, ad: { ...config.ad, host: '', domain: 'corp.example.com' } }));
    expect(f).toMatchObject({ adHost: '', adDomain: 'corp.example.com', csvFolder: '', csvFileName: 'UserSync.csv' });
    const bad = parse({ ...f, csvFileName: '../UserSync.csv', adDomain: 'not a domain' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['adDomain', 'csvFileName']);
    const ok = parse({ ...f, csvFolder: '/var/log/micc', csvFileName: 'Sync.csv' });
    expect(ok.ok && ok.value.settings.csv).toEqual({ folder: '/var/log/micc', fileName: 'Sync.csv' });
  });

  it('round-trips the saved settings; a typed password is sent, an empty one keeps the stored one', () => {
    const f = toForm(valueOf(config));
    expect(isDirty(f, valueOf(config))).toBe(false);
    const r = parse(f);
    expect(r.ok && r.value).toEqual({ settings: valueOf(config).settings });
    const p = parse({ ...f, password: 'x' });
    expect(p.ok && p.value.password).toBe('x');
  });
  it('names the field: port, characters combined, attribute lists', () => {
    const f = toForm(valueOf(config));
    expect(parse({ ...f, adPort: 'abc' })).toMatchObject({ ok: false, errors: { adPort: expect.any(String) } });
    expect(parse({ ...f, firstChars: '17', lastChars: '4' })).toMatchObject({
      ok: false,
      errors: { lastChars: expect.stringMatching(/at most 20/) },
    });
    const r = parse({
      ...f,
      mapping: { ...f.mapping, directoryNumber: { attributes: 'ipPhone, telephoneNumber', when: 'always' } },
    });
    expect(r.ok && r.value.settings.mapping.directoryNumber).toEqual({
      attributes: ['ipPhone', 'telephoneNumber'],
      when: 'always',
    });
  });
  it('shows the live example of the manual', () => {
    expect(logonIdExample({ order: 'firstLast', firstChars: '2', lastChars: '18' })).toBe('kasharp');
    expect(logonIdExample({ order: 'lastFirst', firstChars: '17', lastChars: '3' })).toBe('shakaren');
    expect(logonIdExample({ order: 'lastFirst', firstChars: '17', lastChars: '9' })).toBe('—');
  });
});
