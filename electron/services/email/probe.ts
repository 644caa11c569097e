import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import type { ImapFlow } from 'imapflow';
import type { MailFailure, MailTestOutcome } from '../../contract/services/email';

/**
 * The e-mail servers' Test: a real connection that says which step failed. IMAP through
 * imapflow (TLS or STARTTLS, LOGIN or XOAUTH2, SELECT INBOX, the session limit); SMTP through a
 * small client of our own over node:net/tls (EHLO, STARTTLS, AUTH, MAIL FROM with the heartbeat
 * address, RSET, QUIT): nodemailer cannot stop after MAIL FROM without sending a message.
 * Plaintext sign-in is never attempted: without SSL the server must offer STARTTLS.
 */

export interface ProbeOptions {
  /** Extra trusted CAs (PEM); the system's roots are always trusted. */
  ca?: string[];
  timeoutMs: number;
}

export type ProbeAuth =
  { kind: 'none' } | { kind: 'password'; password: string | null } | { kind: 'oauth'; accessToken: string | null };

type Outcome = Omit<MailTestOutcome, 'elapsedMs'>;
type Step = MailTestOutcome['steps'][number];

class ProbeFailure extends Error {
  constructor(
    readonly failure: MailFailure,
    message: string,
  ) {
    super(message);
  }
}

const CERT_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);

/** A socket or TLS error as one of the failures a person can act on. */
export function classifyNetworkError(err: unknown, where: string): ProbeFailure {
  if (err instanceof ProbeFailure) return err;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ?? '';
  const msg = e?.message ?? String(err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return new ProbeFailure('dns', `The host name ${where} cannot be resolved (DNS: ${code}).`);
  if (code === 'ECONNREFUSED')
    return new ProbeFailure('refused', `${where} refused the connection (nothing listens on that port).`);
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT' || /timed? ?out/i.test(msg))
    return new ProbeFailure('timeout', `${where} did not answer in time (${msg}).`);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new ProbeFailure(
      'tls-hostname',
      `The TLS certificate of ${where} is not for this host name: ${e.reason ?? msg}`,
    );
  if (CERT_CODES.has(code))
    return new ProbeFailure('tls-certificate', `The TLS certificate of ${where} is not trusted (${code}).`);
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || /wrong version number|handshake|ssl|tls/i.test(msg))
    return new ProbeFailure(
      'tls-protocol',
      `TLS with ${where} failed (${code || msg}): check Use SSL and the port (implicit TLS versus STARTTLS).`,
    );
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return new ProbeFailure('other', `${where} closed the connection (${code}).`);
  return new ProbeFailure('other', `${where}: ${msg}`);
}

const tlsOptions = (host: string, opts: ProbeOptions) => ({
  ca: opts.ca && opts.ca.length > 0 ? [...rootCertificates, ...opts.ca] : undefined,
  servername: isIP(host) ? undefined : host,
  minVersion: 'TLSv1.2' as const,
  rejectUnauthorized: true,
});

async function resolveHost(host: string, steps: Step[]): Promise<void> {
  if (isIP(host)) return;
  try {
    const a = await lookup(host);
    steps.push({ step: 'DNS', ok: true, detail: `${host} → ${a.address}` });
  } catch (err) {
    const f = classifyNetworkError(err, host);
    steps.push({ step: 'DNS', ok: false, detail: f.message });
    throw f;
  }
}

// ---------------------------------------------------------------- IMAP

export interface ImapTarget {
  host: string;
  port: number;
  useSsl: boolean;
  user: string;
  maxSessions: number;
}

// imapflow is loaded when a Test first needs it: requiring it at start-up cost every start ~55 ms.
const imapClient = async (t: ImapTarget, auth: ProbeAuth, opts: ProbeOptions): Promise<ImapFlow> =>
  new (await import('imapflow')).ImapFlow({
    host: t.host,
    port: t.port,
    secure: t.useSsl,
    doSTARTTLS: t.useSsl ? undefined : true,
    auth:
      auth.kind === 'oauth'
        ? { user: t.user, accessToken: auth.accessToken ?? '' }
        : { user: t.user, pass: auth.kind === 'password' ? (auth.password ?? '') : '' },
    tls: tlsOptions(t.host, opts),
    logger: false,
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
    disableAutoIdle: true,
    verifyOnly: false,
  });

