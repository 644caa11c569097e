import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// The test-only servers live beside the main-process code (the unit tests use them too);
// tsconfig.e2e.json covers e2e/ only, so they are loaded untyped here.
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { startDovecot } = await load('electron/testing/dovecot.ts');
const { startSmtpServer } = await load('electron/testing/smtpServer.ts');
const { testCa } = await load('electron/testing/testCa.ts');

type Stoppable = { stop(): Promise<void> };
const running: Stoppable[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];
const USER = 'support@example.test';
const PASS = 'Imap#2026';

// E-mail › E-mail Servers and Destinations against a real dovecot (IMAP) and smtp-server (SMTP) on 127.0.0.1,
// both with the test CA's certificate (the console trusts that CA through CCM_EXTRA_CA_FILE).
test('add an e-mail server, Test it (success, then a wrong password), add a destination; delete refused while used', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dovecot = await startDovecot({ users: [{ user: USER, password: PASS }] });
  running.push(dovecot);
  const smtp = await startSmtpServer({ users: { [USER]: PASS } });
  running.push(smtp);
  const app = await startConsole(ADMIN, { CCM_EXTRA_CA_FILE: testCa().caFile });
  running.push(app);
  await page.goto(app.url);

  await page.getByTestId('nav-email').click();
  await expect(page.getByTestId('email-server-add')).toBeVisible();
  await page.getByTestId('email-server-add').click();
  await page.getByTestId('email-server-name').fill('Support mailbox');
  await page.getByTestId('email-imap-host').fill('127.0.0.1');
  await page.getByTestId('email-imap-port').fill(String(dovecot.imapsPort));
  await page.getByTestId('email-imap-user').fill(USER);
  await page.getByTestId('email-imap-password').fill(PASS);
  await page.getByTestId('email-imap-confirm').fill('typo');
  await page.getByTestId('email-smtp-host').fill('127.0.0.1');
  await page.getByTestId('email-smtp-port').fill(String(smtp.port));
  await page.getByTestId('email-smtp-user').fill(USER);
  await page.getByTestId('email-smtp-password').fill(PASS);
  await page.getByTestId('email-smtp-confirm').fill(PASS);
  await page.getByTestId('email-server-heartbeat').fill('heartbeat@example.test');
  await page.getByTestId('email-server-save').click();
  await expect(page.getByTestId('email-imapPassword-confirm-error')).toHaveText(
    'Confirm Password does not match Password',
  );
  await page.getByTestId('email-imap-confirm').fill(PASS);
  await shot(page, 'email-server-add');
  await page.getByTestId('email-server-save').click();
  const row = page.getByTestId('email-server-row-Support mailbox');
  await expect(row).toBeVisible();
  await expect(row).toContainText('IMAP set');
  await expect(row).toContainText('SMTP set');

  // Test against the real servers: both succeed.
  await row.getByTestId('email-server-test-imap').click();
  await expect(page.getByTestId('email-test-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('email-test-result')).toContainText('SELECT INBOX');
  await shot(page, 'email-server-test-ok');
  await row.getByTestId('email-server-test-smtp').click();
  await expect(page.getByTestId('email-test-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('email-test-result')).toContainText('MAIL FROM');
  expect(smtp.received).toHaveLength(0);

  // A wrong IMAP password: the Test says the sign-in was refused.
  await row.getByTestId('email-server-edit').click();
  await page.getByTestId('email-imap-password').fill('wrong');
  await page.getByTestId('email-imap-confirm').fill('wrong');
  await page.getByTestId('email-server-save').click();
  await expect(page.getByTestId('email-server-save')).toBeHidden();
  await row.getByTestId('email-server-test-imap').click();
  await expect(page.getByTestId('email-test-result')).toHaveAttribute('data-failure', 'authentication');
  await expect(page.getByTestId('email-test-result')).toContainText('Sign-in refused');
  await shot(page, 'email-server-test-wrong-password');

  // A destination that is monitored and available for outgoing through this server.
  await page.getByTestId('email-section-destinations').click();
  await page.getByTestId('email-dest-add').click();
  await page.getByTestId('email-dest-name').fill('Support');
  await page.getByTestId('email-dest-address').fill('support@');
  await page.getByTestId('email-dest-from').fill('Support team');
  await page.getByTestId('email-dest-monitored').click();
  await page.getByTestId('email-dest-save').click();
  await expect(page.getByTestId('email-address-error')).toContainText('valid e-mail address');
  await page.getByTestId('email-dest-address').fill(USER);
  await page.getByTestId('email-dest-save').click();
  await expect(page.getByTestId('email-monitored-error')).toContainText('needs an e-mail server with IMAP');
  await page.getByTestId('email-dest-server').click();
  await page.getByRole('option', { name: 'Support mailbox' }).click();
  await page.getByTestId('email-dest-outgoing').click();
  await shot(page, 'email-destination-add');
  await page.getByTestId('email-dest-save').click();
  await expect(page.getByTestId('email-dest-row-Support')).toContainText('Support mailbox');
  await shot(page, 'email-destinations');

  // Deleting the server the destination uses is refused in the confirmation, naming the destination.
  await page.getByTestId('email-section-servers').click();
  await page.getByTestId('email-server-row-Support mailbox').getByTestId('email-server-delete').click();
  await page.getByTestId('email-confirm-delete').click();
  await expect(page.getByRole('alertdialog')).toContainText('the destination Support uses it');
  await shot(page, 'email-server-delete-refused');
  expect(errors).toEqual([]);
});

// Outgoing e-mail and its queue: the server stops, the queued message waits with its error; back up, Retry now.
test('outgoing e-mail: the queue while the SMTP server is stopped and after it is back', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const smtp = await startSmtpServer({ users: { [USER]: PASS } });
  running.push(smtp);
  const app = await startConsole(ADMIN, { CCM_EXTRA_CA_FILE: testCa().caFile });
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-email').click();
  await page.getByTestId('email-section-outgoing').click();
  await page.getByTestId('email-out-enabled').click();
  await page.getByTestId('email-out-from').fill('console@example.test');
  await page.getByTestId('email-out-host').fill('127.0.0.1');
  await page.getByTestId('email-out-port').fill(String(smtp.port));
  await page.getByText('Use Authentication').click();
  await page.getByLabel('Username').fill(USER);
  await page.getByLabel('Password', { exact: true }).fill(PASS);
  await page.getByLabel('Confirm').fill(PASS);
  await page.getByTestId('email-out-save').click();
  await expect(page.getByTestId('email-out-test')).toBeEnabled();
  await page.getByTestId('email-out-test-to').fill('ops@example.test');
  await page.getByTestId('email-out-test').click();
  await expect(page.getByTestId('email-out-test-result')).toContainText('250');
  expect(smtp.received).toHaveLength(1);

  await smtp.stop();
  await page.getByTestId('email-out-test-queue').click();
  await expect(page.getByTestId('email-out-test-result')).toContainText('Queued');
  const row = page.getByTestId('email-queue-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('ECONNREFUSED', { timeout: 30_000 });
  await expect(page.getByTestId('email-queue-total')).toHaveText('1 message waiting');
  await shot(page, 'email-queue-server-stopped');

  await smtp.restart();
  await page.getByTestId('email-queue-retry-all').click();
  await expect(page.getByTestId('email-queue-total')).toHaveText('0 messages waiting', { timeout: 30_000 });
  await expect.poll(() => smtp.received.length).toBe(2);
  await shot(page, 'email-queue-after-restart');
  expect(errors).toEqual([]);
});
