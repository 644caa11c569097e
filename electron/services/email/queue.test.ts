import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../connectors/db/engine';
import { migrateToLatest } from '../../connectors/db/migrate';
import { ENGINES, newMigratedDb, newTarget } from '../../connectors/db/testing/engines';
import { mainDbParts } from '../../features';
import { buildWorkerForTest } from '../../testing/buildWorker';
import { startSmtpServer, type TestSmtp } from '../../testing/smtpServer';
import { testCa } from '../../testing/testCa';
import { BATCH, enqueueMail, MailQueue, RETRY_MS, type QueuedMail, type SmtpSendSettings } from './queue';
import './schema';

const mail = (i: number, to = 'ops@example.test'): QueuedMail => ({
  to: [to],
  subject: `Alarm ${i}`,
  text: `Alarm ${i} details`,
  origin: 'test',
});

async function outgoingRow(db: Db) {
  await db.kysely
    .insertInto('email_outgoing')
    .values({
      id: 1,
      enabled: 1,
      protocol: 'smtp',
      from_address: 'console@example.test',
      host: '127.0.0.1',
      port: 587,
      use_auth: 0,
      user_name: '',
      o365_client_id: '',
      o365_tenant_id: '',
      o365_authority: 'https://login.microsoftonline.com',
      configured: 1,
      worker_owner: null,
      worker_until: null,
      updated_at: new Date().toISOString(),
      updated_by: 'test',
    })
    .execute();
}

const queued = (db: Db) => db.kysely.selectFrom('email_queue').selectAll().orderBy('id').execute();

