import { appendFileSync, mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ProfilesStore } from '../data';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean | Promise<boolean>, label: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await sleep(20);
  }
}

type View = { spec: { id: string; name: string }; state: { status: string; message?: string; lines: number } };
const fileSource = (name: string, path: string) => ({ id: '', kind: 'file' as const, name, path, component: '' });

// File log sources read only inside the allowed folders, never the console's own files, and
// log sources are a host administrator's settings (SECURITY.md, log sources). Log sources live
// in the console's data folder, not the database: one engine is enough.
describe('file log sources: allowed folders, and who may change sources', () => {
  let c: TestConsole;
  let allowed: string;
  let outside: string;
  let dbFile: string;

  const as = async (who: 'admin' | 'tech' | 'nwadmin' | 'supervisor') => {
    await c.call('auth', 'signOut');
    const pw = {
      admin: DEMO_ACCOUNTS.hostAdmin.password,
      tech: DEMO_ACCOUNTS.technician.password,
      nwadmin: DEMO_ACCOUNTS.northwindAdmin.password,
      supervisor: DEMO_ACCOUNTS.supervisor.password,
    }[who];
    await signIn(c, who, pw, who === 'nwadmin' ? 2 : 1);
  };
  const version = async () => (await c.call('logs', 'sources')).value.version as number;
  const save = async (name: string, path: string) =>
    c.call('logs', 'saveSource', { expectedVersion: await version(), source: fileSource(name, path) });
  const stateOf = async (name: string) =>
    ((await c.call('logs', 'sources')).value.sources as View[]).find((s) => s.spec.name === name)?.state;

  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite', 5));
    const base = mkdtempSync(join(tmpdir(), 'ccm-logdirs-'));
    allowed = join(base, 'Log');
    outside = join(base, 'outside');
    mkdirSync(allowed);
    mkdirSync(outside);
    writeFileSync(
      join(allowed, 'UserSync.csv'),
      '"2026-03-01 02:00:01","ADD","6f1c","1203","sharpka1","Kate","Sharp","ksharp@contoso.com",""\r\n',
    );
    writeFileSync(join(outside, 'secret.log'), 'SECRET-OUTSIDE\n');
    symlinkSync(join(outside, 'secret.log'), join(allowed, 'link.log'));
    symlinkSync(outside, join(allowed, 'linkdir'));
    symlinkSync(c.userDataDir, join(allowed, 'data'));
    dbFile = (new ProfilesStore(c.userDataDir).read().profiles.find((p) => p.id === 'test') as { file: string }).file;
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => c.stop());

  it('the allowed folders are the MiCC log folders until a host administrator changes them', async () => {
    expect((await c.call('logs', 'allowedFolders')).value).toEqual({
      folders: ['/var/log/micc'],
      defaults: ['/var/log/micc'],
      isDefault: true,
    });
    const refused = await save('outside by default', join(allowed, 'UserSync.csv'));
    expect(refused.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'source.path',
      message: expect.stringMatching(/is not inside a folder file log sources may be in \(\/var\/log\/micc\)/),
    });
    expect((await c.call('logs', 'setAllowedFolders', { folders: [allowed] })).value).toEqual({
      folders: [allowed],
      defaults: ['/var/log/micc'],
      isDefault: false,
    });
  });

  it('a file inside an allowed folder is followed', async () => {
    const ok = await save('UserSync', join(allowed, 'UserSync.csv'));
    expect(ok.error).toBeUndefined();
    await until(async () => (await stateOf('UserSync'))?.status === 'following', 'following');
  });

  it('a file outside the allowed folders is refused, naming the field', async () => {
    const r = await save('secret', join(outside, 'secret.log'));
    expect(r.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'source.path',
      message: expect.stringMatching(/secret\.log is not inside a folder file log sources may be in/),
    });
    expect(await stateOf('secret')).toBeUndefined();
  });

  it('the contract refuses a relative path and “..” before main looks at it', async () => {
    const dots = await save('dots', `${allowed}/../outside/secret.log`);
    expect(dots.error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'source.path',
      message: expect.stringMatching(/may not contain “\.\.”/),
    });
    const rel = await save('rel', 'outside/secret.log');
    expect(rel.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'source.path' });
  });

  it('a symbolic link inside an allowed folder that leads out is refused (file and folder links)', async () => {
    const file = await save('link', join(allowed, 'link.log'));
    expect(file.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'source.path',
      message: expect.stringMatching(/link\.log \(it leads to .*secret\.log\) is not inside/),
    });
    const dir = await save('linkdir', join(allowed, 'linkdir', 'secret.log'));
    expect(dir.error).toMatchObject({ code: 'FORBIDDEN', field: 'source.path' });
  });

  it('the console’s own data folder and database are refused even inside an allowed folder', async () => {
    const viaLink = await save('own', join(allowed, 'data', 'log-sources.json'));
    expect(viaLink.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'source.path',
      message: expect.stringMatching(/inside the console’s own data folder/),
    });
    // Even when a host administrator allows a folder that holds them.
    expect(
      (await c.call('logs', 'setAllowedFolders', { folders: [allowed, dirname(c.userDataDir), dirname(dbFile)] })).ok,
    ).toBe(true);
    const direct = await save('own', join(c.userDataDir, 'log-sources.json'));
    expect(direct.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'source.path',
      message: expect.stringMatching(/inside the console’s own data folder/),
    });
    const db = await save('db', dbFile);
    expect(db.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'source.path',
      message: expect.stringMatching(/it is the console’s database/),
    });
    const folder = await c.call('logs', 'setAllowedFolders', { folders: [allowed, c.userDataDir] });
    expect(folder.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'folders.1',
      message: expect.stringMatching(/cannot be an allowed folder: it is inside the console’s own data folder/),
    });
    expect((await c.call('logs', 'setAllowedFolders', { folders: [allowed] })).ok).toBe(true);
  });

  it('a link changed after the source was saved is not followed: the source stops with the reason', async () => {
    const path = join(allowed, 'rotating.log');
    writeFileSync(path, 'first line\n');
    expect((await save('rotating', path)).error).toBeUndefined();
    await until(async () => (await stateOf('rotating'))?.lines === 1, 'the first line');
    // Rotated into a link that leads out of the folder.
    renameSync(path, `${path}.1`);
    symlinkSync(join(outside, 'secret.log'), path);
    appendFileSync(join(outside, 'secret.log'), 'MORE-SECRET\n');
    await until(async () => /is not inside a folder/.test((await stateOf('rotating'))?.message ?? ''), 'the refusal');
    expect(await stateOf('rotating')).toMatchObject({ status: 'error', lines: 1 });
  });

  it('making the list smaller stops the file sources now outside it', async () => {
    expect((await c.call('logs', 'setAllowedFolders', { folders: null })).value.isDefault).toBe(true);
    await until(async () => (await stateOf('UserSync'))?.status === 'error', 'UserSync to stop');
    expect((await stateOf('UserSync'))?.message).toMatch(
      /is not inside a folder file log sources may be in \(\/var\/log\/micc\)/,
    );
    expect((await c.call('logs', 'setAllowedFolders', { folders: [allowed] })).ok).toBe(true);
    await until(async () => (await stateOf('UserSync'))?.status === 'following', 'UserSync to follow again');
  });

  it('a field technician and a tenant administrator watch log sources but cannot change them or the folders; a host administrator can', async () => {
    const sources = (await c.call('logs', 'sources')).value;
    const id = (sources.sources as View[]).find((s) => s.spec.name === 'UserSync')!.spec.id;
    for (const who of ['tech', 'nwadmin'] as const) {
      await as(who);
      expect((await c.call('logs', 'sources')).ok, who).toBe(true);
      expect((await c.call('logs', 'allowedFolders')).value.folders, who).toEqual([allowed]);
      const add = await save(`by ${who}`, join(allowed, 'UserSync.csv'));
      expect(add.error, who).toMatchObject({
        code: 'FORBIDDEN',
        message:
          "Only a host administrator can change log sources: they are installation-wide settings, not a tenant's.",
      });
      const tcp = await c.call('logs', 'saveSource', {
        expectedVersion: await version(),
        source: { id: '', kind: 'tcp', name: `tcp by ${who}`, host: '127.0.0.1', port: 1, enabled: false },
      });
      expect(tcp.error?.code, who).toBe('FORBIDDEN');
      const change = await c.call('logs', 'saveSource', {
        expectedVersion: await version(),
        source: { ...fileSource('UserSync', join(allowed, 'UserSync.csv')), id, enabled: false },
      });
      expect(change.error?.code, who).toBe('FORBIDDEN');
      expect((await c.call('logs', 'removeSource', { expectedVersion: await version(), id })).error?.code, who).toBe(
        'FORBIDDEN',
      );
      const folders = await c.call('logs', 'setAllowedFolders', { folders: ['/'] });
      expect(folders.error, who).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/^Only a host administrator can change the folders file log sources may be in/),
      });
    }
    expect((await c.call('logs', 'sources')).value.version).toBe(sources.version);
    expect((await c.call('logs', 'allowedFolders')).value.folders).toEqual([allowed]);
    await as('admin');
    expect((await c.call('logs', 'removeSource', { expectedVersion: await version(), id })).ok).toBe(true);
  });
});
