import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../connectors/db/schema';

/**
 * The durable outgoing-mail queue (Outgoing e-mail, "Email queuing for high reliability"): a
 * message is a row of `email_queue` from the moment it is generated; the sender takes the
 * oldest due rows, hands them to the SMTP server (nodemailer, one pooled connection, one message
 * at a time, in id order) and deletes a row only after the server answered 250 to it (the
 * accepted rows of a batch are deleted together, at most BATCH of them or COMMIT_MS after the
 * first).
 * When the server is wrong or unreachable the row stays, with its attempts and last error, and
 * the queue is tried again every 30 s. A kill at any moment loses nothing: the only window is
 * between the server's 250 and the delete's commit, where the message is sent again after a
 * restart — with the same Message-ID, so the receiving side can tell. That window holds at most
 * BATCH accepted messages (at most COMMIT_MS of sending).
 *
 * One sender per database: the console that holds the lease on `email_outgoing` (renewed at
 * each pass, taken over when it expires) sends; the others only enqueue.
 */

export const RETRY_MS = 30_000;
const LEASE_MS = 90_000;
/** Rows read per query, and the most accepted messages whose delete is not yet committed. */
export const BATCH = 50;
/** Accepted messages are deleted at the latest this long after the first of them. */
const COMMIT_MS = 100;

export interface SmtpSendSettings {
  host: string;
  port: number;
  /** implicit TLS (465), STARTTLS required (587), or the server's choice (25: STARTTLS when offered). */
  tls: 'implicit' | 'starttls' | 'opportunistic';
  user: string;
  password: string | null;
  from: string;
  ca?: string[];
  /** XOAUTH2 (Office 365 client credentials): a fresh access token per connection. */
  accessToken?: () => Promise<string>;
}

export interface QueuedMail {
  to: string[];
  subject: string;
  text: string;
  /** What generated it ('test', 'alarm-rule:3', …), for the queue view. */
  origin: string;
}

/** A stable, unique Message-ID, fixed when the message is queued. */
export const newMessageId = () => `<${randomUUID()}@ccm.console>`;

