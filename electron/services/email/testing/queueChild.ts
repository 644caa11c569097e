/**
 * A sender process for the kill -9 test: runs the mail queue of a SQLite database against an
 * SMTP server and prints each accepted message; exits when the queue is empty. Built with
 * electron/testing/buildWorker.ts and started with node, so the test can SIGKILL it anywhere.
 */
import { readFileSync } from 'node:fs';
import { openDb } from '../../../connectors/db/engine';
import { MailQueue } from '../queue';
import '../schema';

async function main() {
  const db = openDb({ engine: 'sqlite', file: process.env.QUEUE_DB! });
  const ca = [readFileSync(process.env.QUEUE_CA!, 'utf8')];
  const q = new MailQueue({
    db: () => db.kysely,
    owner: process.env.QUEUE_OWNER ?? 'child',
    retryMs: 200,
    settings: async () => ({
      host: '127.0.0.1',
      port: Number(process.env.QUEUE_PORT),
      tls: 'starttls',
      user: '',
      password: null,
      from: 'console@example.test',
      ca,
    }),
    onSent: (id) => process.stdout.write(`sent ${id}\n`),
  });
  q.start();
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const left = await db.kysely
      .selectFrom('email_queue')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
  }
  await q.stop();
  await db.close();
  process.stdout.write('done\n');
}

void main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
