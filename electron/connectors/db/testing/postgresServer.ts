import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A private, real PostgreSQL server for tests: its own cluster in a temp folder, on a free
 * loopback port, with password authentication (scram) so bad-credential paths are real.
 * Debian's `postgresql` package provides the binaries; as root the server runs as the
 * `postgres` user (PostgreSQL refuses to run as root).
 */
export interface PgServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The maintenance database; tests create their own with createDatabase(). */
  database: string;
  stop(): Promise<void>;
}

export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

export async function startPgServer(): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin)
    throw new Error('PostgreSQL server binaries not found: install them with `sudo apt-get install -y postgresql`.');
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'ccm-pg-'));
  const data = join(dir, 'data');
  const pwFile = join(dir, 'pw');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  writeFileSync(pwFile, password);
  if (asRoot) {
    const pgUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const uid = Number(pgUser.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    if (!Number.isInteger(uid))
      throw new Error('Running as root needs the `postgres` user (created by the postgresql package).');
    chownSync(dir, uid, gid);
    chownSync(pwFile, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
      : spawnSync(cmd, args, { encoding: 'utf8' });

  const init = run(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'ccm',
    '--pwfile',
    pwFile,
    '--auth=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
  ];
  const child: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', join(bin, 'postgres'), ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (c) => (log += c));

  const server: PgServer = {
    host: '127.0.0.1',
    port,
    user: 'ccm',
    password,
    database: 'postgres',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          rmSync(dir, { recursive: true, force: true });
          return resolve();
        }
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        // runuser does not pass signals on, so ask pg_ctl to stop the server itself.
        run(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-s']);
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
  // Waits for the server to accept connections (state), with a ceiling that leaves room for a
  // loaded machine: initdb's server can take tens of seconds to start when both cores are busy.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${log}`);
    const c = new pg.Client({ host: server.host, port, user: server.user, password, database: 'postgres' });
    try {
      await c.connect();
      await c.end();
      return server;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await server.stop();
  throw new Error(`postgres did not accept connections: ${log}`);
}

/** A fresh database in the test server, so test files never see each other's rows. */
export async function createDatabase(
  server: Omit<PgServer, 'stop'>,
  name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`,
) {
  const c = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: server.database,
  });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  return { ...server, database: name };
}
