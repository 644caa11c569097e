import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { LogsRuntime } from './logsRuntime';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean | Promise<boolean>, label: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await sleep(20);
  }
}

const pad = (v: number, w = 2) => String(v).padStart(w, '0');
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
};
const T0 = Date.now() - 60_000;

/** A log server on 127.0.0.1 that sends these lines to every connection, then keeps it open. */
async function logServer(
  lines: string[],
): Promise<{ server: Server; port: number; sockets: Set<Socket>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    s.write(lines.join('\r\n') + '\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return {
    server,
    sockets,
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('logs service through the router', () => {
  let c: TestConsole;
  let src: Awaited<ReturnType<typeof logServer>>;
  const lines = [
    `${stamp(T0)} INFO cs.exe [1844] SocketManager: Accepted connection from 10.20.1.31:50712`,
    `${stamp(T0 + 1)} ERROR cs.exe [1844] Database query timed out after 30000 ms`,
    '   at Mitel.MiCC.ConfigService.Data.UserRepository.Page()',
    `${stamp(T0 + 2)} 1 cs.exe [2210] Slow response from Broker: 1240 ms`,
    `${stamp(T0 + 3)} INFO cs.exe [2210] Loaded configuration for tenant 1`,
  ];

  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite', 5));
    src = await logServer(lines);
  });
  afterAll(async () => {
    await c.stop();
    await src.close();
  });

  it('refuses everything before sign-in', async () => {
    expect((await c.call('logs', 'sources')).error?.code).toBe('NOT_SIGNED_IN');
    expect((await c.call('logs', 'openView', { filter: {} })).error?.code).toBe('NOT_SIGNED_IN');
  });

  it('Host administrator: adds a TCP source, sees it connect, reads, filters, finds and exports its lines', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const empty = await c.call('logs', 'sources');
    expect(empty.value).toMatchObject({
      version: 0,
      sources: [],
      stats: { lines: 0, dropped: 0, capacityBytes: 64 * 1024 * 1024 },
    });

    const saved = await c.call('logs', 'saveSource', {
      expectedVersion: 0,
      source: { id: '', kind: 'tcp', name: 'cs.exe on cc01', host: '127.0.0.1', port: src.port, component: 'cs.exe' },
    });
    expect(saved.ok).toBe(true);
    expect(saved.value.version).toBe(1);
    const source = saved.value.sources[0];
    expect(source!.spec).toMatchObject({ kind: 'tcp', name: 'cs.exe on cc01', enabled: true });
    expect(source!.spec.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(source!.colour).toMatch(/^#[0-9a-f]{6}$/);
    const id = source!.spec.id as string;

    // Saved for the next start, with its version.
    const file = JSON.parse(readFileSync(join(c.userDataDir, 'log-sources.json'), 'utf8'));
    expect(file).toMatchObject({ version: 1, sources: [{ id, name: 'cs.exe on cc01', port: src.port }] });

    await until(async () => (await c.call('logs', 'sources')).value.stats.lines === 5, 'five lines');
    const state = (await c.call('logs', 'sources')).value.sources[0]!.state;
    expect(state).toMatchObject({ status: 'connected', lines: 5, cutLines: 0, invalidUtf8Lines: 0 });
    await until(
      () => c.events('logs.sourceState').some((e) => (e as { state: { status: string } }).state.status === 'connected'),
      'a sourceState event',
    );
    await until(() => c.events('logs.appended').length > 0, 'an appended event');
    expect(c.events('logs.appended').at(-1)).toMatchObject({ lines: 5, dropped: 0 });

    const all = await c.call('logs', 'openView', { filter: {} });
    expect(all.value.total).toBe(5);
    const win = await c.call('logs', 'window', { viewId: all.value.viewId, offset: 0, count: 10 });
    expect(win.value.lines.map((l: { message: string }) => l.message)).toEqual([
      'SocketManager: Accepted connection from 10.20.1.31:50712',
      'Database query timed out after 30000 ms',
      '   at Mitel.MiCC.ConfigService.Data.UserRepository.Page()',
      'Slow response from Broker: 1240 ms',
      'Loaded configuration for tenant 1',
    ]);
    expect(win.value.lines[1]).toMatchObject({
      seq: 1,
      severity: 'error',
      level: 'ERROR',
      sourceId: id,
      component: 'cs.exe',
      thread: '1844',
      structured: true,
      time: T0 + 1,
    });
    expect(win.value.lines[2]).toMatchObject({ structured: false, severity: null, component: 'cs.exe', time: T0 + 1 });

    const errors = await c.call('logs', 'openView', { filter: { severities: ['error', 'warning'], include: 'SLOW' } });
    expect(errors.value.total).toBe(1);
    const replaced = await c.call('logs', 'openView', {
      viewId: errors.value.viewId,
      filter: { exclude: 'connection' },
    });
    expect(replaced.value).toEqual({ viewId: errors.value.viewId, total: 4 });
    const badRegex = await c.call('logs', 'openView', { filter: { include: '(', regex: true } });
    expect(badRegex.error).toMatchObject({ code: 'INVALID', field: 'filter.include' });

    expect(
      (await c.call('logs', 'find', { viewId: all.value.viewId, from: 0, direction: 'next', what: 'error' })).value,
    ).toEqual({ index: 1 });
    expect(
      (await c.call('logs', 'find', { viewId: all.value.viewId, from: 2, direction: 'next', what: 'warning' })).value,
    ).toEqual({ index: 3 });
    expect(
      (
        await c.call('logs', 'find', {
          viewId: all.value.viewId,
          from: 4,
          direction: 'previous',
          what: 'match',
          text: 'BROKER',
        })
      ).value,
    ).toEqual({ index: 3 });
    expect(
      (
        await c.call('logs', 'find', {
          viewId: all.value.viewId,
          from: 4,
          direction: 'next',
          what: 'match',
          text: 'broker',
          caseSensitive: true,
        })
      ).value,
    ).toEqual({ index: null });
    expect(
      (await c.call('logs', 'find', { viewId: all.value.viewId, from: 0, direction: 'next', what: 'match' })).error,
    ).toMatchObject({ code: 'INVALID', field: 'text' });

    const exported = await c.call('logs', 'exportText', { viewId: all.value.viewId, offset: 1, count: 2 });
    expect(exported.value).toEqual({ text: `${lines[1]}\n${lines[2]}\n`, lines: 2 });
    const chosen = await c.call('logs', 'exportText', { viewId: all.value.viewId, seqs: [4] });
    expect(chosen.value).toEqual({ text: `${lines[4]}\n`, lines: 1 });

    // New lines reach open views.
    for (const s of src.sockets) s.write(`${stamp(T0 + 10)} ERROR cs.exe [1844] Failed to save Dialed Number 5001\n`);
    await until(
      async () => (await c.call('logs', 'window', { viewId: all.value.viewId, offset: 0, count: 1 })).value.total === 6,
      'the sixth line',
    );
    expect((await c.call('logs', 'window', { viewId: errors.value.viewId, offset: 0, count: 10 })).value.total).toBe(5);

    await c.call('logs', 'closeView', { viewId: errors.value.viewId });
    expect((await c.call('logs', 'window', { viewId: errors.value.viewId, offset: 0, count: 1 })).error).toMatchObject({
      code: 'NOT_FOUND',
    });

    const cap = await c.call('logs', 'setCapacity', { megabytes: 2 });
    expect(cap.value).toMatchObject({ capacityBytes: 2 * 1024 * 1024, lines: 6 });
    expect(JSON.parse(readFileSync(join(c.userDataDir, 'log-sources.json'), 'utf8')).capacityMB).toBe(2);
    const cleared = await c.call('logs', 'clear');
    expect(cleared.value).toMatchObject({ lines: 0, bytes: 0 });
    expect((await c.call('logs', 'window', { viewId: all.value.viewId, offset: 0, count: 10 })).value).toEqual({
      total: 0,
      offset: 0,
      lines: [],
    });

    // Disable: the connection stops, the source stays.
    const disabled = await c.call('logs', 'saveSource', {
      expectedVersion: 1,
      source: { ...source!.spec, enabled: false },
    });
    expect(disabled.value.sources[0]!.state.status).toBe('disabled');
    await until(() => src.sockets.size === 0, 'the connection to close');
    await c.call('auth', 'signOut');
  });

  it('refuses a stale version, a duplicate name, a relative file path and a bad port, naming the field', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const { version } = (await c.call('logs', 'sources')).value;
    const stale = await c.call('logs', 'saveSource', {
      expectedVersion: version - 1,
      source: { id: '', kind: 'tcp', name: 'other', host: 'h', port: 1 },
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    expect(stale.error!.message).toMatch(/does not match the current version/);
    const dup = await c.call('logs', 'saveSource', {
      expectedVersion: version,
      source: { id: '', kind: 'tcp', name: 'CS.EXE ON CC01', host: 'h', port: 1 },
    });
    expect(dup.error).toMatchObject({ code: 'INVALID', field: 'source.name' });
    const rel = await c.call('logs', 'saveSource', {
      expectedVersion: version,
      source: { id: '', kind: 'file', name: 'sync', path: 'Log/UserSync.csv' },
    });
    expect(rel.error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'source.path',
      message: expect.stringMatching(/Enter the full path of the log file/),
    });
    const port = await c.call('logs', 'saveSource', {
      expectedVersion: version,
      source: { id: '', kind: 'tcp', name: 'p', host: 'h', port: 70000 },
    });
    expect(port.error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'source.port',
      message: 'source.port: Port must be 1–65535',
    });
    const missing = await c.call('logs', 'removeSource', { expectedVersion: version, id: 'nope' });
    expect(missing.error).toMatchObject({ code: 'NOT_FOUND' });
    await c.call('auth', 'signOut');
  });

  it('follows a local file source (UserSync.csv) and removes a source keeping its lines', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const dir = mkdtempSync(join(tmpdir(), 'ccm-logs-'));
    expect((await c.call('logs', 'setAllowedFolders', { folders: [dir] })).value).toMatchObject({
      folders: [dir],
      isDefault: false,
    });
    const path = join(dir, 'UserSync.csv');
    writeFileSync(
      path,
      '"2026-03-01 02:00:01","ADD","6f1c","1203","sharpka1","Kate","Sharp","ksharp@contoso.com",""\r\n"2026-03-01 02:00:02","ERROR","6f1d","","","","","","Record locked"\r\n',
    );
    const { version } = (await c.call('logs', 'sources')).value;
    const saved = await c.call('logs', 'saveSource', {
      expectedVersion: version,
      source: { id: '', kind: 'file', name: 'UserSync.csv', path, component: 'UserSync' },
    });
    const id = saved.value.sources.find((s: { spec: { name: string } }) => s.spec.name === 'UserSync.csv')!.spec.id;
    // Each source keeps a colour of its own.
    const colours = saved.value.sources.map((s: { colour: string; spec: { colour?: string } }) => s.colour);
    expect(new Set(colours).size).toBe(colours.length);
    expect(
      saved.value.sources.every((s: { colour: string; spec: { colour?: string } }) => s.spec.colour === s.colour),
    ).toBe(true);
    const view = (await c.call('logs', 'openView', { filter: { sourceIds: [id] } })).value;
    await until(
      async () => (await c.call('logs', 'window', { viewId: view.viewId, offset: 0, count: 10 })).value.total === 2,
      'the file lines',
    );
    const win = (await c.call('logs', 'window', { viewId: view.viewId, offset: 0, count: 10 })).value;
    expect(win.lines.map((l) => [l.level, l.severity, l.component])).toEqual([
      ['ADD', 'info', 'UserSync'],
      ['ERROR', 'error', 'UserSync'],
    ]);
    const state = (await c.call('logs', 'sources')).value.sources.find(
      (s: { spec: { id: string } }) => s.spec.id === id,
    )!.state;
    expect(state).toMatchObject({ status: 'following', lines: 2 });

    const removed = await c.call('logs', 'removeSource', { expectedVersion: saved.value.version, id });
    expect(removed.value.sources.some((s: { spec: { id: string } }) => s.spec.id === id)).toBe(false);
    expect((await c.call('logs', 'window', { viewId: view.viewId, offset: 0, count: 10 })).value.total).toBe(2);
    await c.call('auth', 'signOut');
  });

  it('Supervisor: reads logs, may not change sources', async () => {
    await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    expect((await c.call('logs', 'sources')).ok).toBe(true);
    expect((await c.call('logs', 'openView', { filter: {} })).ok).toBe(true);
    const { version } = (await c.call('logs', 'sources')).value;
    for (const [method, args] of [
      ['saveSource', { expectedVersion: version, source: { id: '', kind: 'tcp', name: 'x', host: 'h', port: 1 } }],
      ['removeSource', { expectedVersion: version, id: 'x' }],
      ['setCapacity', { megabytes: 8 }],
      ['clear', {}],
    ] as const) {
      expect((await c.callByName('logs', method, args)).error?.code, method).toBe('FORBIDDEN');
    }
    await c.call('auth', 'signOut');
  });
});

