import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import type { RfItem } from '../../contract';
import { DEFAULT_SAMPLES } from '../../domain/responseFiles';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const { hostAdmin, supervisor } = DEMO_ACCOUNTS;
const TESTDATA = join(__dirname, '../../domain/responseFiles/testdata');
const SEED = readFileSync(join(TESTDATA, 'seedExample.xml'), 'utf8');
type Item = RfItem;

// Response files through the real router and services, on SQLite and PostgreSQL.
describe.each(ENGINES)('response files on %s', (engine) => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 5));
    await signIn(c, 'admin', hostAdmin.password);
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => c.stop());

  it('lists the tenant’s files with the service groups (and their media) using them', async () => {
    const list = (await c.call('responseFiles', 'list')).value;
    expect(list.map((f: { name: string }) => f.name)).toEqual(['Format example', 'Standard replies']);
    const std = list[1];
    expect(std!.usages.map((u: { serviceGroup: string; media: string }) => `${u.serviceGroup}:${u.media}`)).toEqual([
      'SMS:sms',
      'Support E-mail:email',
      'Web Chat:chat',
    ]);
    const doc = (await c.call('responseFiles', 'get', { id: std!.id })).value;
    expect(doc.items.filter((i: Item) => i.kind === 'group').map((i: Item) => i.name)).toEqual([
      'Greetings',
      'Billing',
      'Refunds',
    ]);
    // $Customer.Name$ is chat-only, and the file is used by e-mail and SMS groups too
    expect(doc.problems.map((p: { rule: string; message: string }) => p.message)).toEqual([
      expect.stringMatching(
        /\$Customer\.Name\$ in the text applies to Chat only; it is not replaced for e-mail \(service group Support E-mail/,
      ),
      expect.stringMatching(/\$Customer\.Name\$ .* not replaced for SMS \(service group SMS/),
    ]);
  });

  it('imports the seed’s example, saves it versioned and audited, and exports the same content', async () => {
    const created = await c.call('responseFiles', 'create', {
      name: 'Imported example',
      location: TESTDATA,
      content: SEED,
    });
    expect(created.ok).toBe(true);
    const doc = created.value;
    expect(doc).toMatchObject({ version: 1, updatedBy: 'admin', usages: [], location: TESTDATA });
    expect(doc.items).toHaveLength(14);
    // Src files next to the example exist; the absolute www URI is not checked
    expect(doc.problems).toEqual([]);

    const items: Item[] = doc.items;
    const g = items.find((i) => i.name === 'Group 1')!;
    const added = [
      ...items,
      {
        ...items[0]!,
        id: 'new1',
        parent: g.id,
        name: 'Signature',
        text: 'Regards,\r\n$Agent.Name$',
        description: null,
        src: null,
        order: [],
      },
    ];
    const saved = await c.call('responseFiles', 'save', {
      id: doc.id,
      expectedVersion: 1,
      name: 'Imported example',
      location: TESTDATA,
      items: added,
    });
    expect(saved.value.version).toBe(2);
    const exported = (await c.call('responseFiles', 'exportXml', { id: doc.id })).value;
    expect(exported.fileName).toBe('Imported example.xml');
    expect(exported.text).toContain('<Response Name="Signature">Regards,&#x0d;&#x0a;$Agent.Name$</Response>');
    const again = (await c.call('responseFiles', 'parse', { content: exported.text })).value;
    expect(again.items.map((i: Item) => [i.name, i.text])).toEqual(
      saved.value.items.map((i: Item) => [i.name, i.text]),
    );

    const stale = await c.call('responseFiles', 'save', {
      id: doc.id,
      expectedVersion: 1,
      name: 'Imported example',
      location: TESTDATA,
      items: added,
    });
    expect(stale.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/\[1\] does not match the current version \[2\]/),
    });

    const audit = (await c.call('audit', 'query', { objectType: 'response-file', limit: 10 })).value.rows;
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['update', 'create']);
  });

  it('refuses bad XML with line and column, a duplicate name, and items that break the format — nothing is written', async () => {
    const bad = await c.call('responseFiles', 'create', {
      name: 'Bad',
      location: null,
      content: '<ResponseFile>\n  <Response Name="x">a & b</Response>\n</ResponseFile>',
    });
    expect(bad.error).toMatchObject({
      code: 'INVALID',
      field: 'content',
      message:
        'A "&" that does not start a reference: write & as &amp; (all standard XML encoding rules apply). (line 2, column 24)',
    });
    const dtd = await c.call('responseFiles', 'parse', { content: '<!DOCTYPE x [<!ENTITY a "b">]><ResponseFile/>' });
    expect(dtd.error).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/DOCTYPE is not allowed/) });
    const dup = await c.call('responseFiles', 'create', { name: 'Standard replies', location: null, content: null });
    expect(dup.error).toMatchObject({
      code: 'INVALID',
      field: 'name',
      message: expect.stringMatching(/already exists/),
    });
    const empty = (await c.call('responseFiles', 'create', { name: 'Empty one', location: null, content: null })).value;
    const broken = await c.call('responseFiles', 'save', {
      id: empty.id,
      expectedVersion: 1,
      name: 'Empty one',
      location: null,
      items: [
        {
          id: 'g',
          parent: null,
          kind: 'group' as const,
          name: 'G',
          expanded: null,
          description: null,
          src: null,
          text: '',
          extra: [],
          order: [],
        },
        {
          id: 'r',
          parent: 'g',
          kind: 'response' as const,
          name: '',
          expanded: null,
          description: null,
          src: null,
          text: '',
          extra: [],
          order: [],
        },
      ],
    });
    expect(broken.error).toMatchObject({
      code: 'INVALID',
      field: 'items',
      message: expect.stringMatching(/G › : Response needs a Name.*Src or inner text/),
    });
    const orphan = await c.call('responseFiles', 'check', {
      id: null,
      location: null,
      items: [
        {
          id: 'r',
          parent: 'nope',
          kind: 'response' as const,
          name: 'x',
          expanded: null,
          description: null,
          src: null,
          text: 'x',
          extra: [],
          order: [],
        },
      ],
    });
    expect(orphan.error).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/not inside a group/) });
    expect((await c.call('responseFiles', 'get', { id: empty.id })).value.version).toBe(1);
  });

  it('check applies the media of the service groups using the file', async () => {
    const std = (await c.call('responseFiles', 'list')).value.find(
      (f: { name: string }) => f.name === 'Standard replies',
    );
    const items = [
      {
        id: 'r',
        parent: null,
        kind: 'response' as const,
        name: 'Re',
        expanded: null,
        description: null,
        src: null,
        text: 'Re: $Subject$',
        extra: [],
        order: [],
      },
    ];
    const p = (await c.call('responseFiles', 'check', { id: std!.id, items, location: null })).value;
    expect(p.map((x: { message: string }) => x.message)).toEqual([
      expect.stringMatching(/\$Subject\$ .* not replaced for chat \(service group Web Chat uses this file\)/),
      expect.stringMatching(/not replaced for SMS/),
    ]);
    // the seed's example checked against a folder that lacks its Src files
    const seed = (await c.call('responseFiles', 'parse', { content: SEED })).value.items;
    const missing = (await c.call('responseFiles', 'check', { id: null, items: seed, location: tmpdir() })).value;
    expect(missing.map((x: { message: string }) => x.message)).toEqual([
      `Src file not found: ${join(tmpdir(), 'Images/image1.jpg')}.`,
      `Src file not found: ${join(tmpdir(), 'HtmlFiles/HtmlResponse.htm')}.`,
      `Src file not found: ${join(tmpdir(), 'TextFiles/TextResponse.txt')}.`,
    ]);
    const img = [{ ...items[0]!, text: '', src: 'https://cdn.example/logo.png' }];
    expect(
      (await c.call('responseFiles', 'check', { id: std!.id, items: img, location: null })).value.map(
        (x: { rule: string }) => x.rule,
      ),
    ).toEqual(['src-media', 'src-media']);
  });

  it('previews as an e-mail agent: Src files read, images as data URLs, remote sources not loaded', async () => {
    const items = (await c.call('responseFiles', 'parse', { content: SEED })).value.items;
    const p = (
      await c.call('responseFiles', 'preview', {
        items,
        location: TESTDATA,
        media: 'email',
        samples: DEFAULT_SAMPLES,
        locale: 'en-US',
        timeZone: 'UTC',
        allowRemote: false,
      })
    ).value;
    const by = (n: string) => p.find((x: { name: string }) => x.name === n);
    expect(by('Response with a replacement')!.text).toBe('This is the agent name: Alex Agent');
    expect(by('HTML Response')).toMatchObject({
      type: 'html',
      text: expect.stringContaining('Regards, Alex Agent (Support E-mail)'),
    });
    // the HTML's own relative image is inlined; the remote one is left (and blocked by the frame)
    expect(by('HTML Response')!.text).toMatch(/<img src="data:image\/jpeg;base64,[^"]+" alt="logo"/);
    expect(by('HTML Response')!.text).toContain('<img src="https://example.com/remote.png">');
    expect(by('External Text Response')!.text).toMatch(/^Hello from Alex Agent/);
    expect(by('Image Response')!.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect(by('Image Response with Absolute URI')).toMatchObject({
      dataUrl: null,
      note: expect.stringMatching(/not loaded/),
    });
    const chat = (
      await c.call('responseFiles', 'preview', {
        items,
        location: TESTDATA,
        media: 'chat',
        samples: DEFAULT_SAMPLES,
        locale: 'en-US',
        allowRemote: false,
      })
    ).value;
    expect(chat.some((x: { type: string }) => x.type !== 'text')).toBe(false);
  });

  it('exports to a folder with the Src files, and imports from a path', async () => {
    const id = (await c.call('responseFiles', 'list')).value.find(
      (f: { name: string }) => f.name === 'Imported example',
    )!.id;
    const dir = mkdtempSync(join(tmpdir(), 'ccm-rf-'));
    const r = (await c.call('responseFiles', 'exportToFolder', { id, folder: dir, withSrc: true, overwrite: false }))
      .value;
    expect(r.written.map((p: string) => p.slice(dir.length + 1)).sort()).toEqual([
      'HtmlFiles/HtmlResponse.htm',
      'Images/image1.jpg',
      'Imported example.xml',
      'TextFiles/TextResponse.txt',
    ]);
    expect(r.skipped).toEqual([{ src: 'www.mitel.com/Images/logo.jpg', reason: 'remote URI, stays where it is' }]);
    const again = await c.call('responseFiles', 'exportToFolder', {
      id,
      folder: dir,
      withSrc: false,
      overwrite: false,
    });
    expect(again.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/exists; confirm overwriting/),
    });
    const imported = (await c.call('responseFiles', 'importFromPath', { path: join(dir, 'Imported example.xml') }))
      .value;
    expect(imported).toMatchObject({ fileName: 'Imported example.xml', location: dir });
    expect(imported.items).toBe(15);
    const fromPath = (
      await c.call('responseFiles', 'create', {
        name: 'From path',
        location: imported.location,
        content: null,
        path: join(dir, 'Imported example.xml'),
      })
    ).value;
    expect(fromPath.items.find((i: Item) => i.name === 'Signature')!.text).toBe('Regards,\r\n$Agent.Name$');
    expect(fromPath.problems).toEqual([]); // the Src files were copied next to it
    writeFileSync(join(dir, 'x.txt'), 'x');
    expect((await c.call('responseFiles', 'importFromPath', { path: join(dir, 'x.txt') })).error).toMatchObject({
      field: 'path',
      message: 'Response files are .xml files.',
    });
    expect(existsSync(join(dir, 'Images/image1.jpg'))).toBe(true);
  });

  it('deleting a file detaches the service groups using it; read-only users cannot change files', async () => {
    await c.call('auth', 'signOut');
    await signIn(c, 'supervisor', supervisor.password);
    const list = (await c.call('responseFiles', 'list')).value;
    const std = list.find((f: { name: string }) => f.name === 'Standard replies');
    expect((await c.call('responseFiles', 'remove', { id: std!.id, expectedVersion: std!.version })).error?.code).toBe(
      'FORBIDDEN',
    );
    await c.call('auth', 'signOut');
    await signIn(c, 'admin', hostAdmin.password);
    expect(
      (await c.call('responseFiles', 'remove', { id: std!.id, expectedVersion: std!.version + 5 })).error?.code,
    ).toBe('CONFLICT');
    expect((await c.call('responseFiles', 'remove', { id: std!.id, expectedVersion: std!.version })).value).toEqual({
      detachedServiceGroups: 3,
    });
    expect((await c.call('responseFiles', 'get', { id: std!.id })).error?.code).toBe('NOT_FOUND');
  });
});
