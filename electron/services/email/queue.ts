import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
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
 * is tried again 30 s later (the next pass is scheduled for its next_attempt_at). A kill at any
 * moment loses nothing: the only window is between the server's 250 and the delete's commit,
 * where the message is sent again after a restart — with the same Message-ID, so the receiving
 * side can tell. That window holds at most BATCH accepted messages (at most COMMIT_MS of sending).
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
  /**
   * Outgoing e-mail's Proxy "System Parameters proxy": opens the TCP connection to host:port
   * through it (null: direct — no proxy set, or the host is on its bypass list). Absent: direct.
   */
  connect?: () => Promise<Socket | null>;
}

/**
 * The nodemailer options of a connection with these settings (the queue's pooled transport and
 * Outgoing e-mail's Test): the TLS mode the port implies, the login, and the proxy tunnel if any.
 * nodemailer does TLS (implicit or STARTTLS) over the tunnelled socket itself, so the server's
 * certificate is checked exactly as on a direct connection.
 */
export function smtpTransportOptions(s: SmtpSendSettings, token?: string) {
  const connect = s.connect;
  return {
    host: s.host,
    port: s.port,
    secure: s.tls === 'implicit',
    requireTLS: s.tls === 'starttls',
    auth: token
      ? { type: 'OAuth2' as const, user: s.user, accessToken: token }
      : s.user
        ? { user: s.user, pass: s.password ?? '' }
        : undefined,
    tls: { ca: s.ca, minVersion: 'TLSv1.2' as const },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    ...(connect
      ? {
          getSocket: (_o: unknown, done: (err: Error | null, socket?: { connection: Socket } | false) => void) => {
            connect().then(
              (socket) => done(null, socket ? { connection: socket } : false),
              (err: Error) => done(err),
            );
          },
        }
      : {}),
  };
}

export interface QueuedMail {
  to: string[];
  subject: string;
  text: string;
  /** What generated it ('test', 'alarm-rule:3', …), for the queue view. */
  origin: string;
  /** The tenant's e-mail server marked Reporting it goes out through; absent/null: Outgoing e-mail. */
  serverId?: number | null;
}

/** The hour window of a server's "Message rate limit per hour". */
export const RATE_WINDOW_MS = 3_600_000;

/** A Reporting e-mail server's sending settings and its limit (0 = none). */
export interface ServerSendSettings {
  settings: SmtpSendSettings;
  ratePerHour: number;
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
        server_id: m.serverId ?? null,
        wait_reason: null,
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
  /**
   * A Reporting e-mail server's settings and rate limit; null = it cannot send now (its messages
   * stay queued); 'gone' = the server was deleted (its messages go out through Outgoing e-mail).
   */
  serverSettings?: (serverId: number) => Promise<ServerSendSettings | null | 'gone'>;
  /** The clock of the hour window (tests). */
  now?: () => Date;
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
  /** One pooled connection per lane (Outgoing e-mail, each Reporting server). */
  private transports = new Map<string, { key: string; t: Transporter }>();
  private stopped = false;
  /** start() was called: after each pass the next one is scheduled. */
  private started = false;
  /** When this console last renewed the sender lease (0: not held). */
  private leaseAt = 0;
  readonly retryMs: number;

  constructor(private readonly opts: MailQueueOptions) {
    this.retryMs = opts.retryMs ?? RETRY_MS;
  }

  /**
   * Starts the queue: a first pass now, then after each pass the next one at the earliest
   * next_attempt_at of the queued rows (at the latest retryMs later). A fixed interval would
   * not do: a failure is recorded a few ms after the tick that found it, so the next tick 30 s
   * later finds it not yet due and the retry would come only after 60 s.
   */
  start(): void {
    this.stopped = false;
    this.started = true;
    this.kick();
  }

