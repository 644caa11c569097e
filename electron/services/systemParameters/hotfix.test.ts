import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HOTFIX_INSTALLER, hotfixCommandLine, hotfixProblems } from '../../contract';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { hotfixLogPath } from './hotfixLog';

describe('MiCCEHotFixInstaller [/i:<Configuration Filename>] [/s]', () => {
  it('builds the command line, quoting paths with spaces', () => {
    expect(
      hotfixCommandLine({
        installer: DEFAULT_HOTFIX_INSTALLER,
        configFile: 'C:\\HF\\HF-1234 fix.config',
        silent: true,
      }),
    ).toBe(
      '"C:\\Program Files (x86)\\Mitel\\MiCC Enterprise\\NextCC Setup\\MiCCEHotFixInstaller.exe" /i:"C:\\HF\\HF-1234 fix.config" /s',
    );
    expect(
      hotfixCommandLine({
        installer: 'D:\\HF\\MiCCEHotFixInstaller.exe',
        configFile: 'D:\\HF\\HF1.config',
        silent: false,
      }),
    ).toBe('D:\\HF\\MiCCEHotFixInstaller.exe /i:D:\\HF\\HF1.config');
    expect(hotfixCommandLine({ installer: 'MiCCEHotFixInstaller.exe', configFile: '', silent: false })).toBe(
      'MiCCEHotFixInstaller.exe',
    );
  });
  it.each([
    ['installer required', { installer: ' ', configFile: '', silent: false }, 'installer', /is required/],
    [
      'installer an .exe',
      { installer: 'C:\\HF\\setup.bat', configFile: '', silent: false },
      'installer',
      /MiCCEHotFixInstaller.exe/,
    ],
    [
      'no quotes',
      { installer: 'a.exe', configFile: 'C:\\"x".config', silent: false },
      'configFile',
      /may not contain quotes/,
    ],
    [
      'a *.config file',
      { installer: 'a.exe', configFile: 'C:\\HF\\readme.txt', silent: false },
      'configFile',
      /ends in .config/,
    ],
    ['/s needs /i', { installer: 'a.exe', configFile: '', silent: true }, 'configFile', /required with \/s/],
  ])('refuses: %s', (_, c, field, message) => {
    expect(hotfixProblems(c)).toContainEqual({ field, message: expect.stringMatching(message) });
  });
  it('the log at the manual’s path: %USERPROFILE% expanded on Windows, /var/log/micc elsewhere', () => {
    expect(hotfixLogPath('win32', { USERPROFILE: 'C:\\Users\\tech\\' })).toBe(
      'C:\\Users\\tech\\AppData\\Local\\Mitel\\MiCC Enterprise\\MiCCEHotFixInstaller\\MiCCEHotFixInstaller.log',
    );
    expect(hotfixLogPath('linux', {})).toBe('/var/log/micc/MiCCEHotFixInstaller/MiCCEHotFixInstaller.log');
  });
});

describe('MiCCEHotFixInstaller log as a Logs source (sqlite)', () => {
  let admin: TestConsole;
  let tenantAdmin: TestConsole;
  beforeAll(async () => {
    const db = await seededDb('sqlite');
    [admin, tenantAdmin] = await Promise.all([startConsole(db), startConsole(db)]);
    await signIn(admin, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    await signIn(tenantAdmin, 'expiring', DEMO_ACCOUNTS.expiring.password);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([admin?.stop(), tenantAdmin?.stop()]);
  });

  it('a host administrator adds it (once); a tenant administrator cannot', async () => {
    const info = (await tenantAdmin.call('systemParameters', 'getHotfixLog')).value!;
    expect(info.manualPath).toMatch(/^%USERPROFILE%\\AppData\\Local\\Mitel\\MiCC Enterprise\\MiCCEHotFixInstaller\\/);
    expect(info.path).toBe(hotfixLogPath());
    const refused = await tenantAdmin.call('systemParameters', 'followHotfixLog');
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN' });
    const followed = await admin.call('systemParameters', 'followHotfixLog');
    expect(followed.error).toBeUndefined();
    await admin.call('systemParameters', 'followHotfixLog');
    const sources = (await admin.call('logs', 'sources')).value!.sources.filter(
      (s) => s.spec.id === followed.value!.id,
    );
    expect(sources).toHaveLength(1);
    expect(sources[0]!.spec).toMatchObject({ kind: 'file', name: 'MiCCEHotFixInstaller', path: info.path });
  });
});