function imapFailure(err: unknown, where: string, stage: 'connect' | 'select' | 'session'): ProbeFailure {
  const e = err as {
    authenticationFailed?: boolean;
    responseText?: string;
    serverResponseCode?: string;
    code?: string;
    message?: string;
    cause?: unknown;
  };
  if (e?.authenticationFailed || e?.serverResponseCode === 'AUTHENTICATIONFAILED')
    return new ProbeFailure(
      'authentication',
      `${where} refused the sign-in: ${(e.responseText ?? 'wrong user name or password (or token)').replace(/\.+$/, '')}.`,
    );
  if (stage === 'select')
    return new ProbeFailure('mailbox', `INBOX cannot be opened on ${where}: ${e?.responseText ?? e?.message ?? err}`);
  if (/maximum number of (connections|sessions)|too many/i.test(`${e?.responseText ?? ''} ${e?.message ?? ''}`))
    return new ProbeFailure('sessions', `${where} refused another session: ${e?.responseText ?? e?.message}`);
  if (e?.code === 'NoConnection' || /STARTTLS/i.test(e?.message ?? ''))
    if (/STARTTLS/i.test(e?.message ?? ''))
      return new ProbeFailure('tls-protocol', `${where} does not offer STARTTLS: turn on Use SSL or use port 993.`);
  if (e?.cause) return classifyNetworkError(e.cause, where);
  return classifyNetworkError(err, where);
}

export async function probeImap(t: ImapTarget, auth: ProbeAuth, opts: ProbeOptions): Promise<Outcome> {
  const where = `${t.host}:${t.port}`;
  const steps: Step[] = [];
  const done = (failure: ProbeFailure | null, message: string): Outcome => ({
    protocol: 'imap',
    target: where,
    ok: failure === null,
    failure: failure?.failure ?? null,
    message,
    steps,
  });
  if (auth.kind === 'password' && !auth.password)
    return done(new ProbeFailure('no-secret', ''), `No password is stored for ${where}: enter it and save first.`);
  if (auth.kind === 'oauth' && !auth.accessToken)
    return done(new ProbeFailure('no-secret', ''), `No OAuth token for ${where}: run Get Code first.`);
  const clients: ImapFlow[] = [];
  try {
    await resolveHost(t.host, steps);
    const c = await imapClient(t, auth, opts);
    c.on('error', () => {});
    clients.push(c);
    try {
      await c.connect();
    } catch (err) {
      throw imapFailure(err, where, 'connect');
    }
    steps.push({
      step: t.useSsl ? 'TLS + sign-in' : 'STARTTLS + sign-in',
      ok: true,
      detail: `${auth.kind === 'oauth' ? 'AUTHENTICATE XOAUTH2' : 'LOGIN'} as ${t.user}`,
    });
    try {
      const box = await c.mailboxOpen('INBOX', { readOnly: true });
      steps.push({ step: 'SELECT INBOX', ok: true, detail: `${box.exists} messages` });
    } catch (err) {
      throw imapFailure(err, where, 'select');
    }
    // Maximum IMAP sessions: the server must allow that many at once for this account.
    for (let n = 2; n <= t.maxSessions; n++) {
      const more = await imapClient(t, auth, opts);
      more.on('error', () => {});
      clients.push(more);
      try {
        await more.connect();
        await more.mailboxOpen('INBOX', { readOnly: true });
      } catch (err) {
        const f = imapFailure(err, where, 'session');
        throw new ProbeFailure(
          'sessions',
          `Session ${n} of the ${t.maxSessions} allowed by Maximum IMAP sessions was refused: ${f.message}`,
        );
      }
    }
    if (t.maxSessions > 1) steps.push({ step: 'Sessions', ok: true, detail: `${t.maxSessions} sessions at once` });
    return done(null, `Signed in to ${where} as ${t.user} and opened INBOX.`);
  } catch (err) {
    const f = err instanceof ProbeFailure ? err : classifyNetworkError(err, where);
    steps.push({ step: 'Failed', ok: false, detail: f.message });
    return done(f, f.message);
  } finally {
    for (const c of clients) {
      try {
        if (c.usable) await c.logout();
        else c.close();
      } catch {
        c.close();
      }
    }
  }
}

