/**
 * Test-only SMTP server on 127.0.0.1 (the `smtp-server` package from the nodemailer project):
 * implicit TLS or STARTTLS with the test CA's certificate, AUTH PLAIN/LOGIN (and XOAUTH2 when a
 * token check is given), a From address it refuses, and every received message kept raw and
 * parsed with mailparser so tests read back what was really delivered. It binds its own port and
 * retries another one on EADDRINUSE; `stop()`/`restart()` take it down and up on the same port.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { testCa } from './testCa';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
  messageId: string | undefined;
  /** The session was over TLS (implicit, or after STARTTLS). */
  secure: boolean;
}

export interface TestSmtpOptions {
  /** Implicit TLS (like 465); otherwise plain with STARTTLS offered (like 587). */
  secure?: boolean;
  /** Plain without STARTTLS: the EHLO answer does not offer it (a server that cannot do TLS). */
  noStartTls?: boolean;
  /** user → password; empty/undefined: AUTH optional and anyone is accepted. */
  users?: Record<string, string>;
  /** MAIL FROM addresses answered 553. */
  refuseFrom?: string[];
  /** RCPT TO addresses answered 550 (a message refused for good). */
  refuseTo?: string[];
  /** XOAUTH2: answers the user name for a valid access token, or null. */
  checkToken?: (user: string, token: string) => Promise<boolean>;
  /** The certificate presented (default: the test CA's localhost/127.0.0.1 certificate). */
  cert?: 'server' | 'wrongHost' | 'untrusted';
  /** Each received message, before the server answers 250 to it (e.g. to kill the sender in that window). */
  onMessage?: (m: ReceivedMail) => void | Promise<void>;
}

export interface TestSmtp {
  host: '127.0.0.1';
  port: number;
  received: ReceivedMail[];
  /** Resolves when `received` has at least n messages. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Close the listener and the open sessions (the port is kept for restart()). */
  stop(): Promise<void>;
  restart(): Promise<void>;
}

const randomPort = () => 20000 + Math.floor(Math.random() * 40000);

export async function startSmtpServer(opts: TestSmtpOptions = {}): Promise<TestSmtp> {
  const ca = testCa();
  const cert = ca[opts.cert ?? 'server'];
  const received: ReceivedMail[] = [];
  const waiters: { n: number; resolve: (m: ReceivedMail[]) => void }[] = [];
  const users = opts.users ?? {};
  const requireAuth = Object.keys(users).length > 0 || Boolean(opts.checkToken);

  const options = (): SMTPServerOptions => ({
    secure: opts.secure === true,
    ...(opts.noStartTls ? { hideSTARTTLS: true, disabledCommands: ['STARTTLS'] } : {}),
    key: cert.keyPem,
    cert: cert.certPem,
    logger: false,
    authOptional: !requireAuth,
    authMethods: ['PLAIN', 'LOGIN', ...(opts.checkToken ? ['XOAUTH2'] : [])],
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (auth.method === 'XOAUTH2') {
        void (opts.checkToken?.(auth.username ?? '', auth.accessToken ?? '') ?? Promise.resolve(false)).then((ok) =>
          ok ? cb(null, { user: auth.username }) : cb(null, { data: { status: '401', schemes: 'bearer' } }),
        );
        return;
      }
      if (auth.username && users[auth.username] !== undefined && users[auth.username] === auth.password)
        return cb(null, { user: auth.username });
      cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(address, _session, cb) {
      if (opts.refuseFrom?.some((a) => a.toLowerCase() === address.address.toLowerCase()))
        return cb(Object.assign(new Error(`Sender address rejected: not owned by user`), { responseCode: 553 }));
      cb();
    },
    onRcptTo(address, _session, cb) {
      if (opts.refuseTo?.some((a) => a.toLowerCase() === address.address.toLowerCase()))
        return cb(Object.assign(new Error(`Mailbox unavailable: no such user`), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then(
          (parsed) => {
            const m: ReceivedMail = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
              messageId: parsed.messageId,
              secure: session.secure === true,
            };
            received.push(m);
            void Promise.resolve(opts.onMessage?.(m)).then(() => {
              for (const w of [...waiters])
                if (received.length >= w.n) {
                  waiters.splice(waiters.indexOf(w), 1);
                  w.resolve(received.slice());
                }
              cb();
            });
          },
          (err: Error) => cb(err),
        );
      });
    },
  });

  let server: SMTPServer;
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer(options());
      const onError = (err: NodeJS.ErrnoException) => reject(err);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.removeListener('error', onError);
        server.on('error', () => {});
        resolve();
      });
    });

  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = randomPort();
    try {
      await listen(port);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 20) throw err;
    }
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      // close() waits for open sessions; end them so the port is really free.
      const s = server as unknown as { connections?: Set<{ close(): void }> };
      s.connections?.forEach((c) => c.close());
      server.close(() => resolve());
    });
  return {
    host: '127.0.0.1',
    port,
    received,
    waitFor(n, timeoutMs = 60_000) {
      if (received.length >= n) return Promise.resolve(received.slice());
      return new Promise((resolve, reject) => {
        const w = { n, resolve };
        waiters.push(w);
        setTimeout(() => {
          if (waiters.includes(w)) reject(new Error(`only ${received.length} of ${n} messages received`));
        }, timeoutMs).unref();
      });
    },
    stop,
    async restart() {
      for (let attempt = 0; ; attempt++) {
        try {
          await listen(port);
          return;
        } catch (err) {
          if (attempt > 50) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
  };
}
