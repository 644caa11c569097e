import { describe, expect, it } from 'vitest';
import type { LaunchOptionsView } from '../../../../../electron/contract';
import { launchOptionRows } from './rows';

const none: LaunchOptionsView = { passwordGiven: false, stdLogin: false, reset: false, ignoredSwitches: [] };
const valueOf = (lo: LaunchOptionsView, flagPrefix: string) =>
  launchOptionRows(lo).find((r) => r.flag.startsWith(flagPrefix))?.value;

describe('launch option rows', () => {
  it('lists every flag as "not given" when the console started without flags', () => {
    const rows = launchOptionRows(none);
    expect(rows.map((r) => r.flag.split(':')[0])).toEqual([
      '/user',
      '/password',
      '/webserver',
      '/stdlogin',
      '/brokername',
      '/brokerport',
      '/tenantid',
      '/reset',
      '/logfile',
    ]);
    expect(rows.every((r) => r.value === 'not given' && !r.given)).toBe(true);
  });

  it('shows given values, and the password only as "given"', () => {
    const lo: LaunchOptionsView = {
      ...none,
      user: 'admin',
      passwordGiven: true,
      webServer: { host: 'web1', port: 80 },
      stdLogin: true,
      brokerName: 'cc01',
      brokerPort: 5024,
      tenantId: '3',
      reset: true,
      logFile: 'cm.log',
    };
    expect(valueOf(lo, '/user')).toBe('admin');
    expect(valueOf(lo, '/password')).toBe('given');
    expect(valueOf(lo, '/webserver')).toBe('web1:80');
    expect(valueOf(lo, '/stdlogin')).toBe('given');
    expect(valueOf(lo, '/brokername')).toBe('cc01');
    expect(valueOf(lo, '/brokerport')).toBe('5024');
    expect(valueOf(lo, '/tenantid')).toBe('3');
    expect(valueOf(lo, '/reset')).toBe('given');
    expect(valueOf(lo, '/logfile')).toBe('cm.log');
    expect(launchOptionRows(lo).every((r) => r.given)).toBe(true);
  });
});
