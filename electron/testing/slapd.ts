/**
 * A real directory server for tests: Debian's OpenLDAP `slapd` (package "slapd"), started on 127.0.0.1 as the
 * current user in a private temp folder, with an Active-Directory-like test schema.
 *
 * - Suffix `dc=example,dc=test`; users `uid=<uid>,ou=People,…` (inetOrgPerson + the auxiliary `ccmDirectoryObject`
 *   that carries AD's attribute names: a binary 16-byte `objectGUID`, `userPrincipalName`, `ipPhone`,
 *   `sAMAccountName`); groups `cn=<cn>,ou=Groups,…` (groupOfNames with `member`, groups may be members of groups).
 *   The `memberof` overlay keeps `memberOf` on members (direct membership, as AD does).
 * - A service account (`bindDn` / `password`) that may read everything and is subject to a size limit of 1,000
 *   entries per request, like AD's MaxPageSize, so reading more needs the paged-results control. The rootdn
 *   (`adminDn` / `adminPassword`) changes entries (`modify(ldif)`).
 * - `url` (ldap://, StartTLS offered) and `ldapsUrl` (ldaps://), both with the shared test CA's server
 *   certificate for 127.0.0.1/localhost (`electron/testing/testCa.ts`); `caFile` is the CA to trust.
 * - Entries are loaded with `slapadd` before the server starts (fast for 100,000 users; `memberOf` precomputed).
 * - Ports: two random ports are tried; when slapd cannot bind (another process has the port) it exits and the
 *   start is retried with other ports. Ready = it accepts connections (polled), not a delay.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCa } from './testCa';

export const SLAPD = '/usr/sbin/slapd';
export const BASE_DN = 'dc=example,dc=test';

export interface DirectoryUser {
  uid: string;
  /** A UUID; its bytes are stored as AD stores objectGUID (first three fields little-endian). Random if absent. */
  guid?: string;
  givenName?: string;
  sn: string;
  mail?: string;
  upn?: string;
  telephoneNumber?: string;
  ipPhone?: string;
}
export interface DirectoryGroup {
  cn: string;
  guid?: string;
  /** uids of users and cns of groups (prefix `group:`), e.g. ['ksharp', 'group:Sales']. */
  members: string[];
}

export interface TestSlapd {
  url: string;
  ldapsUrl: string;
  host: string;
  port: number;
  ldapsPort: number;
  baseDn: string;
  bindDn: string;
  password: string;
  adminDn: string;
  adminPassword: string;
  caFile: string;
  userDn(uid: string): string;
  groupDn(cn: string): string;
  /** Runs ldapmodify as the rootdn with this LDIF (changetype records). */
  modify(ldif: string): void;
  stop(): Promise<void>;
}

const SCHEMA = `attributetype ( 1.3.6.1.4.1.99999.1.1 NAME 'objectGUID'
  EQUALITY octetStringMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.99999.1.2 NAME 'userPrincipalName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.99999.1.3 NAME 'ipPhone'
  EQUALITY caseIgnoreMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.99999.1.4 NAME 'sAMAccountName'
  EQUALITY caseIgnoreMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.2.1 NAME 'ccmDirectoryObject' AUXILIARY
  MAY ( objectGUID $ userPrincipalName $ ipPhone $ sAMAccountName ) )
`;

/** AD's byte order for a GUID: Data1, Data2, Data3 little-endian, Data4 as is. */
export function guidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  if (b.length !== 16) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.concat([
    Buffer.from(b.subarray(0, 4)).reverse(),
    Buffer.from(b.subarray(4, 6)).reverse(),
    Buffer.from(b.subarray(6, 8)).reverse(),
    b.subarray(8),
  ]);
}

const PEOPLE = `ou=People,${BASE_DN}`;
const GROUPS = `ou=Groups,${BASE_DN}`;
const userDn = (uid: string) => `uid=${uid},${PEOPLE}`;
const groupDn = (cn: string) => `cn=${cn},${GROUPS}`;
const memberDn = (m: string) => (m.startsWith('group:') ? groupDn(m.slice(6)) : userDn(m));
/** LDIF value: base64 when not safe as plain text. */
const val = (name: string, v: string) =>
  /^[\x20-\x7e]*$/.test(v) && !/^[ :<]/.test(v) && !v.endsWith(' ')
    ? `${name}: ${v}`
    : `${name}:: ${Buffer.from(v, 'utf8').toString('base64')}`;