  /** Runs a pass soon (new messages, retry now, settings saved). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .catch((err) => this.opts.log?.warn('mail queue pass failed', { error: describe(err) }))
      .then(() => this.schedule())
      .catch((err) => {
        this.opts.log?.warn('mail queue schedule failed', { error: describe(err) });
        this.arm(this.retryMs);
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** The next pass: when the earliest queued row not yet due becomes due, at the latest retryMs from now. */
  private async schedule(): Promise<void> {
    if (!this.started || this.stopped) return;
    const db = this.opts.db();
    let delay = this.retryMs;
    if (db) {
      const now = this.clock();
      const next = await db
        .selectFrom('email_queue')
        .select((e) => e.fn.min('next_attempt_at').as('at'))
        .where('state', '=', 'queued')
        .where('next_attempt_at', '>', now.toISOString())
        .executeTakeFirst();
      // Rows already due but not sent wait on something else (their lane's server, the lease): retryMs.
      // The few ms of slack: a timer may fire a little before the wall clock reaches its row.
      if (next?.at) delay = Math.min(delay, Math.max(0, Date.parse(next.at) - now.getTime()) + 5);
    }
    this.arm(delay);
  }

  private arm(delay: number): void {
    if (!this.started || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delay);
    this.timer.unref?.();
  }

  /** Resolves when no pass is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
    for (const t of this.transports.values()) t.t.close();
    this.transports.clear();
  }

  private drop(lane: string): void {
    this.transports.get(lane)?.t.close();
    this.transports.delete(lane);
  }

  private clock(): Date {
    return this.opts.now?.() ?? new Date();
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

  /** `token`: the XOAUTH2 access token (a pooled transport ignores a per-message auth, so it is the transport's). */
  private transporter(lane: string, s: SmtpSendSettings, token?: string): Transporter {
    const key = JSON.stringify([s.host, s.port, s.tls, s.user, s.password, s.ca, token ?? null, !!s.connect]);
    const cur = this.transports.get(lane);
    if (cur?.key === key) return cur.t;
    cur?.t.close();
    const t = nodemailer.createTransport({
      pool: true,
      maxConnections: 1,
      maxMessages: Infinity,
      ...smtpTransportOptions(s, token),
      socketTimeout: 30_000,
    });
    this.transports.set(lane, { key, t });
    return t;
  }

  /**
   * One pass: each lane — Outgoing e-mail (server_id null) and each Reporting server with queued
   * messages — is drained on its own, so a server that is down or over its rate limit does not
   * hold back the others; within a lane the order is the queue order.
   */
  private async drain(): Promise<void> {
    const db = this.opts.db();
    if (!db) return;
    this.leaseAt = 0; // each pass starts by taking or renewing the lease
    if (!(await this.renew(db))) return;
    const lanes = await db
      .selectFrom('email_queue')
      .select('server_id')
      .distinct()
      .where('state', '=', 'queued')
      .execute();
    const outgoing = await this.opts.settings();
    // Outgoing e-mail first, then the servers in id order.
    const ids = lanes.map((l) => l.server_id).sort((a, b) => (a ?? 0) - (b ?? 0));
    for (const serverId of ids) {
      if (this.stopped) return;
      if (serverId === null) {
        if (outgoing) await this.drainLane(db, null, outgoing, 0);
        continue;
      }
      const srv = (await this.opts.serverSettings?.(serverId)) ?? 'gone';
      if (srv === 'gone') {
        // The server was deleted: its messages are not dropped, they go out through Outgoing e-mail.
        await db
          .updateTable('email_queue')
          .set({ server_id: null, wait_reason: null })
          .where('server_id', '=', serverId)
          .execute();
        if (outgoing) await this.drainLane(db, null, outgoing, 0);
        continue;
      }
      if (srv) await this.drainLane(db, serverId, srv.settings, srv.ratePerHour);
    }
  }

  /** Takes or renews the sender lease (at most every 5 s); false: another console sends. */
  private async renew(db: Kysely<Database>): Promise<boolean> {
    const now = new Date();
    if (now.getTime() - this.leaseAt <= 5_000) return true;
    if (!(await this.holdLease(db, now))) return false;
    this.leaseAt = now.getTime();
    return true;
  }

  /**
   * The rate limit of a server: how many it accepted in the last hour (email_sent, so a restart
   * does not reset it) and, when that is the limit, when the window frees the next slot.
   */
  private async window(db: Kysely<Database>, serverId: number, limit: number) {
    const since = new Date(this.clock().getTime() - RATE_WINDOW_MS).toISOString();
    await db.deleteFrom('email_sent').where('sent_at', '<=', since).execute();
    const sent = await db
      .selectFrom('email_sent')
      .select('sent_at')
      .where('server_id', '=', serverId)
      .where('sent_at', '>', since)
      .orderBy('sent_at')
      .execute();
    const freeAt = (extra: number) => {
      // With `extra` accepted since, the slot frees when the (used + extra − limit + 1)th oldest leaves the window.
      const k = sent.length + extra - limit;
      const at = k < sent.length ? Date.parse(sent[k]!.sent_at) : this.clock().getTime();
      return new Date(at + RATE_WINDOW_MS);
    };
    return { used: sent.length, freeAt };
  }