describe.each(ENGINES)('the durable mail queue (%s)', (engine) => {
  let db: Db;
  let smtp: TestSmtp;
  let refusing: TestSmtp;
  const settings = (port = smtp.port): SmtpSendSettings => ({
    host: '127.0.0.1',
    port,
    tls: 'starttls',
    user: '',
    password: null,
    from: 'console@example.test',
    ca: [testCa().caPem],
  });
  beforeAll(async () => {
    db = await newMigratedDb(engine);
    await outgoingRow(db);
    [smtp, refusing] = await Promise.all([startSmtpServer(), startSmtpServer({ refuseTo: ['gone@example.test'] })]);
  });
  afterAll(async () => {
    await Promise.all([smtp?.stop(), refusing?.stop()]);
    await db?.close();
  });

  it('sends one by one in queue order and removes a row only after the server accepted it; the Message-ID is the queued one', async () => {
    const before = smtp.received.length;
    await enqueueMail(
      db.kysely,
      Array.from({ length: 20 }, (_, i) => mail(i)),
    );
    const ids = (await queued(db)).map((r) => r.message_id);
    const q = new MailQueue({ db: () => db.kysely, settings: async () => settings(), owner: 'a' });
    q.kick();
    const got = (await smtp.waitFor(before + 20)).slice(before);
    await q.idle();
    expect(got.map((m) => m.messageId)).toEqual(ids);
    expect(got.map((m) => m.parsed.subject)).toEqual(Array.from({ length: 20 }, (_, i) => `Alarm ${i}`));
    expect(got[0]!.to).toEqual(['ops@example.test']);
    expect(await queued(db)).toEqual([]);
    await q.stop();
  });

  it('server unreachable: the messages stay queued with attempts and the error, retried 30 s later; back up, nothing overtakes the first before its retry', async () => {
    await smtp.stop();
    await enqueueMail(db.kysely, [mail(100), mail(101), mail(102)]);
    const q = new MailQueue({ db: () => db.kysely, settings: async () => settings(), owner: 'a' });
    expect(q.retryMs).toBe(RETRY_MS);
    expect(RETRY_MS).toBe(30_000);
    q.kick();
    await q.idle();
    const rows = await queued(db);
    expect(rows.map((r) => r.subject)).toEqual(['Alarm 100', 'Alarm 101', 'Alarm 102']);
    expect(rows[0]).toMatchObject({ state: 'queued', attempts: 1 });
    expect(rows[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(Date.parse(rows[0]!.next_attempt_at) - Date.parse(rows[0]!.last_attempt_at!)).toBeGreaterThanOrEqual(29_000);
    // The later ones wait behind the first (order), untouched.
    expect(rows.slice(1).map((r) => r.attempts)).toEqual([0, 0]);
    // Back up, but the first is not due yet: nothing overtakes it.
    await smtp.restart();
    q.kick();
    await q.idle();
    expect((await queued(db)).length).toBe(3);
    await q.stop();
  });

  it('the retries come every retryMs, not every second tick; back up, the next retry delivers in order', async () => {
    // A port nobody listens on (the server was stopped): every attempt is refused at once.
    const down = await startSmtpServer();
    await down.stop();
    await db.kysely.deleteFrom('email_queue').execute();
    const before = smtp.received.length;
    await enqueueMail(db.kysely, [mail(110), mail(111)]);
    const retryMs = 400;
    const attempts: number[] = [];
    let port = down.port;
    const q = new MailQueue({
      db: () => db.kysely,
      settings: async () => settings(port),
      owner: 'a',
      retryMs,
      log: {
        info: (msg) => {
          if (msg === 'mail not sent') attempts.push(Date.now());
        },
        warn: () => {},
      },
    });
    q.start();
    await expect.poll(() => attempts.length, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(5);
    const gaps = attempts.slice(1, 5).map((t, i) => t - attempts[i]!);
    // Each retry is retryMs after the failure (a fixed 400 ms interval made them 800 ms apart).
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(retryMs - 20);
      expect(g).toBeLessThan(retryMs * 1.5);
    }
    const rows = await queued(db);
    expect(rows[0]!.attempts).toBeGreaterThanOrEqual(5);
    expect(rows[1]!.attempts).toBe(0);
    // The server is back: the next retry (no kick) delivers both, in order.
    port = smtp.port;
    const got = (await smtp.waitFor(before + 2)).slice(before);
    expect(got.map((m) => m.parsed.subject)).toEqual(['Alarm 110', 'Alarm 111']);
    expect(got[0]!.messageId).toBe(rows[0]!.message_id);
    await q.idle();
    expect(await queued(db)).toEqual([]);
    await q.stop();
  });

  it('not configured: nothing is sent and nothing removed', async () => {
    await enqueueMail(db.kysely, [mail(200)]);
    const q = new MailQueue({ db: () => db.kysely, settings: async () => null, owner: 'a' });
    q.kick();
    await q.idle();
    expect((await queued(db)).map((r) => r.attempts)).toEqual([0]);
    await db.kysely.deleteFrom('email_queue').execute();
  });

  it('a message the server refuses for good is kept as failed; the ones after it still go', async () => {
    const before = refusing.received.length;
    await enqueueMail(db.kysely, [mail(300), mail(301, 'gone@example.test'), mail(302)]);
    const q = new MailQueue({ db: () => db.kysely, settings: async () => settings(refusing.port), owner: 'a' });
    q.kick();
    const got = (await refusing.waitFor(before + 2)).slice(before);
    await q.idle();
    expect(got.map((m) => m.parsed.subject)).toEqual(['Alarm 300', 'Alarm 302']);
    const rows = await queued(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject: 'Alarm 301', state: 'failed', attempts: 1 });
    expect(rows[0]!.last_error).toMatch(/550/);
    await db.kysely.deleteFrom('email_queue').execute();
    await q.stop();
  });

  it('one sender per database: another console does not send while the lease is held', async () => {
    await db.kysely
      .updateTable('email_outgoing')
      .set({ worker_owner: 'other-console', worker_until: new Date(Date.now() + 60_000).toISOString() })
      .execute();
    await enqueueMail(db.kysely, [mail(400)]);
    const q = new MailQueue({ db: () => db.kysely, settings: async () => settings(), owner: 'a' });
    q.kick();
    await q.idle();
    expect((await queued(db)).map((r) => r.attempts)).toEqual([0]);
    // The lease expires (the other console is gone): this one takes over.
    await db.kysely
      .updateTable('email_outgoing')
      .set({ worker_until: new Date(0).toISOString() })
      .execute();
    const before = smtp.received.length;
    q.kick();
    await smtp.waitFor(before + 1);
    await q.idle();
    expect(await queued(db)).toEqual([]);
    await q.stop();
  });
});

describe('kill -9 of the sending process', () => {
  let built: Awaited<ReturnType<typeof buildWorkerForTest>>;
  let smtp: TestSmtp;
  let child: ChildProcess | null = null;
  beforeAll(async () => {
    built = await buildWorkerForTest('emailQueueChild', resolve(__dirname, 'testing/queueChild.ts'));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await smtp?.stop();
    built?.remove();
  });

  it('loses no message; a message is sent twice only when killed between the 250 and the commit, with the same Message-ID', async () => {
    const target = await newTarget('sqlite');
    const db = openDb(target);
    await migrateToLatest(db, mainDbParts.migrations);
    await outgoingRow(db);
    const N = 150;
    await enqueueMail(
      db.kysely,
      Array.from({ length: N }, (_, i) => mail(i)),
    );
    const ids = (await queued(db)).map((r) => r.message_id);
    await db.close();

    let kills = 0;
    const killAt = new Set([25, 90]); // in the window: the server has the message, the sender has no 250 yet
    let killSentAt = 60; // after the 250 and (probably) the commit: the line printed after the delete
    let sentLines = 0;
    /** Message-ID → how many messages the server had received when the sender reported its delete committed. */
    const committed = new Map<string, number>();
    smtp = await startSmtpServer({
      onMessage: async () => {
        if (killAt.has(smtp.received.length) && child) {
          killAt.delete(smtp.received.length);
          const c = child;
          kills++;
          c.kill('SIGKILL');
          await new Promise((r) => c.once('exit', r));
        }
      },
    });
    const run = () =>
      new Promise<'done' | 'killed'>((done) => {
        const c = spawn(process.execPath, [built.file], {
          env: {
            ...process.env,
            QUEUE_DB: (target as { file: string }).file,
            QUEUE_PORT: String(smtp.port),
            QUEUE_CA: testCa().caFile,
            QUEUE_OWNER: 'kill-test',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child = c;
        let out = '';
        c.stdout!.on('data', (b: Buffer) => {
          out += b.toString();
          const lines = out.split('\n').filter((l) => l.startsWith('sent '));
          sentLines = lines.length;
          for (const l of lines) {
            const id = l.slice(5).trim();
            if (!committed.has(id)) committed.set(id, smtp.received.length);
          }
          if (killSentAt > 0 && smtp.received.length >= killSentAt) {
            killSentAt = 0;
            kills++;
            c.kill('SIGKILL');
          }
        });
        c.stderr!.on('data', (b: Buffer) => (out += b.toString()));
        c.once('exit', (code, signal) => done(signal === 'SIGKILL' ? 'killed' : code === 0 ? 'done' : 'killed'));
      });
    let runs = 0;
    while ((await run()) !== 'done') if (++runs > 10) throw new Error('the sender never finished');
    expect(sentLines).toBeGreaterThan(0);
    expect(kills).toBe(3);

    const got = smtp.received.map((m) => m.messageId!);
    // None lost.
    expect(new Set(got)).toEqual(new Set(ids));
    // In order: the first time each message arrived follows the queue.
    const firsts = got.filter((id, i) => got.indexOf(id) === i);
    expect(firsts).toEqual(ids);
    // Duplicates: only from the kills in the window (accepted, delete not yet committed: at most
    // BATCH per kill), each the same Message-ID as its first copy; a committed one never again.
    const dupes = got.length - new Set(got).size;
    expect(dupes).toBeLessThanOrEqual(kills * BATCH);
    expect(dupes).toBeGreaterThanOrEqual(2);
    // A message whose delete was committed is never sent again.
    expect(committed.size).toBeGreaterThan(0);
    expect(got.filter((id, i) => committed.has(id) && i >= committed.get(id)!)).toEqual([]);
    const check = openDb(target);
    expect(await queued(check)).toEqual([]);
    await check.close();
  });
});
