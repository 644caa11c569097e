/**
 * npm run bench:mail — the durable outgoing-mail queue (SQLite) against the local SMTP server
 * (smtp-server with STARTTLS, electron/testing/smtpServer.ts) over one pooled connection:
 * 1. 10,000 queued alarm e-mails delivered: messages/s;
 * 2. 10,000 again with the server down in the middle (BENCH_OUTAGE_S, default 60 s) while the
 *    queue retries every 30 s: wall time, lost, order, duplicates.
 * Prints a table; docs/PERFORMANCE.md records the figures.
 */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openDb, type Db } from '../../electron/connectors/db/engine';
import { migrateToLatest } from '../../electron/connectors/db/migrate';
import { mainDbParts } from '../../electron/features';
import { enqueueMail, MailQueue } from '../../electron/services/email/queue';
import { startSmtpServer, type TestSmtp } from '../../electron/testing/smtpServer';
import { testCa } from '../../electron/testing/testCa';
import '../../electron/services/email/schema';

const N = Number(process.env.BENCH_MAILS ?? 10_000);
const OUTAGE_S = Number(process.env.BENCH_OUTAGE_S ?? 60);

async function fill(db: Db, n: number, tag: string): Promise<string[]> {
  await db.kysely.transaction().execute((tx) =>
    enqueueMail(
      tx,
      Array.from({ length: n }, (_, i) => ({
        to: ['noc@example.test'],
        subject: `[${tag}] Critical alarm ${i} on micc01`,
        text: `Alarm ${i}\nSeverity: Critical\nSource: micc01\nCategory: Telephony\nccm://alarms/${i}\n`,
        origin: 'bench',
      })),
    ),
  );
  return (await db.kysely.selectFrom('email_queue').select('message_id').orderBy('id').execute()).map(
    (r) => r.message_id,
  );
}

function verdict(ids: string[], got: string[]) {
  const seen = new Set(got);
  const lost = ids.filter((id) => !seen.has(id)).length;
  const firsts = got.filter((id, i) => got.indexOf(id) === i);
  const inOrder = firsts.length === ids.length && firsts.every((id, i) => id === ids[i]);
  return { lost, inOrder, duplicates: got.length - seen.size };
}

async function main() {
  const file = join(mkdtempSync(join(tmpdir(), 'ccm-bench-mail-')), 'bench.sqlite');
  const db = openDb({ engine: 'sqlite', file });
  await migrateToLatest(db, mainDbParts.migrations);
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
      updated_by: 'bench',
    })
    .execute();
  const server: TestSmtp = await startSmtpServer();
  const queue = new MailQueue({
    db: () => db.kysely,
    owner: 'bench',
    settings: async () => ({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      user: '',
      password: null,
      from: 'console@example.test',
      ca: [testCa().caPem],
    }),
  });
  const rows: string[][] = [];

  // 1. Straight delivery.
  const ids1 = await fill(db, N, 'run1');
  let t0 = Date.now();
  queue.start();
  await server.waitFor(N, 600_000);
  await queue.idle();
  const s1 = (Date.now() - t0) / 1000;
  const v1 = verdict(
    ids1,
    server.received.map((m) => m.messageId!),
  );
  rows.push([
    `${N} queued, server up`,
    s1.toFixed(1),
    (N / s1).toFixed(0),
    String(v1.lost),
    String(v1.inOrder),
    String(v1.duplicates),
  ]);

  // 2. The server goes down after 30 % and comes back OUTAGE_S later.
  const before = server.received.length;
  const ids2 = await fill(db, N, 'run2');
  t0 = Date.now();
  queue.kick();
  await server.waitFor(before + Math.floor(N * 0.3), 600_000);
  await server.stop();
  const downAt = Date.now();
  await new Promise((r) => setTimeout(r, OUTAGE_S * 1000));
  await server.restart();
  const upAt = Date.now();
  const left = await db.kysely
    .selectFrom('email_queue')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  for (;;) {
    const n = await db.kysely
      .selectFrom('email_queue')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n.n) === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await queue.idle();
  const s2 = (Date.now() - t0) / 1000;
  const resumed = (Date.now() - upAt) / 1000;
  const v2 = verdict(
    ids2,
    server.received.slice(before).map((m) => m.messageId!),
  );
  rows.push([
    `${N} queued, server down ${OUTAGE_S} s at 30 %`,
    s2.toFixed(1),
    `${((N - 0) / s2).toFixed(0)} overall`,
    String(v2.lost),
    String(v2.inOrder),
    String(v2.duplicates),
  ]);
  await queue.stop();
  await server.stop();
  await db.close();
  console.log(`queued when the server came back: ${Number(left.n)}`);
  console.log(`after the outage: the queue resumed and emptied in ${resumed.toFixed(1)} s (retry every 30 s)`);
  console.log(`outage ${((upAt - downAt) / 1000).toFixed(1)} s`);
  console.log('| run | seconds | messages/s | lost | order kept | duplicates |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