describe('logs events under a flood', () => {
  // How often the tick runs is a constant (TICK_MS); what is tested is that lines never cause an
  // event by themselves: however many arrive, each tick sends at most one logs.appended.
  it('sends logs.appended once per tick however fast lines arrive, and none without new lines', async () => {
    const emitted: unknown[] = [];
    const rt = new LogsRuntime({
      userDataDir: mkdtempSync(join(tmpdir(), 'ccm-logs-')),
      bus: { emit: (name, item) => name === 'logs.appended' && emitted.push(item) },
      tickMs: 3_600_000, // the test runs the ticks itself
    });
    await rt.ready;
    const idx = rt.store.sourceIndex('flood');
    for (let round = 1; round <= 3; round++) {
      for (let chunk = 0; chunk < 50; chunk++) {
        rt.store.append(idx, Buffer.from(`${stamp(Date.now())} INFO x [1] flood\n`.repeat(200)), Date.now());
      }
      expect(emitted, 'lines alone send nothing').toHaveLength(round - 1);
      rt.tick();
      expect(emitted).toHaveLength(round);
      expect(emitted[round - 1]).toMatchObject({ lines: round * 50 * 200, dropped: 0 });
    }
    rt.tick();
    expect(emitted, 'a tick without new lines sends nothing').toHaveLength(3);
    await rt.dispose();
  });
});