// ---------------------------------------------------------------- SMTP

export interface SmtpTarget {
  host: string;
  port: number;
  useSsl: boolean;
  user: string;
  /** MAIL FROM (the heartbeat address); '' uses the user name, else <>. */
  from: string;
}

interface Reply {
  code: number;
  lines: string[];
}

/** One SMTP conversation on a socket that can be upgraded to TLS. */
class SmtpWire {
  private buffer = '';
  private pending: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  private lines: string[] = [];
  private failed: Error | null = null;
  constructor(
    private socket: Socket | TLSSocket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }
  private attach(s: Socket | TLSSocket) {
    s.setEncoding('utf8');
    s.on('data', (d: string) => this.onData(d));
    s.on('error', (e) => this.fail(e));
    s.on('close', () => this.fail(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' })));
  }
  private fail(e: Error) {
    this.failed ??= e;
    const p = this.pending;
    this.pending = null;
    p?.reject(e);
  }
  private onData(d: string) {
    this.buffer += d;
    let i: number;
    while ((i = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, i).replace(/\r$/, '');
      this.buffer = this.buffer.slice(i + 1);
      this.lines.push(line);
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), lines: this.lines.map((l) => l.slice(4)) };
        this.lines = [];
        const p = this.pending;
        this.pending = null;
        p?.resolve(reply);
      }
    }
  }
  read(): Promise<Reply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })),
        this.timeoutMs,
      );
      this.pending = {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }
  send(line: string): Promise<Reply> {
    const r = this.read();
    this.socket.write(`${line}\r\n`);
    return r;
  }
  async startTls(host: string, opts: ProbeOptions): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    plain.on('error', () => {});
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const s = tlsConnect({ socket: plain, ...tlsOptions(host, opts) });
      s.once('secureConnect', () => resolve(s));
      s.once('error', reject);
      setTimeout(
        () => reject(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' })),
        this.timeoutMs,
      ).unref();
    });
    this.socket = secure;
    this.attach(secure);
  }
  close() {
    this.socket.destroy();
  }
}