/** Puts messages into the queue (in the caller's transaction when given one). */
export async function enqueueMail(db: Kysely<Database>, mails: QueuedMail[], now = new Date()): Promise<number[]> {
  const ids: number[] = [];
  for (const m of mails) {
    const row = await db
      .insertInto('email_queue')
      .values({
        message_id: newMessageId(),
        created_at: now.toISOString(),
        origin: m.origin,
        to_addrs: JSON.stringify(m.to),
        subject: m.subject,
        body_text: m.text,
        state: 'queued',
        attempts: 0,
        last_error: null,
        last_attempt_at: null,
        next_attempt_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(Number(row.id));
  }
  return ids;
}

/** Whether a failure is about this message (the server refused it for good) rather than the connection. */
function permanent(err: unknown): boolean {
  const e = err as { responseCode?: number; command?: string };
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && /RCPT|DATA|MAIL/i.test(e.command ?? '');
}

const describe = (err: unknown) => {
  const e = err as { code?: string; response?: string; message?: string };
  return (e.response ?? e.message ?? String(err)).slice(0, 500);
};

export interface MailQueueOptions {
  db: () => Kysely<Database> | null;
  /** The current settings; null = not configured or disabled (nothing is sent). */
  settings: () => Promise<SmtpSendSettings | null>;
  owner: string;
  retryMs?: number;
  log?: { info(msg: string, f?: object): void; warn(msg: string, f?: object): void };
  /** Called after each message the server accepted (bench, tests). */
  onSent?: (messageId: string) => void;
}

export class MailQueue {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private transport: { key: string; t: Transporter } | null = null;
  private stopped = false;
  /** When this console last renewed the sender lease (0: not held). */
  private leaseAt = 0;
  readonly retryMs: number;

  constructor(private readonly opts: MailQueueOptions) {
    this.retryMs = opts.retryMs ?? RETRY_MS;
  }

  /** Starts the 30-second retry timer and a first pass. */
  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.retryMs);
    this.timer.unref?.();
    this.kick();
  }

  /** Runs a pass soon (new messages, retry now, settings saved). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err) => this.opts.log?.warn('mail queue pass failed', { error: describe(err) }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no pass is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
    this.transport?.t.close();
    this.transport = null;
  }

  private async holdLease(db: Kysely<Database>, now: Date): Promise<boolean> {
    const res = await db
      .updateTable('email_outgoing')
      .set({ worker_owner: this.opts.owner, worker_until: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('id', '=', 1)
      .where((e) =>
        e.or([
          e('worker_owner', '=', this.opts.owner),
          e('worker_until', 'is', null),
          e('worker_until', '<', now.toISOString()),
        ]),
      )
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private transporter(s: SmtpSendSettings): Transporter {
    const key = JSON.stringify([s.host, s.port, s.tls, s.user, s.password, s.ca, Boolean(s.accessToken)]);
    if (this.transport?.key === key) return this.transport.t;
    this.transport?.t.close();
    const t = nodemailer.createTransport({
      pool: true,
      maxConnections: 1,
      maxMessages: Infinity,
      host: s.host,
      port: s.port,
      secure: s.tls === 'implicit',
      requireTLS: s.tls === 'starttls',
      auth: s.accessToken ? undefined : s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
      tls: { ca: s.ca, minVersion: 'TLSv1.2' },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    this.transport = { key, t };
    return t;
  }

  /**
   * Sends the due messages in order until the queue is empty or the server fails. Rows are read
   * BATCH at a time and sent one after the other on the pooled connection (each awaits its 250,
   * so the order on the wire is the queue order); the rows the server accepted are deleted
   * together in one transaction after their 250s — at the end of the batch, before any failure
   * is recorded, and at the latest every COMMIT_MS — instead of one commit per message.
   */
  private async drain(): Promise<void> {
    const db = this.opts.db();
    if (!db) return;
    const s = await this.opts.settings();
    if (!s) return;
    this.leaseAt = 0; // each pass starts by taking or renewing the lease
    const accepted: { id: number; messageId: string }[] = [];
    let since = Date.now();
    const commit = async () => {
      if (accepted.length === 0) return;
      const done = accepted.splice(0);
      // Accepted (250): only now are the messages removed, in one transaction.
      await db
        .deleteFrom('email_queue')
        .where(
          'id',
          'in',
          done.map((d) => d.id),
        )
        .execute();
      since = Date.now();
      for (const d of done) this.opts.onSent?.(d.messageId);
    };
    try {
      for (;;) {
        if (this.stopped) return;
        const now = new Date();
        // The lease (90 s) is renewed at most every 5 s, not per message.
        if (now.getTime() - this.leaseAt > 5_000) {
          if (!(await this.holdLease(db, now))) return;
          this.leaseAt = now.getTime();
        }
        const after = accepted.length ? accepted[accepted.length - 1]!.id : 0;
        const rows = await db
          .selectFrom('email_queue')
          .selectAll()
          .where('state', '=', 'queued')
          .where('id', '>', after)
          .orderBy('id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) return;
        for (const row of rows) {
          if (this.stopped) return;
          // In order: while the oldest waits for its retry, the later ones wait behind it.
          if (row.next_attempt_at > new Date().toISOString()) return;
          try {
            const t = this.transporter(s);
            await t.sendMail({
              messageId: row.message_id,
              date: new Date(row.created_at),
              from: s.from,
              to: JSON.parse(row.to_addrs) as string[],
              subject: row.subject,
              text: row.body_text,
              headers: { 'X-CCM-Queue-Id': String(row.id) },
              ...(s.accessToken ? { auth: { user: s.user, accessToken: await s.accessToken() } } : {}),
            });
          } catch (err) {
            await commit();
            const at = new Date().toISOString();
            const failed = permanent(err);
            await db
              .updateTable('email_queue')
              .set({
                attempts: sql`attempts + 1`,
                last_error: describe(err),
                last_attempt_at: at,
                state: failed ? 'failed' : 'queued',
                next_attempt_at: new Date(Date.now() + this.retryMs).toISOString(),
              })
              .where('id', '=', row.id)
              .execute();
            this.opts.log?.info('mail not sent', { id: row.id, error: describe(err), permanent: failed });
            if (failed) continue; // this message is refused for good; the others still go, in order
            // The server is wrong or unreachable: drop the connection, wait for the next pass.
            this.transport?.t.close();
            this.transport = null;
            return;
          }
          accepted.push({ id: row.id, messageId: row.message_id });
          if (accepted.length >= BATCH || Date.now() - since >= COMMIT_MS) await commit();
        }
        await commit();
      }
    } finally {
      await commit();
    }
  }
}
