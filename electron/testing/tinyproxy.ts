import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Debian tinyproxy (package "tinyproxy") for tests: an HTTP/HTTPS (CONNECT) proxy on
 * 127.0.0.1, private configuration and log in a temp folder, optional BasicAuth. The port is
 * chosen at random and tinyproxy binds it itself; a clash (another test file took it) makes it
 * exit, and the next port is tried. Ready when its log says it accepts connections (state, not time).
 * `log()` reads its log so a test proves the request went through it.
 */
export const TINYPROXY = '/usr/bin/tinyproxy';

export interface TestHttpProxy {
  port: number;
  auth: { user: string; password: string } | null;
  /** The proxy's log so far (CONNECT and GET lines name the target). */
  log(): string;
  stop(): Promise<void>;
}

const randomPort = () => 20000 + Math.floor(Math.random() * 40000);

export async function startTinyproxy(opts: { auth?: { user: string; password: string } } = {}): Promise<TestHttpProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-tinyproxy-'));
  const logFile = join(dir, 'tinyproxy.log');
  for (let attempt = 0; attempt < 8; attempt++) {
    const port = randomPort();
    const conf = join(dir, 'tinyproxy.conf');
    // No ConnectPort line: CONNECT is allowed to any port (the tests' servers are on high ports).
    writeFileSync(
      conf,
      [
        `Port ${port}`,
        'Listen 127.0.0.1',
        'Timeout 30',
        `LogFile "${logFile}"`,
        'LogLevel Info',
        'MaxClients 50',
        'Allow 127.0.0.1',
        'DisableViaHeader Yes',
        ...(opts.auth ? [`BasicAuth ${opts.auth.user} ${opts.auth.password}`] : []),
        '',
      ].join('\n'),
    );
    writeFileSync(logFile, '');
    const child = spawn(TINYPROXY, ['-d', '-c', conf], { stdio: ['ignore', 'ignore', 'ignore'] });
    // Listening once it logged its main loop; a port clash makes it exit ("Could not create listening sockets").
    const ready = await waitFor(child, () => readFileSync(logFile, 'utf8').includes('Starting main loop'));
    if (ready) {
      return {
        port,
        auth: opts.auth ?? null,
        log: () => readFileSync(logFile, 'utf8'),
        stop: () => stopChild(child, dir),
      };
    }
    await stopChild(child, null);
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('tinyproxy did not start');
}

/**
 * Resolves true once `isReady()` holds (checked on every fs change of nothing in particular: a
 * short poll of a state, not a fixed wait), false when the daemon exits first.
 */
export function waitFor(child: ChildProcess, isReady: () => boolean, limitMs = 10_000): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const started = Date.now();
    const finish = (v: boolean) => {
      if (!done) {
        done = true;
        resolve(v);
      }
    };
    child.once('exit', () => finish(false));
    const check = () => {
      if (done) return;
      if (isReady()) return finish(true);
      if (Date.now() - started > limitMs) return finish(false);
      setTimeout(check, 15);
    };
    check();
  });
}

export function stopChild(child: ChildProcess, dir: string | null): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once('exit', finish);
    child.kill('SIGTERM');
  });
}