function openSocket(t: SmtpTarget, opts: ProbeOptions): Promise<Socket | TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = t.useSsl
      ? tlsConnect({ host: t.host, port: t.port, ...tlsOptions(t.host, opts) })
      : netConnect({ host: t.host, port: t.port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(Object.assign(new Error(`connect timed out after ${opts.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, opts.timeoutMs);
    s.once(t.useSsl ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const replyText = (r: Reply) => `${r.code} ${r.lines.join(' ')}`.trim();

export async function probeSmtp(t: SmtpTarget, auth: ProbeAuth, opts: ProbeOptions): Promise<Outcome> {
  const where = `${t.host}:${t.port}`;
  const steps: Step[] = [];
  const done = (failure: ProbeFailure | null, message: string): Outcome => ({
    protocol: 'smtp',
    target: where,
    ok: failure === null,
    failure: failure?.failure ?? null,
    message,
    steps,
  });
  if (auth.kind === 'password' && !auth.password)
    return done(new ProbeFailure('no-secret', ''), `No password is stored for ${where}: enter it and save first.`);
  if (auth.kind === 'oauth' && !auth.accessToken)
    return done(new ProbeFailure('no-secret', ''), `No OAuth token for ${where}: run Get Code first.`);
  let wire: SmtpWire | null = null;
  try {
    await resolveHost(t.host, steps);
    let socket: Socket | TLSSocket;
    try {
      socket = await openSocket(t, opts);
    } catch (err) {
      throw classifyNetworkError(err, where);
    }
    wire = new SmtpWire(socket, opts.timeoutMs);
    const w = wire;
    const net = async <T>(p: Promise<T>) => {
      try {
        return await p;
      } catch (err) {
        throw classifyNetworkError(err, where);
      }
    };
    steps.push({ step: t.useSsl ? 'TCP + TLS' : 'TCP', ok: true, detail: where });
    const greeting = await net(w.read());
    if (greeting.code !== 220) throw new ProbeFailure('other', `${where} greeted with ${replyText(greeting)}.`);
    let ehlo = await net(w.send('EHLO ccm.localdomain'));
    if (ehlo.code !== 250) throw new ProbeFailure('other', `EHLO was refused: ${replyText(ehlo)}.`);
    steps.push({ step: 'EHLO', ok: true, detail: ehlo.lines[0] ?? '' });
    const caps = () => ehlo.lines.map((l) => l.toUpperCase());
    if (!t.useSsl) {
      if (!caps().some((c) => c.startsWith('STARTTLS')))
        throw new ProbeFailure('tls-protocol', `${where} does not offer STARTTLS: turn on Use SSL or use port 465.`);
      const go = await net(w.send('STARTTLS'));
      if (go.code !== 220) throw new ProbeFailure('tls-protocol', `STARTTLS was refused: ${replyText(go)}.`);
      await net(w.startTls(t.host, opts));
      // RFC 3207: the capabilities are asked again over TLS; what the server offers now counts.
      ehlo = await net(w.send('EHLO ccm.localdomain'));
      if (ehlo.code !== 250) throw new ProbeFailure('other', `EHLO after STARTTLS was refused: ${replyText(ehlo)}.`);
      steps.push({ step: 'STARTTLS', ok: true, detail: 'TLS' });
    }
    if (auth.kind !== 'none') {
      const authLine = caps().find((c) => c.startsWith('AUTH'));
      const mechs = authLine ? authLine.split(/[ =]/).slice(1) : [];
      let r: Reply;
      if (auth.kind === 'oauth') {
        if (!mechs.includes('XOAUTH2'))
          throw new ProbeFailure(
            'authentication',
            `${where} does not offer AUTH XOAUTH2 (it offers ${mechs.join(', ') || 'none'}).`,
          );
        const token = Buffer.from(`user=${t.user}\x01auth=Bearer ${auth.accessToken}\x01\x01`).toString('base64');
        r = await net(w.send(`AUTH XOAUTH2 ${token}`));
        if (r.code === 334) r = await net(w.send(''));
      } else {
        if (!mechs.includes('PLAIN') && !mechs.includes('LOGIN'))
          throw new ProbeFailure('authentication', `${where} does not offer AUTH PLAIN or LOGIN.`);
        const plain = Buffer.from(`\0${t.user}\0${auth.password}`).toString('base64');
        r = await net(w.send(`AUTH PLAIN ${plain}`));
      }
      if (r.code !== 235)
        throw new ProbeFailure('authentication', `${where} refused the sign-in as ${t.user}: ${replyText(r)}.`);
      steps.push({ step: 'AUTH', ok: true, detail: `${auth.kind === 'oauth' ? 'XOAUTH2' : 'PLAIN'} as ${t.user}` });
    }
    const from = t.from || (t.user.includes('@') ? t.user : '');
    const mail = await net(w.send(`MAIL FROM:<${from}>`));
    if (mail.code !== 250)
      throw new ProbeFailure(
        'from-refused',
        `${where} refused MAIL FROM:<${from}> (${replyText(mail)}): check the Heartbeat E-mail Address.`,
      );
    steps.push({ step: 'MAIL FROM', ok: true, detail: `<${from}> accepted (nothing sent)` });
    await net(w.send('RSET')).catch(() => undefined);
    await w.send('QUIT').catch(() => undefined);
    return done(null, `${where} accepted the sign-in and MAIL FROM:<${from}>; no message was sent.`);
  } catch (err) {
    const f = err instanceof ProbeFailure ? err : classifyNetworkError(err, where);
    steps.push({ step: 'Failed', ok: false, detail: f.message });
    return done(f, f.message);
  } finally {
    wire?.close();
  }
}
