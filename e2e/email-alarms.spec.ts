import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// The test-only SMTP server lives beside the main-process code (the unit tests use it too);
// tsconfig.e2e.json covers e2e/ only, so it is loaded untyped here.
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { startSmtpServer } = await load('electron/testing/smtpServer.ts');
const { testCa } = await load('electron/testing/testCa.ts');

type Stoppable = { stop(): Promise<void> };
const running: Stoppable[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

// E-mail › Alarm e-mails: a rule over the demo trap source's alarms (real UDP traps) gives one digest message per
// interval, read back from the SMTP server; its link opens the alarm in the console.
test('an alarm e-mail rule produces one digest message, read back from the SMTP server; its link opens the alarm', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const smtp = await startSmtpServer();
  running.push(smtp);
  const app = await startConsole(ADMIN, { CCM_EXTRA_CA_FILE: testCa().caFile });
  running.push(app);
  await page.goto(app.url);

  // System › Outgoing e-mail, to the local SMTP server (no authentication), Proxy None.
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-outgoingEmail').click();
  await page.getByTestId('email-out-enabled').click();
  await page.getByTestId('email-out-from').fill('console@example.test');
  await page.getByTestId('email-out-host').fill('127.0.0.1');
  await page.getByTestId('email-out-port').fill(String(smtp.port));
  await expect(page.getByTestId('email-out-proxy')).toContainText('System parameters proxy');
  await page.getByTestId('email-out-proxy').click();
  await page.getByRole('option', { name: 'None' }).click();
  await shot(page, 'email-outgoing-system');
  await page.getByTestId('email-out-save').click();
  await expect(page.getByTestId('email-out-test')).toBeEnabled();

  // Alarms › Alarm e-mails. The rule: Warning or higher from 10.20.1.* (the demo trap source's servers), every 10 s.
  await page.getByTestId('nav-alarms').click();
  await page.getByTestId('alarms-open-email-rules').click();
  await page.getByTestId('email-rule-add').click();
  await page.getByTestId('email-rule-name').fill('NOC');
  await page.getByTestId('email-rule-severity').click();
  await page.getByRole('option', { name: 'Warning' }).click();
  await page.getByTestId('email-rule-source').fill('10.20.1.*');
  await page.getByTestId('email-rule-digest').fill('5');
  await page.getByTestId('email-rule-save').click();
  // Refused by main, named on the field: the interval is 10 s or more; no recipient yet.
  await expect(page.getByTestId('email-rule-recipients-error')).toBeVisible();
  await page.getByTestId('email-rule-recipients').fill('noc@example.test');
  await page.getByTestId('email-rule-save').click();
  await expect(page.getByTestId('email-rule-digestSeconds-error')).toContainText('10–86400');
  await page.getByTestId('email-rule-digest').fill('10');
  await shot(page, 'email-alarm-rule-add');
  await page.getByTestId('email-rule-save').click();
  const row = page.getByTestId('email-rule-row-NOC');
  await expect(row).toBeVisible();
  await expect(row).toContainText('Warning or higher');

  // The demo source keeps sending traps: after the first interval, one digest for all of them.
  const [digest] = await smtp.waitFor(1, 90_000);
  expect(digest.to).toEqual(['noc@example.test']);
  expect(digest.parsed.subject).toMatch(/^\[NOC\] \d+ alarms? \(Warning or higher\)$/);
  const text: string = digest.parsed.text;
  expect(text).toContain('10.20.1.');
  const link = new RegExp(`${app.origin.replace(/[.:/]/g, '\\$&')}/#/alarms/(\\d+)`).exec(text);
  expect(link).not.toBeNull();
  // Still one message for the interval (the next one may have begun: at most one more).
  expect(smtp.received.length).toBeLessThanOrEqual(2);
  await expect(row).not.toContainText('—');
  await shot(page, 'email-alarm-rules');

  // Test: one more message now.
  const before = smtp.received.length;
  await page.getByTestId('email-rule-test-NOC').click();
  await expect(page.getByTestId('email-rule-note')).toContainText('Sent now');
  await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBeGreaterThan(before);

  // The link in the message opens the console on that alarm.
  await page.goto(link![0]);
  await expect(page.getByTestId('alarm-link-details')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('alarm-link-details')).toContainText('10.20.1.');
  await shot(page, 'email-alarm-link');

  // Delete asks first.
  await page.getByTestId('nav-email').click();
  await page.getByTestId('email-section-alarm-rules').click();
  await page.getByRole('button', { name: 'Delete NOC' }).click();
  await expect(page.getByTestId('email-delete-dialog')).toBeVisible();
  await page.getByTestId('email-confirm-delete').click();
  await expect(page.getByTestId('email-rule-row-NOC')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// A tenant's alarm e-mails go out through its Reporting email server, at most its Message rate limit per hour:
// over it, a message waits in the queue with "Rate limit" and its next slot, and is not sent.
test('the Reporting email server sends alarm e-mails within its Message rate limit; the rest wait for the next slot', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const outgoing = await startSmtpServer();
  running.push(outgoing);
  const reporting = await startSmtpServer();
  running.push(reporting);
  const app = await startConsole(ADMIN, { CCM_EXTRA_CA_FILE: testCa().caFile });
  running.push(app);
  await page.goto(app.url);

  await page.getByTestId('nav-email').click();
  await page.getByTestId('email-section-outgoing').click();
  await page.getByTestId('email-out-enabled').click();
  await page.getByTestId('email-out-from').fill('console@example.test');
  await page.getByTestId('email-out-host').fill('127.0.0.1');
  await page.getByTestId('email-out-port').fill(String(outgoing.port));
  await page.getByTestId('email-out-save').click();
  await expect(page.getByTestId('email-out-test')).toBeEnabled();

  // The tenant's Reporting email server: SMTP only, no authentication, one message an hour.
  await page.getByTestId('email-section-servers').click();
  await page.getByTestId('email-server-add').click();
  await page.getByTestId('email-server-name').fill('Reports');
  await page.getByTestId('email-server-rate').fill('1');
  await page.getByTestId('email-server-has-imap').click();
  await page.getByTestId('email-smtp-host').fill('127.0.0.1');
  await page.getByTestId('email-smtp-port').fill(String(reporting.port));
  await page.getByTestId('email-smtp-reporting').click();
  await page.getByTestId('email-smtp-auth').click();
  await page.getByRole('option', { name: 'None' }).click();
  await page.getByTestId('email-server-save').click();
  await expect(page.getByTestId('email-server-row-Reports')).toBeVisible();

  await page.getByTestId('email-section-alarm-rules').click();
  await page.getByTestId('email-rule-add').click();
  await page.getByTestId('email-rule-name').fill('NOC');
  await page.getByTestId('email-rule-severity').click();
  await page.getByRole('option', { name: 'Warning' }).click();
  await page.getByTestId('email-rule-source').fill('10.20.1.*');
  await page.getByTestId('email-rule-recipients').fill('noc@example.test');
  await page.getByTestId('email-rule-digest').fill('10');
  await page.getByTestId('email-rule-save').click();
  await expect(page.getByTestId('email-rule-row-NOC')).toBeVisible();

  // The first digest goes through the Reporting server (not the Outgoing e-mail server).
  const [first] = await reporting.waitFor(1, 90_000);
  expect(first.to).toEqual(['noc@example.test']);
  // One more now: over the limit of one an hour, it waits.
  await page.getByTestId('email-rule-test-NOC').click();
  await expect(page.getByTestId('email-rule-note')).toContainText('Sent now');

  await page.getByTestId('email-section-outgoing').click();
  const waiting = page.getByTestId('email-queue-row').filter({ hasText: 'Rate limit' }).first();
  await expect(waiting).toBeVisible({ timeout: 30_000 });
  await expect(waiting.getByTestId('email-queue-wait')).toContainText('next slot at');
  await shot(page, 'email-queue-rate-limit');
  expect(reporting.received).toHaveLength(1);
  expect(outgoing.received).toHaveLength(0);
  expect(errors).toEqual([]);
});
