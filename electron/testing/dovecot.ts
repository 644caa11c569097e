/**
 * Test-only IMAP server: Debian's /usr/sbin/dovecot started in the foreground with a private
 * configuration in a temp folder (IMAP only, the test CA's certificate, a passwd-file passdb,
 * maildir mailboxes). It binds its own ports: a port taken by a parallel test makes dovecot exit
 * with "Address already in use", and we start again on other ports (no bind-0-close-hand-over).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { testCa } from './testCa';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface TestDovecot {
  host: '127.0.0.1';
  /** STARTTLS port (plain IMAP then STARTTLS; plaintext LOGIN is refused before TLS). */
  imapPort: number;
  /** Implicit TLS port. */
  imapsPort: number;
  dir: string;
  users: DovecotUser[];
  /** Deliver a message into a user's INBOX (a file in the maildir's new/). */
  deliver(user: string, raw: string): void;
  stop(): Promise<void>;
}

export interface DovecotOptions {
  users?: DovecotUser[];
  /** mail_max_userip_connections (the IMAP session limit per user and address). */
  maxUserIpConnections?: number;
  /** Users whose INBOX the server cannot open (SELECT INBOX fails: a mailbox problem). */
  noInbox?: string[];
  /** The certificate served (default: the test CA's localhost/127.0.0.1 certificate). */
  cert?: 'server' | 'wrongHost' | 'untrusted';
  /** An oauth2 passdb (XOAUTH2/OAUTHBEARER) whose tokens are checked at this introspection URL. */
  oauth2IntrospectionUrl?: string;
}

const randomPort = () => 20000 + Math.floor(Math.random() * 40000);

function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<'ready' | 'exited'> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const attempt = () => {
      if (exited) return resolve('exited');
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve('ready');
      });
      s.once('error', () => {
        s.destroy();
        if (exited) return resolve('exited');
        if (Date.now() > deadline) return reject(new Error(`dovecot did not listen on ${port} within ${timeoutMs} ms`));
        setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startDovecot(opts: DovecotOptions = {}): Promise<TestDovecot> {
  const ca = testCa();
  const cert = ca[opts.cert ?? 'server'];
  const users = opts.users ?? [{ user: 'support@example.test', password: 'Imap#2026' }];
  const dir = mkdtempSync(join(tmpdir(), 'ccm-dovecot-'));
  const me = userInfo();
  const group = me.uid === 0 ? 'root' : me.username;
  // Dovecot's login processes must not run as root: as root, they run as Debian's dovenull.
  const loginUser = me.uid === 0 ? 'dovenull' : me.username;
  chmodSync(dir, 0o755);
  // Nor may mail processes run as uid 0: as root, the mailboxes belong to Debian's dovecot user.
  const mailUid = me.uid === 0 ? Number(execFileSync('id', ['-u', 'dovecot']).toString().trim()) : me.uid;
  const mailGid = me.uid === 0 ? Number(execFileSync('id', ['-g', 'dovecot']).toString().trim()) : me.gid;
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'passwd'), users.map((u) => `${u.user}:{PLAIN}${u.password}::::::`).join('\n') + '\n');
  for (const u of users) {
    const md = join(dir, 'mail', u.user, 'Maildir');
    if (!opts.noInbox?.includes(u.user))
      for (const s of ['cur', 'new', 'tmp']) mkdirSync(join(md, s), { recursive: true });
    else mkdirSync(md, { recursive: true });
  }
  if (me.uid === 0) execFileSync('chown', ['-R', `${mailUid}:${mailGid}`, join(dir, 'mail')]);
  // A mailbox the server cannot open: SELECT INBOX fails after a good sign-in.
  for (const u of opts.noInbox ?? []) chmodSync(join(dir, 'mail', u, 'Maildir'), 0);
  const oauth = opts.oauth2IntrospectionUrl;
  if (oauth)
    writeFileSync(
      join(dir, 'oauth2.conf.ext'),
      [
        `introspection_mode = post`,
        `introspection_url = ${oauth}`,
        `username_attribute = username`,
        `active_attribute = active`,
        `active_value = true`,
        `tls_ca_cert_file = ${ca.caFile}`,
        '',
      ].join('\n'),
    );

  for (let attempt = 0; attempt < 20; attempt++) {
    const imapPort = randomPort();
    const imapsPort = randomPort();
    if (imapPort === imapsPort) continue;
    const conf = [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      `protocols = imap`,
      `listen = 127.0.0.1`,
      `ssl = yes`,
      `ssl_cert = <${cert.certFile}`,
      `ssl_key = <${cert.keyFile}`,
      `ssl_min_protocol = TLSv1.2`,
      `disable_plaintext_auth = yes`,
      `auth_mechanisms = plain login${oauth ? ' xoauth2 oauthbearer' : ''}`,
      `default_internal_user = ${me.username}`,
      `default_internal_group = ${group}`,
      `default_login_user = ${loginUser}`,
      `first_valid_uid = 1`,
      `mail_location = maildir:${dir}/mail/%u/Maildir`,
      `mail_max_userip_connections = ${opts.maxUserIpConnections ?? 20}`,
      `auth_failure_delay = 0`,
      `passdb {`,
      `  driver = passwd-file`,
      `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
      `}`,
      ...(oauth
        ? [
            `passdb {`,
            `  driver = oauth2`,
            `  mechanisms = xoauth2 oauthbearer`,
            `  args = ${dir}/oauth2.conf.ext`,
            `}`,
          ]
        : []),
      `userdb {`,
      `  driver = static`,
      `  args = uid=${mailUid} gid=${mailGid} home=${dir}/mail/%u`,
      `}`,
      `service imap-login {`,
      `  chroot =`,
      `  inet_listener imap {`,
      `    port = ${imapPort}`,
      `  }`,
      `  inet_listener imaps {`,
      `    port = ${imapsPort}`,
      `    ssl = yes`,
      `  }`,
      `}`,
      `service anvil {`,
      `  chroot =`,
      `}`,
      `service auth {`,
      `  user = ${me.username}`,
      `}`,
      `service auth-worker {`,
      `  user = ${me.username}`,
      `}`,
      `service stats {`,
      `  unix_listener stats-reader {`,
      `    user = ${me.username}`,
      `  }`,
      `  unix_listener stats-writer {`,
      `    user = ${me.username}`,
      `  }`,
      `}`,
      '',
    ].join('\n');
    const confFile = join(dir, 'dovecot.conf');
    writeFileSync(confFile, conf);
    if (existsSync(join(dir, 'dovecot.log'))) rmSync(join(dir, 'dovecot.log'));
    const child = spawn('/usr/sbin/dovecot', ['-F', '-c', confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    const state = await Promise.all([waitForPort(imapPort, child), waitForPort(imapsPort, child)]);
    if (state.every((s) => s === 'ready')) {
      return {
        host: '127.0.0.1',
        imapPort,
        imapsPort,
        dir,
        users,
        deliver(user, raw) {
          const name = `${Date.now()}.${Math.random().toString(36).slice(2)}.ccm`;
          writeFileSync(join(dir, 'mail', user, 'Maildir', 'new', name), raw.replace(/\r?\n/g, '\r\n'));
        },
        async stop() {
          if (child.exitCode === null) {
            const gone = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await gone;
          }
          if (!process.env.CCM_KEEP_DOVECOT) rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
    const log = output + (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');
    if (!/Address already in use/i.test(log)) throw new Error(`dovecot did not start:\n${log}`);
  }
  throw new Error('dovecot: no free ports after 20 attempts');
}
