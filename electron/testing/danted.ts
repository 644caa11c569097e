import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './tinyproxy';

/**
 * A real Debian Dante SOCKS server (package "dante-server", /usr/sbin/danted) for tests: SOCKS
 * v4 and v5 on 127.0.0.1, no authentication (Dante's "username" method checks system accounts
 * through the password database, which a test cannot add as an ordinary user), private
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

export async function startDanted(): Promise<TestSocksProxy> {
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
        'socksmethod: none',
        'clientmethod: none',
        ...(userInfo().uid === 0 ? [`user.privileged: ${me}`, `user.unprivileged: ${me}`] : []),
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