describe('demo wiring', () => {
  it('with the embedded demo database: serves demo logs in-process and adds three demo sources once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-logs-demo-'));
    // Four free consecutive ports.
    let base = 0;
    for (let attempt = 0; attempt < 20 && !base; attempt++) {
      const candidate = 20000 + Math.floor(Math.random() * 30000);
      const servers: Server[] = [];
      try {
        for (let i = 0; i < 4; i++) {
          const s = createServer();
          await new Promise<void>((resolve, reject) =>
            s.once('error', reject).listen(candidate + i, '127.0.0.1', () => resolve()),
          );
          servers.push(s);
        }
        base = candidate;
      } catch {
        // taken: try another
      }
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
    const rt = new LogsRuntime({ userDataDir: dir, bus: { emit() {} }, demo: true, demoBasePort: base });
    await rt.ready;
    const impl = rt.impl();
    const identity = { userId: 1, logonId: 'admin', tenantId: 1, hostAdmin: true, agentGroupScope: null };
    const ctx = { principal: { signedIn: true, permissions: { logs: 'write' as const }, identity }, origin: 'test' };
    const first = await impl.sources({}, ctx);
    expect(first.sources.map((s) => s.spec.name)).toEqual([
      'cs.exe (demo)',
      'Router Service (demo)',
      'Agent Service (demo)',
    ]);
    await until(
      async () =>
        (await impl.sources({}, ctx)).sources.every((s) => s.state.status === 'connected' && s.state.lines >= 40),
      'demo lines',
    );
    const view = await impl.openView(
      { filter: { regex: false, caseSensitive: false, severities: ['error', 'warning', 'info', 'debug'] } },
      ctx,
    );
    expect(view.total).toBeGreaterThan(60);
    const win = await impl.window({ viewId: view.viewId, offset: 0, count: 200 }, ctx);
    expect(new Set(win.lines.map((l) => l.component))).toEqual(
      new Set(['cs.exe', 'RouterService.exe', 'AgentService.exe']),
    );
    // in time order; a line its source wrote late stays where it arrived and is marked (each demo source has one)
    let last = -Infinity;
    for (const l of win.lines) {
      if (l.outOfOrder) {
        expect(l.time).toBeLessThan(last);
        continue;
      }
      expect(l.time).toBeGreaterThanOrEqual(last);
      last = l.time;
    }
    await impl.removeSource({ expectedVersion: first.version, id: 'demo-agent' }, ctx);
    await rt.dispose();
    // The next start does not bring back the removed demo source.
    const again = new LogsRuntime({ userDataDir: dir, bus: { emit() {} }, demo: true, demoBasePort: base });
    await again.ready;
    expect((await again.impl().sources({}, ctx)).sources.map((s) => s.spec.id)).toEqual(['demo-cs', 'demo-router']);
    await again.dispose();
  });
});
