import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Debian snmpd (package "snmpd") for tests: 127.0.0.1 on a free UDP port, a private
 * configuration (-C: no system files), its persistent folder in a temp folder, logging to
 * stdout. Ready when it printed "NET-SNMP version" (state, not time).
 */
export const SNMPD = '/usr/sbin/snmpd';

export interface TestSnmpd {
  port: number;
  community: string;
  user: { name: string; authKey: string; privKey: string };
  /** A valid v3 user with no access entry (no rouser line): the agent answers authorizationError. */
  noAccessUser: { name: string; authKey: string; privKey: string };
  sys: { descr: string; contact: string; location: string };
  stop(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((res) => s.bind(0, '127.0.0.1', () => res()));
  const port = s.address().port;
  await new Promise<void>((res) => s.close(() => res()));
  return port;
}

export async function startSnmpd(
  /** `confEncoding` latin1: sys strings with characters above U+007F reach the agent as single bytes (not UTF-8). */
  opts: { community?: string; sys?: Partial<TestSnmpd['sys']>; confEncoding?: 'utf8' | 'latin1' } = {},
): Promise<TestSnmpd> {
  const community = opts.community ?? 'ccm-check';
  const user = { name: 'ccmcheck', authKey: 'auth-pass-123', privKey: 'priv-pass-456' };
  const noAccessUser = { name: 'ccmnoview', authKey: 'auth-pass-789', privKey: 'priv-pass-012' };
  const sys = {
    descr: 'Hardware: x86 Family 6 - Software: Windows Version 6.3 (test agent)',
    contact: 'Field Technician <tech@example.com>',
    location: 'Building 2, Floor 3, Rack 14',
    ...opts.sys,
  };
  const dir = mkdtempSync(join(tmpdir(), 'ccm-snmpd-'));
  const conf = join(dir, 'snmpd.conf');
  writeFileSync(
    conf,
    [
      `rocommunity ${community} 127.0.0.1`,
      `createUser ${user.name} SHA "${user.authKey}" AES "${user.privKey}"`,
      `rouser ${user.name} priv`,
      `createUser ${noAccessUser.name} SHA "${noAccessUser.authKey}" AES "${noAccessUser.privKey}"`,
      `sysDescr ${sys.descr}`,
      `sysContact ${sys.contact}`,
      `sysLocation ${sys.location}`,
      'sysServices 72',
      '',
    ].join('\n'),
    opts.confEncoding ?? 'utf8',
  );
  for (let attempt = 0; ; attempt++) {
    const port = await freeUdpPort();
    const child = spawn(
      SNMPD,
      [
        '-f',
        '-Lo',
        '-C',
        '-c',
        conf,
        '-M',
        join(dir, 'no-mibs'),
        '-m',
        '',
        `--persistentDir=${join(dir, 'persist')}`,
        `udp:127.0.0.1:${port}`,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, MIBS: '', MIBDIRS: join(dir, 'no-mibs') },
      },
    );
    const ready = await new Promise<boolean>((resolve) => {
      let out = '';
      const onData = (b: Buffer) => {
        out += b.toString();
        if (out.includes('NET-SNMP version')) resolve(true);
        if (out.includes('Error opening specified endpoint')) resolve(false);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', () => resolve(false));
    });
    if (ready) {
      return {
        port,
        community,
        user,
        noAccessUser,
        sys,
        stop: () => stop(child, dir),
      };
    }
    await stop(child, null);
    if (attempt >= 3) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('snmpd did not start');
    }
  }
}

function stop(child: ChildProcess, dir: string | null): Promise<void> {
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