function buildLdif(users: DirectoryUser[], groups: DirectoryGroup[], bindPassword: string): string {
  const memberOf = new Map<string, string[]>();
  for (const g of groups)
    for (const m of g.members) {
      const dn = memberDn(m);
      const list = memberOf.get(dn) ?? [];
      list.push(groupDn(g.cn));
      memberOf.set(dn, list);
    }
  const out: string[] = [
    `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example Test\n`,
    `dn: ${PEOPLE}\nobjectClass: organizationalUnit\nou: People\n`,
    `dn: ${GROUPS}\nobjectClass: organizationalUnit\nou: Groups\n`,
    `dn: ou=Service,${BASE_DN}\nobjectClass: organizationalUnit\nou: Service\n`,
    `dn: cn=sync,ou=Service,${BASE_DN}\nobjectClass: person\ncn: sync\nsn: Synchronization\n` +
      `userPassword: ${bindPassword}\n`,
  ];
  for (const u of users) {
    const dn = userDn(u.uid);
    const lines = [
      `dn: ${dn}`,
      'objectClass: inetOrgPerson',
      'objectClass: ccmDirectoryObject',
      val('uid', u.uid),
      val('cn', `${u.givenName ?? ''} ${u.sn}`.trim()),
      val('sn', u.sn),
      `objectGUID:: ${guidBytes(u.guid ?? randomUUID()).toString('base64')}`,
      val('sAMAccountName', u.uid),
    ];
    if (u.givenName) lines.push(val('givenName', u.givenName));
    if (u.mail) lines.push(val('mail', u.mail));
    if (u.upn) lines.push(val('userPrincipalName', u.upn));
    if (u.telephoneNumber) lines.push(val('telephoneNumber', u.telephoneNumber));
    if (u.ipPhone) lines.push(val('ipPhone', u.ipPhone));
    for (const g of memberOf.get(dn) ?? []) lines.push(val('memberOf', g));
    out.push(lines.join('\n') + '\n');
  }
  for (const g of groups) {
    const dn = groupDn(g.cn);
    const lines = [
      `dn: ${dn}`,
      'objectClass: groupOfNames',
      'objectClass: ccmDirectoryObject',
      val('cn', g.cn),
      val('sAMAccountName', g.cn),
      `objectGUID:: ${guidBytes(g.guid ?? randomUUID()).toString('base64')}`,
    ];
    // groupOfNames needs a member: an empty group lists the service account (not a user, so it synchronizes none).
    const members = g.members.length ? g.members.map(memberDn) : [`cn=sync,ou=Service,${BASE_DN}`];
    for (const m of members) lines.push(val('member', m));
    for (const p of memberOf.get(dn) ?? []) lines.push(val('memberOf', p));
    out.push(lines.join('\n') + '\n');
  }
  return out.join('\n');
}

