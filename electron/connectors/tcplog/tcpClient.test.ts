import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LogStore } from '../../services/logs/logStore';
import { TcpLogClient, type TcpStatusInfo } from './tcpClient';

// Real TCP on 127.0.0.1: a server that writes what each test needs, the client, and the
// store the client feeds (as the logs service wires them).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean, ms = 5000, label = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await sleep(10);
  }
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A server on 127.0.0.1 (port 0: any); `serve` gets each connection. */
async function server(serve: (s: Socket) => void, port = 0): Promise<{ server: Server; port: number }> {
  const open = new Set<Socket>();
  const s = createServer((sock) => {
    open.add(sock);
    sock.on('close', () => open.delete(sock));
    sock.setNoDelay(true);
    sock.on('error', () => {});
    serve(sock);
  });
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve());
  });
  cleanups.push(() => {
    for (const sock of open) sock.destroy();
    return new Promise<void>((r) => s.close(() => r()));
  });
  const address = s.address();
  return { server: s, port: typeof address === 'object' && address ? address.port : 0 };
}

function client(port: number, options: Partial<ConstructorParameters<typeof TcpLogClient>[0]> = {}) {
  const store = new LogStore({ capacityBytes: 1024 * 1024 });
  const src = store.sourceIndex('s');
  const statuses: TcpStatusInfo[] = [];
  const c = new TcpLogClient({
    host: '127.0.0.1',
    port,
    connectTimeoutMs: 500,
    initialBackoffMs: 100,
    maxBackoffMs: 400,
    onData: (chunk) => store.append(src, chunk, Date.now()),
    onEnd: () => store.endOfStream(src, Date.now()),
    onStatus: (s) => statuses.push(s),
    ...options,
  });
  cleanups.push(() => c.stop());
  const view = () => store.openView('v', store.compileFilter({ regex: false, caseSensitive: false }));
  const texts = () => store.window(view(), 0, 2000).map((l) => l.text);
  c.start();
  return { c, store, src, statuses, texts, view };
}

const L = (i: number, level = 'INFO') =>
  `2026-11-22 10:00:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} ${level} cs.exe [1844] message ${i}`;