  /**
   * Sends the due messages of one lane in order until it is empty, the server fails or its rate
   * limit is reached. Rows are read BATCH at a time and sent one after the other on the lane's
   * pooled connection (each awaits its 250, so the order on the wire is the queue order); the rows
   * the server accepted are deleted together in one transaction after their 250s (with their
   * email_sent entries) — at the end of the batch, before any failure is recorded, and at the
   * latest every COMMIT_MS — instead of one commit per message.
   */
  private async drainLane(
    db: Kysely<Database>,
    serverId: number | null,
    s: SmtpSendSettings,
    limit: number,
  ): Promise<void> {
    const lane = serverId === null ? 'outgoing' : `server:${serverId}`;
    const inLane = (e: ExpressionBuilder<Database, 'email_queue'>) =>
      serverId === null ? e('server_id', 'is', null) : e('server_id', '=', serverId);
    const accepted: { id: number; messageId: string }[] = [];
    let since = Date.now();
    const commit = async () => {
      if (accepted.length === 0) return;
      const done = accepted.splice(0);
      const at = this.clock().toISOString();
      // Accepted (250): only now are the messages removed, in one transaction with their count.
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('email_queue')
          .where(
            'id',
            'in',
            done.map((d) => d.id),
          )
          .execute();
        if (serverId !== null)
          await tx
            .insertInto('email_sent')
            .values(done.map(() => ({ server_id: serverId, sent_at: at })))
            .execute();
      });
      since = Date.now();
      for (const d of done) this.opts.onSent?.(d.messageId);
    };
    const win = serverId !== null && limit > 0 ? await this.window(db, serverId, limit) : null;
    let sentHere = 0;
    try {
      for (;;) {
        if (this.stopped) return;
        if (!(await this.renew(db))) return;
        const after = accepted.length ? accepted[accepted.length - 1]!.id : 0;
        const rows = await db
          .selectFrom('email_queue')
          .selectAll()
          .where('state', '=', 'queued')
          .where(inLane)
          .where('id', '>', after)
          .orderBy('id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) return;
        for (const row of rows) {
          if (this.stopped) return;
          // In order: while the oldest waits for its retry, the later ones wait behind it.
          if (row.next_attempt_at > this.clock().toISOString()) return;
          if (win && win.used + sentHere >= limit) {
            // Over the server's limit: nothing is dropped; the lane waits, in order, for the next slot.
            await commit();
            const slot = win.freeAt(sentHere).toISOString();
            await db
              .updateTable('email_queue')
              .set({ next_attempt_at: slot, wait_reason: `rate limit: next slot at ${slot}` })
              .where('state', '=', 'queued')
              .where(inLane)
              .where('id', '>=', row.id)
              .execute();
            this.opts.log?.info('mail held by the rate limit', { serverId, limit, nextSlot: slot });
            return;
          }
          try {
            const t = this.transporter(lane, s, s.accessToken ? await s.accessToken() : undefined);
            await t.sendMail({
              messageId: row.message_id,
              date: new Date(row.created_at),
              from: s.from,
              to: JSON.parse(row.to_addrs) as string[],
              subject: row.subject,
              text: row.body_text,
              headers: { 'X-CCM-Queue-Id': String(row.id) },
            });
          } catch (err) {
            await commit();
            const failedAt = this.clock();
            const at = failedAt.toISOString();
            const failed = permanent(err);
            await db
              .updateTable('email_queue')
              .set({
                attempts: sql`attempts + 1`,
                last_error: describe(err),
                last_attempt_at: at,
                state: failed ? 'failed' : 'queued',
                next_attempt_at: new Date(failedAt.getTime() + this.retryMs).toISOString(),
                wait_reason: null,
              })
              .where('id', '=', row.id)
              .execute();
            this.opts.log?.info('mail not sent', { id: row.id, error: describe(err), permanent: failed });
            if (failed) continue; // this message is refused for good; the others still go, in order
            // The server is wrong or unreachable: drop the connection, wait for the next pass.
            this.drop(lane);
            return;
          }
          sentHere++;
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