const randomPort = () => 20000 + Math.floor(Math.random() * 40000);

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function startSlapd(
  opts: { users?: DirectoryUser[]; groups?: DirectoryGroup[]; password?: string } = {},
): Promise<TestSlapd> {
  const ca = testCa();
  const password = opts.password ?? 'sync-Pass-1';
  const adminPassword = 'admin-Pass-1';
  const dir = mkdtempSync(join(tmpdir(), 'ccm-slapd-'));
  const db = join(dir, 'db');
  mkdirSync(db);
  writeFileSync(join(dir, 'test.schema'), SCHEMA);
  const adminDn = `cn=admin,${BASE_DN}`;
  const bindDn = `cn=sync,ou=Service,${BASE_DN}`;
  const conf = join(dir, 'slapd.conf');
  writeFileSync(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      `include ${join(dir, 'test.schema')}`,
      `pidfile ${join(dir, 'slapd.pid')}`,
      `argsfile ${join(dir, 'slapd.args')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'moduleload memberof',
      `TLSCACertificateFile ${ca.caFile}`,
      `TLSCertificateFile ${ca.server.certFile}`,
      `TLSCertificateKeyFile ${ca.server.keyFile}`,
      'database mdb',
      'maxsize 4294967296',
      `suffix "${BASE_DN}"`,
      `rootdn "${adminDn}"`,
      `rootpw ${adminPassword}`,
      `directory ${db}`,
      'index objectClass,memberOf,uid eq',
      // AD's MaxPageSize: 1,000 entries per request; paged searches may read everything.
      'limits * size.soft=1000 size.hard=1000 size.prtotal=unlimited',
      `access to attrs=userPassword by self read by anonymous auth by * none`,
      'access to * by users read by * none',
      'overlay memberof',
      '',
    ].join('\n'),
  );
  const ldif = join(dir, 'data.ldif');
  writeFileSync(ldif, buildLdif(opts.users ?? [], opts.groups ?? [], password));
  const add = spawnSync('/usr/sbin/slapadd', ['-q', '-f', conf, '-l', ldif], { encoding: 'utf8' });
  if (add.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`slapadd failed: ${add.stderr}`);
  }

  for (let attempt = 0; ; attempt++) {
    const port = randomPort();
    const ldapsPort = randomPort();
    if (port === ldapsPort) continue;
    const pidFile = join(dir, 'slapd.pid');
    rmSync(pidFile, { force: true });
    const child = spawn(
      SLAPD,
      ['-f', conf, '-h', `ldap://127.0.0.1:${port}/ ldaps://127.0.0.1:${ldapsPort}/`, '-d', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<'exited'>((resolve) => child.once('exit', () => resolve('exited')));
    let state: 'ready' | 'exited' = 'exited';
    // Poll until it wrote its pid file (written only after both listeners are bound, so the ports are its own)
    // and accepts connections on both ports, or until it exits (a port taken: bind failed).
    for (;;) {
      const r = await Promise.race([
        exited,
        (async () => (existsSync(pidFile) && (await accepts(port)) && (await accepts(ldapsPort)) ? 'ready' : 'no'))(),
      ]);
      if (r === 'exited') break;
      if (r === 'ready') {
        state = 'ready';
        break;
      }
      await new Promise((res) => setTimeout(res, 25));
    }
    if (state === 'ready' && child.exitCode === null) {
      return {
        url: `ldap://127.0.0.1:${port}`,
        ldapsUrl: `ldaps://127.0.0.1:${ldapsPort}`,
        host: '127.0.0.1',
        port,
        ldapsPort,
        baseDn: BASE_DN,
        bindDn,
        password,
        adminDn,
        adminPassword,
        caFile: ca.caFile,
        userDn,
        groupDn,
        modify(text: string) {
          const r = spawnSync(
            '/usr/bin/ldapmodify',
            ['-x', '-H', `ldap://127.0.0.1:${port}`, '-D', adminDn, '-w', adminPassword],
            { input: text, encoding: 'utf8' },
          );
          if (r.status !== 0) throw new Error(`ldapmodify failed: ${r.stderr}`);
        },
        stop: () => stop(child, dir),
      };
    }
    if (attempt >= 5) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`slapd did not start: ${stderr}`);
    }
  }
}

function stop(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once('exit', finish);
    child.kill('SIGTERM');
  });
}

/** n users u000001 … with deterministic GUIDs (for paging tests and the benchmark). */
export function manyUsers(n: number, prefix = 'u'): DirectoryUser[] {
  const out: DirectoryUser[] = [];
  for (let i = 1; i <= n; i++) {
    const id = String(i).padStart(6, '0');
    out.push({
      uid: `${prefix}${id}`,
      guid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      givenName: `Given${id}`,
      sn: `Family${id}`,
      mail: `${prefix}${id}@example.test`,
      upn: `${prefix}${id}@example.test`,
      telephoneNumber: `+1555${id}`,
    });
  }
  return out;
}