describe('TcpLogClient on 127.0.0.1', () => {
  it('joins partial lines written in separate packets, with CRLF and LF', async () => {
    const { port } = await server(async (s) => {
      const text = `${L(1)}\r\n${L(2)}\n${L(3)}\r\n`;
      // Each piece is its own write, a few ms apart (no Nagle): the client sees them as separate reads.
      let sent = 0;
      for (const cut of [5, 30, 31, 70, 90, 92, 130, text.length]) {
        s.write(text.slice(sent, cut));
        sent = cut;
        await sleep(15);
      }
    });
    const { texts, statuses, store, src } = client(port);
    await until(() => store.stats().lines === 3, 5000, '3 lines');
    expect(texts()).toEqual([L(1), L(2), L(3)]);
    expect(statuses[0]).toEqual({ status: 'connecting' });
    expect(statuses[1]).toMatchObject({ status: 'connected' });
    expect(store.counters(src).bytes).toBe(`${L(1)}\r\n${L(2)}\n${L(3)}\r\n`.length);
  });

  it('survives binary garbage: stores what it can, replaces bad UTF-8, counts it', async () => {
    const garbage = Buffer.alloc(200_000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + (i >> 3)) & 0xff;
    const { port } = await server((s) => {
      s.write(`${L(1)}\n`);
      s.write(garbage);
      s.write(`\n${L(2, 'ERROR')}\n`);
    });
    const { texts, store, src } = client(port);
    await until(() => texts().at(-1) === L(2, 'ERROR'), 5000, 'the line after the garbage');
    expect(texts()[0]).toBe(L(1));
    expect(store.counters(src).invalidUtf8Lines).toBeGreaterThan(0);
    expect(store.counters(src).bytes).toBe(L(1).length + 1 + garbage.length + 1 + L(2, 'ERROR').length + 1);
  });

  it('a source that closes and comes back: reconnecting in N s, refused while down, connected again; its last unterminated line is kept', async () => {
    let round = 0;
    const serve = (s: Socket) => {
      round++;
      if (round === 1) s.end(`${L(1)}\n${L(2)} unterminated`);
      else s.write(`${L(3)}\n`);
    };
    const first = await server(serve);
    const { statuses, texts, store } = client(first.port, { initialBackoffMs: 300, jitter: 0 });
    await until(() => store.stats().lines === 2, 5000, 'two lines');
    expect(texts()).toEqual([L(1), `${L(2)} unterminated`]);
    // The server goes away entirely: the retries are refused.
    await new Promise<void>((r) => first.server.close(() => r()));
    await until(() => statuses.some((s) => s.status === 'refused'), 5000, 'refused');
    const reconnecting = statuses.find((s) => s.status === 'reconnecting')!;
    expect(reconnecting.retryInSec).toBeGreaterThanOrEqual(1);
    expect(reconnecting.message).toMatch(/closed the connection; reconnecting in \d+ s/);
    expect(statuses.find((s) => s.status === 'refused')!.message).toMatch(/refused the connection; retrying in \d+ s/);
    // It comes back on the same port.
    await server(serve, first.port);
    await until(() => store.stats().lines === 3, 10_000, 'the line after reconnecting');
    expect(texts()).toEqual([L(1), `${L(2)} unterminated`, L(3)]);
    expect(statuses.at(-1)).toMatchObject({ status: 'connected' });
  });

  it('a port nobody listens on is refused, and retried with a growing delay', async () => {
    const probe = await server(() => {});
    const port = probe.port;
    await new Promise<void>((r) => probe.server.close(() => r()));
    cleanups.pop();
    const { statuses } = client(port, { initialBackoffMs: 50, maxBackoffMs: 200, jitter: 0 });
    await until(() => statuses.filter((s) => s.status === 'refused').length >= 3, 5000, 'three refusals');
    const refused = statuses.filter((s) => s.status === 'refused');
    expect(refused[0]!.message).toContain(`127.0.0.1:${port} refused the connection`);
  });

  it('a source that never answers the connect: timed-out, then retried', async () => {
    // A listener that never accepts (its process is stopped) with a full accept queue:
    // the kernel drops our SYN, so the connect hangs until our timeout.
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        "require('net').createServer().listen({port:0,host:'127.0.0.1',backlog:1}, function(){ console.log(this.address().port) })",
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(() => child.kill('SIGKILL'));
    const port = await new Promise<number>((r) => child.stdout!.once('data', (d) => r(Number(String(d).trim()))));
    child.kill('SIGSTOP');
    const fillers: Socket[] = [];
    for (let i = 0; i < 4; i++) fillers.push(netConnect(port, '127.0.0.1').on('error', () => {}));
    cleanups.push(() => fillers.forEach((f) => f.destroy()));
    await sleep(200);
    const { statuses } = client(port, { connectTimeoutMs: 400, initialBackoffMs: 100 });
    await until(() => statuses.some((s) => s.status === 'timed-out'), 5000, 'timed-out');
    // The order of states, not the time taken: connecting, then timed-out, never connected.
    const seen = statuses.map((s) => s.status);
    expect(seen.indexOf('connecting')).toBeLessThan(seen.indexOf('timed-out'));
    expect(seen).not.toContain('connected');
    const timedOut = statuses.find((s) => s.status === 'timed-out')!;
    expect(timedOut.message).toMatch(/No answer from 127\.0\.0\.1:\d+ within 0\.4 s; retrying in \d+ s/);
    expect(timedOut.retryInSec).toBeGreaterThanOrEqual(1);
    await until(() => statuses.filter((s) => s.status === 'connecting').length >= 2, 5000, 'a second attempt');
  });

  it('a flood far beyond the store: the oldest lines are dropped and counted, the newest are intact', async () => {
    const total = 60_000;
    const { port } = await server((s) => {
      let i = 0;
      const pump = () => {
        while (i < total) {
          let chunk = '';
          for (let k = 0; k < 500 && i < total; k++, i++) chunk += `${L(i)} ${'f'.repeat(60)}\n`;
          if (!s.write(chunk)) return void s.once('drain', pump);
        }
        s.end();
      };
      pump();
    });
    const { store } = client(port);
    await until(() => store.totalLines === total, 15_000, 'all lines');
    const stats = store.stats();
    expect(stats.lines + stats.dropped).toBe(total);
    expect(stats.dropped).toBeGreaterThan(40_000);
    expect(stats.bytes).toBeLessThanOrEqual(stats.capacityBytes);
    const view = store.openView('v', store.compileFilter({ regex: false, caseSensitive: false }));
    const last = store.window(view, view.total - 3, 3);
    expect(last.map((l) => l.text)).toEqual([total - 3, total - 2, total - 1].map((i) => `${L(i)} ${'f'.repeat(60)}`));
  });

  it('backoff: 1 s doubling to 30 s, ±20 % jitter', () => {
    const c = new TcpLogClient({ host: 'x', port: 1, onData() {}, onEnd() {}, onStatus() {}, random: () => 1 });
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      seen.push(c.nextDelayMs());
      (c as unknown as { attempt: number }).attempt++;
    }
    expect(seen).toEqual([1200, 2400, 4800, 9600, 19200, 36000, 36000, 36000]);
    const low = new TcpLogClient({ host: 'x', port: 1, onData() {}, onEnd() {}, onStatus() {}, random: () => 0 });
    expect(low.nextDelayMs()).toBe(800);
  });
});
