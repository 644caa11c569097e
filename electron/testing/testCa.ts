/**
 * Test-only certificate authority for the TLS servers the tests start on 127.0.0.1 (slapd,
 * dovecot, smtp-server, proxies, stand-ins). Generated once per machine user with Debian's
 * openssl into a fixed folder under the temp directory, so a test process, the servers it starts
 * and a console process started by an e2e test all see the same files. Never used outside tests.
 *
 * - `server`: a certificate for `localhost` and `127.0.0.1`, signed by the CA: what a correctly
 *   configured server presents.
 * - `wrongHost`: signed by the CA but for `wrong-host.test` only: a hostname-mismatch case.
 * - `untrusted`: for `localhost`/`127.0.0.1` but signed by another CA that clients do not trust:
 *   an unknown-issuer case.
 *
 * The folder is built in a private temp folder and renamed into place, so parallel test files
 * never see half-written files; the loser of a rename race uses the winner's folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
}

export interface TestCa {
  dir: string;
  caFile: string;
  caPem: string;
  server: TestCertificate;
  wrongHost: TestCertificate;
  untrusted: TestCertificate;
}

// Bump when what is generated changes, so an old folder is not reused.
const VERSION = 1;

const openssl = (cwd: string, args: string[]) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

function newCa(cwd: string, name: string, subject: string): void {
  openssl(cwd, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '36500',
    '-subj',
    subject,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

function leaf(cwd: string, name: string, ca: string, san: string): void {
  writeFileSync(
    join(cwd, `${name}.cnf`),
    [
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[ext]',
      `subjectAltName = ${san}`,
      'basicConstraints = CA:FALSE',
      'keyUsage = digitalSignature,keyEncipherment',
      'extendedKeyUsage = serverAuth,clientAuth',
      '',
    ].join('\n'),
  );
  openssl(
    cwd,
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`].concat([
      '-subj',
      `/CN=${name}`,
    ]),
  );
  openssl(cwd, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '36500',
    '-extfile',
    `${name}.cnf`,
    '-extensions',
    'ext',
  ]);
}

function generate(dir: string): void {
  newCa(dir, 'ca', '/CN=Contact Center Console Test CA');
  newCa(dir, 'other-ca', '/CN=Untrusted Test CA');
  leaf(dir, 'server', 'ca', 'DNS:localhost,IP:127.0.0.1');
  leaf(dir, 'wrong-host', 'ca', 'DNS:wrong-host.test');
  leaf(dir, 'untrusted', 'other-ca', 'DNS:localhost,IP:127.0.0.1');
  writeFileSync(join(dir, 'complete'), 'ok\n');
}

const certificate = (dir: string, name: string): TestCertificate => {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  return { certFile, keyFile, certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
};

let cached: TestCa | undefined;

/** The machine's test CA and its certificates (created on first use). */
export function testCa(): TestCa {
  if (cached) return cached;
  const dir = join(tmpdir(), `ccm-test-ca-${userInfo().uid}-v${VERSION}`);
  if (!existsSync(join(dir, 'complete'))) {
    const work = mkdtempSync(join(tmpdir(), 'ccm-test-ca-new-'));
    generate(work);
    try {
      renameSync(work, dir);
    } catch {
      // Another process won the race (the folder exists now): use its files.
      rmSync(work, { recursive: true, force: true });
    }
    if (!existsSync(join(dir, 'complete'))) throw new Error(`test CA folder ${dir} is incomplete`);
  }
  const caFile = join(dir, 'ca.crt');
  cached = {
    dir,
    caFile,
    caPem: readFileSync(caFile, 'utf8'),
    server: certificate(dir, 'server'),
    wrongHost: certificate(dir, 'wrong-host'),
    untrusted: certificate(dir, 'untrusted'),
  };
  return cached;
}
