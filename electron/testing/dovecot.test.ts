import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDovecot, type TestDovecot } from './dovecot';
import { testCa } from './testCa';

let d: TestDovecot;
beforeAll(async () => {
  d = await startDovecot();
});
afterAll(async () => {
  await d?.stop();
});

it('serves IMAPS with the test CA and a passwd-file user; a delivered message is in INBOX', async () => {
  d.deliver(d.users[0]!.user, 'From: a@example.test\nTo: b@example.test\nSubject: hi\n\nbody\n');
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: d.imapsPort,
    secure: true,
    auth: { user: d.users[0]!.user, pass: d.users[0]!.password },
    tls: { ca: [testCa().caPem] },
    logger: false,
  });
  await c.connect();
  const box = await c.mailboxOpen('INBOX');
  expect(box.exists).toBe(1);
  await c.logout();
});
