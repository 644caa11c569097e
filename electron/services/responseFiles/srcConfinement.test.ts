import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { DEFAULT_SAMPLES } from '../../domain/responseFiles';
import { ProfilesStore } from '../data';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const { hostAdmin, supervisor } = DEMO_ACCOUNTS;
const PNG = readFileSync(join(__dirname, '../../domain/responseFiles/testdata/Images/image1.jpg'));

/** One response item per Src, named after it. */
const itemsFor = (srcs: string[]) =>
  srcs.map((src, i) => ({
    id: `r${i}`,
    parent: null,
    kind: 'response' as const,
    name: src,
    expanded: null,
    description: null,
    src,
    text: '',
    extra: [],
    order: [],
  }));
type Preview = { name: string; text: string | null; dataUrl: string | null; note: string | null };
type Problem = { itemId: string; rule: string; message: string };

// Response-file Src paths reach only the file's own folder (SECURITY.md, response files), through
// the real router, on both engines (the saved-location rule reads the database).
describe.each(ENGINES)('Src confinement on %s', (engine) => {
  let c: TestConsole;
  let folder: string;
  let outside: string;
  let dbFile: string | null;

  const as = async (who: 'admin' | 'supervisor') => {
    await c.call('auth', 'signOut');
    await signIn(c, who, who === 'admin' ? hostAdmin.password : supervisor.password);
  };
  const preview = async (srcs: string[], location: string | null) => {
    const r = await c.call('responseFiles', 'preview', {
      items: itemsFor(srcs),
      location,
      media: 'email',
      samples: DEFAULT_SAMPLES,
      locale: 'en-US',
      timeZone: 'UTC',
      allowRemote: false,
    });
    expect(r.error).toBeUndefined();
    return new Map((r.value as Preview[]).map((p) => [p.name, p]));
  };

  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 5));
    const base = mkdtempSync(join(tmpdir(), 'ccm-rf-confine-'));
    folder = join(base, 'responses');
    outside = join(base, 'outside');
    mkdirSync(join(folder, 'Images'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(folder, 'ok.txt'), 'Hello from $Agent.Name$');
    writeFileSync(join(outside, 'secret.txt'), 'SECRET-OUTSIDE');
    writeFileSync(join(outside, 'secret.png'), PNG);
    symlinkSync(join(outside, 'secret.txt'), join(folder, 'link.txt'));
    symlinkSync(outside, join(folder, 'linkdir'));
    writeFileSync(
      join(folder, 'binary.txt'),
      Buffer.from([0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x00, 0x01, 0x02, 0x03, 0x00, 0xff, 0xfe, 0x41]),
    );
    writeFileSync(join(folder, 'fake.png'), 'not an image at all');
    writeFileSync(join(folder, 'Images', 'logo.png'), PNG);
    writeFileSync(
      join(folder, 'page.htm'),
      '<p>$Agent.Name$</p><img src="Images/logo.png"><img src="../outside/secret.png"><img src="' +
        join(outside, 'secret.png') +
        '">',
    );
    writeFileSync(join(c.userDataDir, 'notes.txt'), 'CONSOLE-OWN-FILE');
    const profile = new ProfilesStore(c.userDataDir).read().profiles.find((p) => p.id === 'test')!;
    dbFile = profile.engine === 'sqlite' ? profile.file : null;
    await signIn(c, 'admin', hostAdmin.password);
    const created = await c.call('responseFiles', 'create', { name: 'Confined', location: folder, content: null });
    expect(created.ok).toBe(true);
    const inData = await c.call('responseFiles', 'create', {
      name: 'In the data folder',
      location: c.userDataDir,
      content: null,
    });
    expect(inData.ok).toBe(true);
    await as('supervisor');
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => c.stop());

  it('a read-only user previews a relative Src inside the saved folder (the rule still lets the file work)', async () => {
    const p = await preview(['ok.txt'], folder);
    expect(p.get('ok.txt')).toMatchObject({ text: 'Hello from Alex Agent', note: null });
  });

  it('a read-only user cannot make main fetch remote sources (no request reaches the host)', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal.png`;
    try {
      const r = await c.call('responseFiles', 'preview', {
        items: itemsFor([url]),
        location: folder,
        media: 'email',
        samples: DEFAULT_SAMPLES,
        locale: 'en-US',
        timeZone: 'UTC',
        allowRemote: true,
      });
      expect(r.error).toMatchObject({ code: 'FORBIDDEN', field: 'allowRemote' });
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('a read-only user: /etc/passwd and file:///etc/passwd are not read', async () => {
    const p = await preview(
      ['/etc/passwd', 'file:///etc/passwd', `file://${join(outside, 'secret.txt')}`, join(outside, 'secret.txt')],
      folder,
    );
    for (const [name, item] of p) {
      expect(item.text, name).toBeNull();
      expect(item.note, name).toMatch(/^Absolute Src paths and file: URIs are not read for your role/);
    }
  });

  it('a read-only user: ../../x and ../outside/secret.txt climb out of the folder and are not read', async () => {
    const p = await preview(['../../x', '../outside/secret.txt', 'Images/../../outside/secret.txt'], folder);
    for (const [name, item] of p) {
      expect(item.text, name).toBeNull();
      expect(item.note, name).toMatch(/points outside the response file’s folder/);
    }
  });

  it('a symbolic link inside the folder that points out is not followed (file or folder link)', async () => {
    const p = await preview(['link.txt', 'linkdir/secret.txt'], folder);
    expect(p.get('link.txt')).toMatchObject({
      text: null,
      note: expect.stringMatching(/link\.txt points outside the response file’s folder/),
    });
    expect(p.get('linkdir/secret.txt')).toMatchObject({ text: null, note: expect.stringMatching(/points outside/) });
    // Not even for a user with write access.
    await as('admin');
    const w = await preview(['link.txt'], folder);
    expect(w.get('link.txt')).toMatchObject({ text: null, note: expect.stringMatching(/points outside/) });
    await as('supervisor');
  });

  it('a read-only user cannot choose the folder: a location that is not a saved one reads nothing', async () => {
    const p = await preview(['passwd', 'secret.txt'], '/etc');
    expect(p.get('passwd')).toMatchObject({
      text: null,
      note: expect.stringMatching(/location of a saved response file/),
    });
    const q = await preview(['secret.txt'], outside);
    expect(q.get('secret.txt')).toMatchObject({
      text: null,
      note: expect.stringMatching(/location of a saved response file/),
    });
  });

  it('the console’s own files (its data folder, its database) are never read, even by a user with write access', async () => {
    const ro = await preview(['notes.txt'], c.userDataDir); // a saved location inside the data folder
    expect(ro.get('notes.txt')).toMatchObject({
      text: null,
      note: expect.stringMatching(/inside the console’s own data folder/),
    });
    await as('admin');
    const w = await preview(
      [join(c.userDataDir, 'notes.txt'), join(c.userDataDir, 'connections.json'), 'notes.txt'],
      c.userDataDir,
    );
    for (const [name, item] of w) {
      expect(item.text, name).toBeNull();
      expect(item.note, name).toMatch(/inside the console’s own data folder/);
    }
    if (dbFile) {
      const db = await preview([dbFile, `file://${dbFile}`, `${dbFile}-wal`], null);
      for (const [name, item] of db) {
        expect(item.text, name).toBeNull();
        expect(item.note, name).toMatch(/it is the console’s database/);
      }
    }
    await as('supervisor');
    if (dbFile) expect((await preview([dbFile], folder)).get(dbFile)!.text).toBeNull();
  });

  it('binary content is never returned as text; a non-image behind an image Src is not shown', async () => {
    const p = await preview(['binary.txt', 'fake.png'], folder);
    expect(p.get('binary.txt')).toMatchObject({ text: null, note: expect.stringMatching(/binary file, not text/) });
    expect(p.get('fake.png')).toMatchObject({ dataUrl: null, note: expect.stringMatching(/not an image file/) });
    const problems = (
      await c.call('responseFiles', 'check', { id: null, items: itemsFor(['binary.txt']), location: folder })
    ).value as Problem[];
    expect(problems.map((x) => x.rule)).toContain('src-binary');
  });

  it('images inside an HTML Src follow the same rules: only the folder’s own image is inlined', async () => {
    const p = await preview(['page.htm'], folder);
    const html = p.get('page.htm')!.text!;
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+">/);
    expect(html).toContain('<img src="../outside/secret.png">');
    expect(html).toContain(`<img src="${join(outside, 'secret.png')}">`);
    expect(html.match(/data:image/g)).toHaveLength(1);
  });

  it('check answers the same for an existing and a missing path the caller may not read', async () => {
    const one = (
      await c.call('responseFiles', 'check', {
        id: null,
        items: itemsFor(['/etc/passwd', '/etc/no-such-file-ccm', '../outside/secret.txt', '../outside/no-such-file']),
        location: folder,
      })
    ).value as Problem[];
    const by = new Map(one.map((x) => [x.itemId, x]));
    expect(by.get('r0')).toMatchObject({ rule: 'src-not-read' });
    expect(by.get('r0')!.message).toBe(by.get('r1')!.message);
    expect(by.get('r2')).toMatchObject({ rule: 'src-not-read' });
    expect(by.get('r2')!.message.replace('secret.txt', 'X')).toBe(by.get('r3')!.message.replace('no-such-file', 'X'));
    // Outside a saved location nothing is looked at, existing or not.
    const etc = (
      await c.call('responseFiles', 'check', {
        id: null,
        items: itemsFor(['passwd', 'no-such-file-ccm']),
        location: '/etc',
      })
    ).value as Problem[];
    expect(etc.map((x) => x.rule)).toEqual(['src-not-read', 'src-not-read']);
    expect(etc[0]!.message).toBe(etc[1]!.message);
  });

  it('importFromPath and exportToFolder need write access; the answer does not depend on the path', async () => {
    writeFileSync(join(outside, 'exists.xml'), '<ResponseFile/>');
    const existing = await c.call('responseFiles', 'importFromPath', { path: join(outside, 'exists.xml') });
    const missing = await c.call('responseFiles', 'importFromPath', { path: join(outside, 'missing.xml') });
    expect(existing.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(missing.error).toEqual(existing.error);
    const id = (await c.call('responseFiles', 'list')).value.find((f: { name: string }) => f.name === 'Confined')!.id;
    const out = mkdtempSync(join(tmpdir(), 'ccm-rf-export-'));
    const exp = await c.call('responseFiles', 'exportToFolder', { id, folder: out, withSrc: true, overwrite: false });
    expect(exp.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/needs read-write/) });
  });

  it('a user with write access: the console’s own files are refused before they are looked at', async () => {
    await as('admin');
    writeFileSync(join(c.userDataDir, 'exists.xml'), '<ResponseFile/>');
    const existing = await c.call('responseFiles', 'importFromPath', { path: join(c.userDataDir, 'exists.xml') });
    const missing = await c.call('responseFiles', 'importFromPath', { path: join(c.userDataDir, 'missing.xml') });
    expect(existing.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'path',
      message: expect.stringMatching(/inside the console’s own data folder/),
    });
    expect(missing.error!.message.replace('missing', 'exists')).toBe(existing.error!.message);
    const created = await c.call('responseFiles', 'create', {
      name: 'Sneaky',
      location: null,
      content: null,
      path: join(c.userDataDir, 'exists.xml'),
    });
    expect(created.error).toMatchObject({ code: 'FORBIDDEN', field: 'path' });
    const id = (await c.call('responseFiles', 'list')).value.find((f: { name: string }) => f.name === 'Confined')!.id;
    const into = await c.call('responseFiles', 'exportToFolder', {
      id,
      folder: c.userDataDir,
      withSrc: false,
      overwrite: true,
    });
    expect(into.error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'folder',
      message: expect.stringMatching(/does not write into/),
    });
    await as('supervisor');
  });

  it('export with Src files does not follow a link out of the folder', async () => {
    await as('admin');
    const list = (await c.call('responseFiles', 'list')).value;
    const doc = (
      await c.call('responseFiles', 'get', { id: list.find((f: { name: string }) => f.name === 'Confined')!.id })
    ).value;
    const saved = await c.call('responseFiles', 'save', {
      id: doc.id,
      expectedVersion: doc.version,
      name: 'Confined',
      location: folder,
      items: itemsFor(['ok.txt', 'link.txt', 'linkdir/secret.txt']),
    });
    expect(saved.ok).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'ccm-rf-export-'));
    const r = (
      await c.call('responseFiles', 'exportToFolder', { id: doc.id, folder: out, withSrc: true, overwrite: false })
    ).value;
    expect(r.written.map((p: string) => p.slice(out.length + 1)).sort()).toEqual(['Confined.xml', 'ok.txt']);
    expect(r.skipped).toEqual([
      { src: 'link.txt', reason: 'points outside the response file’s folder' },
      { src: 'linkdir/secret.txt', reason: 'points outside the response file’s folder' },
    ]);
    await as('supervisor');
  });
});
