import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { decodeRegFile, encodeRegFile } from '../../domain/registry';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const { hostAdmin, northwindAdmin, supervisor, technician } = DEMO_ACCOUNTS;

const DEFAULTS = {
  seclogonws: { logLevel: 2, logonWsTimeoutMs: 30000 },
  secreportws: { logLevel: 2 },
  socketManager: { trace: 0, executables: [] },
  disableWsdl: false,
};
const SOCKET = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager';

// Logs › Trace levels through the real router and services, on a real SQLite file and a
// real PostgreSQL database.
describe.each(ENGINES)('trace levels on %s', (engine) => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 5));
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => c.stop());
  const signOut = () => c.call('auth', 'signOut');

  it('a server never saved answers the seed’s defaults at version 0', async () => {
    await signIn(c, 'tech', technician.password);
    const doc = (await c.call('trace', 'get', { server: 'cc01.demo.example' })).value;
    expect(doc).toEqual({
      server: 'cc01.demo.example',
      version: 0,
      settings: DEFAULTS,
      warnings: [],
      updatedBy: null,
      updatedAt: null,
    });
    // the working tenant's call managers are offered as servers
    expect((await c.call('trace', 'servers')).value).toEqual(['oas01.demo.example']);
    await signOut();
  });

  it('the first save inserts, later saves are versioned and audited with before and after; the name ignores case', async () => {
    await signIn(c, 'admin', hostAdmin.password);
    const settings = {
      ...DEFAULTS,
      seclogonws: { logLevel: 3, logonWsTimeoutMs: 45000 },
      socketManager: { trace: 0, executables: [{ name: 'cs.exe', level: 9 }] },
    };
    const first = await c.call('trace', 'save', { server: 'CC01.demo.example', expectedVersion: 0, settings });
    expect(first.value).toMatchObject({ server: 'CC01.demo.example', version: 1, settings, updatedBy: 'admin' });
    expect(first.value.warnings.map((w: { field: string }) => w.field)).toEqual([
      'seclogonws.logLevel',
      'socketManager.executables.0.level',
    ]);
    expect(first.value.warnings[0]!.message).toMatch(/Log all events.*performance.*after collecting the logs/);

    const again = (await c.call('trace', 'get', { server: 'cc01.DEMO.example' })).value;
    expect(again).toMatchObject({ server: 'CC01.demo.example', version: 1, settings });

    const second = await c.call('trace', 'save', {
      server: 'cc01.demo.example',
      expectedVersion: 1,
      settings: DEFAULTS,
    });
    expect(second.value).toMatchObject({ server: 'CC01.demo.example', version: 2, settings: DEFAULTS, warnings: [] });
    expect((await c.call('trace', 'servers')).value).toEqual(['CC01.demo.example', 'oas01.demo.example']);
    await signOut();

    await signIn(c, 'admin', hostAdmin.password);
    const audit = (await c.call('audit', 'query', { objectType: 'trace-settings', limit: 10 })).value.rows;
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['update', 'create']);
    expect(audit[1]).toMatchObject({
      actor: 'admin',
      objectId: 'cc01.demo.example',
      objectName: 'CC01.demo.example',
      before: null,
      tenantId: 1,
    });
    expect(JSON.parse(audit[1]!.after!)).toEqual(settings);
    expect(JSON.parse(audit[0]!.before!)).toEqual(settings);
    expect(JSON.parse(audit[0]!.after!)).toEqual(DEFAULTS);
    await signOut();
  });

  it('a stale save is refused naming both versions and who saved; nothing is written', async () => {
    await signIn(c, 'admin', hostAdmin.password);
    const server = 'stale.example';
    const v1 = (await c.call('trace', 'save', { server, expectedVersion: 0, settings: DEFAULTS })).value;
    await c.call('trace', 'save', {
      server,
      expectedVersion: v1.version,
      settings: { ...DEFAULTS, disableWsdl: true },
    });
    const stale = await c.call('trace', 'save', {
      server,
      expectedVersion: v1.version,
      settings: { ...DEFAULTS, secreportws: { logLevel: 0 } },
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    expect(stale.error!.message).toMatch(
      /The version you supplied \[1\] does not match the current version \[2\]: admin changed it at/,
    );
    // a second "first save" of a saved server, and a save of a server never saved
    const dupFirst = await c.call('trace', 'save', { server: 'STALE.example', expectedVersion: 0, settings: DEFAULTS });
    expect(dupFirst.error!.message).toMatch(
      /\[0\] does not match the current version \[2\]: admin saved the trace levels of stale\.example/,
    );
    const never = await c.call('trace', 'save', { server: 'never.example', expectedVersion: 3, settings: DEFAULTS });
    expect(never.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /\[3\] does not match the current version \[0\]: the trace levels of never\.example were never saved/,
      ),
    });
    expect((await c.call('trace', 'get', { server })).value).toMatchObject({
      version: 2,
      settings: { ...DEFAULTS, disableWsdl: true },
    });
    expect((await c.call('trace', 'get', { server: 'never.example' })).value.version).toBe(0);
    await signOut();
  });

  it('bad input names the field and the rule', async () => {
    await signIn(c, 'admin', hostAdmin.password);
    const bad = (settings: unknown, server: unknown = 'x') =>
      c.call('trace', 'save', { server: server as never, expectedVersion: 0, settings: settings as never });
    expect((await bad({ ...DEFAULTS, seclogonws: { logLevel: 4, logonWsTimeoutMs: 1 } })).error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'settings.seclogonws.logLevel',
      message: 'settings.seclogonws.logLevel: LogLevel is 0–3',
    });
    expect(
      (await bad({ ...DEFAULTS, socketManager: { trace: 0, executables: [{ name: 'cs', level: 1 }] } })).error,
    ).toMatchObject({
      field: 'settings.socketManager.executables.0.name',
      message: expect.stringContaining('an executable name such as cs.exe'),
    });
    expect(
      (
        await bad({
          ...DEFAULTS,
          socketManager: {
            trace: 0,
            executables: [
              { name: 'cs.exe', level: 1 },
              { name: 'CS.EXE', level: 2 },
            ],
          },
        })
      ).error,
    ).toMatchObject({
      field: 'settings.socketManager.executables.1.name',
      message: expect.stringContaining('CS.EXE is listed twice'),
    });
    expect((await bad({ ...DEFAULTS, socketManager: { trace: -1, executables: [] } })).error).toMatchObject({
      field: 'settings.socketManager.trace',
    });
    expect((await bad(DEFAULTS, '  ')).error).toMatchObject({ field: 'server', message: 'server: Server is required' });
    await signOut();
  });

  it('export → import round trip, through UTF-16LE bytes as the editor downloads them', async () => {
    await signIn(c, 'admin', hostAdmin.password);
    const server = 'roundtrip.example';
    const settings = {
      seclogonws: { logLevel: 1, logonWsTimeoutMs: 60000 },
      secreportws: { logLevel: 3 },
      socketManager: {
        trace: 2,
        executables: [
          { name: 'cs.exe', level: 9 },
          { name: 'ts.exe', level: 0 },
        ],
      },
      disableWsdl: true,
    };
    await c.call('trace', 'save', { server, expectedVersion: 0, settings });
    const exported = (await c.call('trace', 'exportReg', { server })).value;
    expect(exported.fileName).toBe('roundtrip.example-trace.reg');
    expect(exported.text).toMatch(/^Windows Registry Editor Version 5\.00\r\n/);
    expect(exported.text).toContain(
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\SeCLogonWS]\r\n',
    );
    expect(exported.text).toContain('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SeC\\Common\\Parameters]\r\n');
    expect(exported.text).toContain('"cs.exe"=dword:00000009\r\n');

    const text = decodeRegFile(encodeRegFile(exported.text)).text;
    const other = 'fresh.example'; // defaults: everything comes from the file
    const imported = (await c.call('trace', 'importReg', { server: other, text })).value;
    expect(imported.settings).toEqual(settings);
    expect(imported.warnings.map((w: { field: string }) => w.field)).toEqual([
      'secreportws.logLevel',
      'socketManager.trace',
      'socketManager.executables.0.level',
    ]);
    // import only reads: the editor saves
    expect((await c.call('trace', 'get', { server: other })).value.version).toBe(0);
    await signOut();
  });

  it('import keeps the current values the file does not set, and refuses what it does not know, line by line', async () => {
    await signIn(c, 'tech', technician.password);
    const server = 'roundtrip.example';
    const partial = ['REGEDIT4', '', `[${SOCKET}]`, '"Trace"=dword:00000000', '"cs.exe"=-', ''].join('\r\n');
    const merged = (await c.call('trace', 'importReg', { server, text: partial })).value.settings;
    expect(merged).toEqual({
      seclogonws: { logLevel: 1, logonWsTimeoutMs: 60000 },
      secreportws: { logLevel: 3 },
      socketManager: { trace: 0, executables: [{ name: 'ts.exe', level: 0 }] },
      disableWsdl: true,
    });

    const foreign = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC]',
      '"InstallDir"="C:\\\\Mitel"',
      '',
      `[${SOCKET}]`,
      '"Trace"=dword:00000001',
      '"Verbose"=dword:00000001',
      '',
      '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager]',
      '',
    ].join('\r\n');
    const refused = await c.call('trace', 'importReg', { server, text: foreign });
    expect(refused.error).toMatchObject({ code: 'INVALID', field: 'text' });
    expect(refused.error!.message.split('\n')).toEqual([
      'The .reg file was not imported:',
      'Line 3: Unknown key [HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC]: this console edits only the trace keys of MiCC Enterprise Advanced Configurations › Registry Keys.',
      `Line 8: Unknown value "Verbose" under [${SOCKET}]: this console sets only Trace and <executable>.exe levels (e.g. cs.exe).`,
      `Line 10: [-${SOCKET}]: deleting keys is not supported.`,
    ]);
    const outOfRange = await c.call('trace', 'importReg', {
      server,
      text: [
        'REGEDIT4',
        '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\SeCLogonWS]',
        '"LogLevel"=dword:00000004',
      ].join('\r\n'),
    });
    expect(outOfRange.error!.message).toContain(
      'Line 3: SeCLogonWS LogLevel is 0–3 (0 = Log errors only … 3 = Log all events); the file sets 4.',
    );
    const notReg = await c.call('trace', 'importReg', { server, text: '<xml/>' });
    expect(notReg.error).toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('Line 1: This is not a registry file'),
    });
    await signOut();
  });

  it('trace levels are a host administrator’s: a tenant administrator (nwadmin) and a field technician may look but not save', async () => {
    for (const [who, password, tenantId] of [
      ['nwadmin', northwindAdmin.password, 2],
      ['tech', technician.password, 1],
    ] as const) {
      await signIn(c, who, password, tenantId);
      expect((await c.call('trace', 'get', { server: 'roundtrip.example' })).ok, who).toBe(true);
      const save = await c.call('trace', 'save', {
        server: 'roundtrip.example',
        expectedVersion: 1,
        settings: DEFAULTS,
      });
      expect(save.error, who).toMatchObject({
        code: 'FORBIDDEN',
        message:
          "Only a host administrator can change trace levels: they are installation-wide settings, not a tenant's.",
      });
      const first = await c.call('trace', 'save', { server: `${who}.example`, expectedVersion: 0, settings: DEFAULTS });
      expect(first.error?.code, who).toBe('FORBIDDEN');
      await signOut();
    }
    await signIn(c, 'admin', hostAdmin.password);
    expect((await c.call('trace', 'get', { server: 'roundtrip.example' })).value.settings.secreportws.logLevel).toBe(3); // unchanged
    expect((await c.call('trace', 'get', { server: 'nwadmin.example' })).value.version).toBe(0); // nothing written
    const v = (await c.call('trace', 'get', { server: 'roundtrip.example' })).value.version;
    expect(
      (await c.call('trace', 'save', { server: 'roundtrip.example', expectedVersion: v, settings: DEFAULTS })).value
        .version,
    ).toBe(v + 1);
    await signOut();
  });

  it('permissions: read on logs may look, export and import; only read-write may save', async () => {
    await signIn(c, 'supervisor', supervisor.password);
    expect((await c.call('trace', 'get', { server: 'roundtrip.example' })).ok).toBe(true);
    expect((await c.call('trace', 'exportReg', { server: 'roundtrip.example' })).ok).toBe(true);
    expect((await c.call('trace', 'servers')).ok).toBe(true);
    const save = await c.call('trace', 'save', { server: 'roundtrip.example', expectedVersion: 1, settings: DEFAULTS });
    expect(save.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/read access to logs; this needs read-write/),
    });
    await signOut();
    expect((await c.call('trace', 'get', { server: 'x' })).error?.code).toBe('NOT_SIGNED_IN');
  });
});
