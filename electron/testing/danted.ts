import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './tinyproxy';

/**
 * A real Debian Dante SOCKS server (package "dante-server", /usr/sbin/danted) for tests: SOCKS
 * v4 and v5 on 127.0.0.1, no authentication, or `username` (RFC 1929) against a system account
 * (`throwawaySystemUser`, root only), private
 * configuration and log in a temp folder. The port is chosen at random and danted binds it
 * itself; on a clash it exits and the next port is tried. Ready when its log says it is
 * running (state, not time). `log()` names each relayed connection ("connect" lines).
 */
export const DANTED = '/usr/sbin/danted';

export interface TestSocksProxy {
  port: number;
  log(): string;
  stop(): Promise<void>;
}

const randomPort = () => 20000 + Math.floor(Math.random() * 40000);

/**
 * `socksmethod: username` (RFC 1929): Dante checks the name and password against the system's
 * accounts, so it must run as root (to read /etc/shadow) — see `throwawaySystemUser`.
 */
export async function startDanted(opts: { username?: boolean } = {}): Promise<TestSocksProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-danted-'));
  const logFile = join(dir, 'danted.log');
  const me = userInfo().username;
  for (let attempt = 0; attempt < 8; attempt++) {
    const port = randomPort();
    const conf = join(dir, 'danted.conf');
    writeFileSync(
      conf,
      [
        `logoutput: ${logFile}`,
        `internal: 127.0.0.1 port = ${port}`,
        'external: 127.0.0.1',
        `socksmethod: ${opts.username ? 'username' : 'none'}`,
        'clientmethod: none',
        ...(userInfo().uid === 0 ? [`user.privileged: ${me}`, `user.unprivileged: ${me}`] : []),
        // The password check needs /etc/shadow: the unprivileged helpers keep root's rights too (root only).
        'client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }',
        'socks pass { from: 127.0.0.0/8 to: 127.0.0.0/8 log: connect disconnect }',
        '',
      ].join('\n'),
    );
    writeFileSync(logFile, '');
    // Its own process group: danted forks helpers, and stop() ends the group it started.
    const child = spawn(DANTED, ['-f', conf, '-p', join(dir, 'danted.pid'), '-N', '1'], {
      stdio: ['ignore', 'ignore', 'ignore'],
      detached: true,
    });
    const ready = await waitFor(child, () => / running\b/.test(readFileSync(logFile, 'utf8')));
    const stop = (rm: boolean) =>
      new Promise<void>((resolve) => {
        const finish = () => {
          if (rm) rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return finish();
        child.once('exit', finish);
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
      });
    if (ready) return { port, log: () => readFileSync(logFile, 'utf8'), stop: () => stop(true) };
    await stop(false);
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('danted did not start');
}

/**
 * A throwaway system account for danted's `username` method: only when the tests run as root and
 * useradd exists (else null: the caller skips). No home, no login shell (/usr/sbin/nologin), a
 * random name with the prefix `ccmsocks` and a random password; `remove()` deletes it (userdel,
 * idempotent: an account already gone is fine). Accounts left by a killed run are removed first.
 */
export function throwawaySystemUser(): { name: string; password: string; remove(): void } | null {
  if (userInfo().uid !== 0) return null;
  try {
    execFileSync('sh', ['-c', 'command -v useradd && command -v userdel && command -v chpasswd'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const del = (name: string) => {
    try {
      execFileSync('userdel', [name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  };
  // Leftovers of an earlier run that was killed before its afterAll (only this prefix, never anything else).
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const name = line.split(':')[0] ?? '';
    if (/^ccmsocks[0-9a-f]{8}$/.test(name)) {
      const pid = Number.parseInt(name.slice(8), 16);
      const alive = (() => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      })();
      if (!alive) del(name);
    }
  }
  const name = `ccmsocks${process.pid.toString(16).padStart(8, '0')}`;
  const password = `S0cks-${Math.random().toString(36).slice(2, 12)}`;
  del(name);
  execFileSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', '--system', name], { stdio: 'ignore' });
  execFileSync('chpasswd', [], { input: `${name}:${password}\n`, stdio: ['pipe', 'ignore', 'ignore'] });
  return { name, password, remove: () => del(name) };
}
