import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Alarms against the real console in browser mode on the embedded demo database: the demo
// trap source fills the alarm browser over real UDP; acknowledge, details, event configuration.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const TECH = ['/user:tech', '/password:Tech#2026', '/tenantid:1'];

test('alarm browser: fills from the demo source, acknowledge, details, test trap, event configuration', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = await startConsole(TECH);
  running.push(app);
  await page.setViewportSize({ width: 1500, height: 900 });
  await page.goto(app.url);
  await page.getByTestId('nav-alarms').click();
  await expect(page.getByTestId('tab-alarms')).toBeVisible();

  // The demo source opens with the seed's own sequence: Broker ×3 folds into one row (Corr 3).
  await expect(page.getByTestId('alarms-listener-state')).toContainText('Listening on 127.0.0.1:', { timeout: 15_000 });
  await expect(page.getByTestId('alarms-listener-state')).toContainText('demo trap source');
  const broker = page.getByTestId('alarm-row').filter({ hasText: 'Fail to connect to Broker.' });
  await expect(broker.getByTestId('alarm-count')).toHaveText('3', { timeout: 20_000 });
  await expect(page.getByTestId('alarm-row').filter({ hasText: 'Genesys Cloud connection lost.' })).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByTestId('alarm-row').filter({ hasText: 'lost connection to OAS' })).toHaveCount(1);
  await expect(page.getByTestId('alarms-stored')).not.toHaveText('0');
  await shot(page, 'alarms-browser');

  // Acknowledge the Broker alarm: who and when are recorded.
  await broker.click();
  await expect(page.getByTestId('alarm-details')).toContainText('secBrokerConFailed');
  await page.getByTestId('alarms-ack').click();
  await expect(page.getByTestId('alarm-detail-ack')).toContainText('by tech at');
  await expect(broker.getByTestId('alarm-ack')).toBeChecked();
  await shot(page, 'alarms-acknowledged');

  // Details: every varbind named through the MiCC Enterprise Event MIB.
  const vbs = page.getByTestId('alarm-varbinds');
  await expect(vbs).toContainText('secEventMessage');
  await expect(vbs).toContainText('secEventComputer');
  await expect(vbs).toContainText('snmpTrapAddress.0');
  await page.getByTestId('alarm-notes').fill('Broker restarted by Terry.');
  await page.getByTestId('alarm-notes-save').click();
  await expect(page.getByTestId('alarms-message')).toContainText('Notes saved.');
  await shot(page, 'alarms-details');

  // Filters: negation hides the Broker row.
  await page.getByTestId('alarms-text').fill('!Broker');
  await expect(broker).toHaveCount(0);
  await page.getByTestId('alarms-text').fill('');

  // Send test trap (an acknowledged inform) and see it arrive.
  await page.getByTestId('alarms-send-test').click();
  await page.getByTestId('test-trap-version').selectOption('inform');
  await page.getByTestId('test-trap-oid').fill('1.3.6.1.4.1.4242.0.7');
  await page.getByTestId('test-trap-message').fill('Fan 2 failed');
  await page.getByTestId('test-trap-send').click();
  await expect(page.getByTestId('alarms-message')).toContainText('acknowledged');
  const unknown = page.getByTestId('alarm-row').filter({ hasText: 'Fan 2 failed' });
  await expect(unknown).toHaveCount(1, { timeout: 10_000 });

  // The unknown bucket: one click to configure it.
  await unknown.click();
  await page.getByTestId('alarm-configure').click();
  await expect(page.getByTestId('event-oid')).toHaveValue('1.3.6.1.4.1.4242.0.7');
  await page.getByTestId('event-name').fill('Acme fan failed');
  await page.getByTestId('event-category').fill('Hardware Alarms');
  await page.getByTestId('event-severity').selectOption('Minor');
  await shot(page, 'alarms-event-config');
  await page.getByTestId('event-save').click();
  await expect(page.getByTestId('events-row').filter({ hasText: 'Acme fan failed' })).toHaveCount(1);

  // MIB import: a broken file is refused with file, line and reason, and nothing changes.
  await page.getByTestId('tab-alarms').click();
  await page.getByTestId('alarms-open-mibs').click();
  await expect(page.getByTestId('mibs-table')).toContainText('MICC-ENTERPRISE-EVENT-MIB');
  const good = 'ACME-MIB DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\nacme OBJECT IDENTIFIER ::= { enterprises 4242 }\nacmeFanFailed NOTIFICATION-TYPE\n  STATUS current\n  DESCRIPTION "A fan failed."\n  ::= { acme 0 7 }\nEND\n';
  await page.getByTestId('mibs-file').setInputFiles([
    { name: 'ACME-MIB.txt', mimeType: 'text/plain', buffer: Buffer.from(good) },
    { name: 'BROKEN-MIB.txt', mimeType: 'text/plain', buffer: Buffer.from('BROKEN-MIB DEFINITIONS ::= BEGIN\nfoo OBJECT IDENTIFIER ::= { nowhere 1 }\nEND\n') },
  ]);
  await expect(page.getByTestId('mibs-result')).toContainText('BROKEN-MIB.txt, line 2: foo: its parent nowhere is not defined in BROKEN-MIB nor imported');
  await expect(page.getByTestId('mibs-table')).not.toContainText('ACME-MIB');
  await shot(page, 'alarms-mib-import-refused');
  await page.getByTestId('mibs-file').setInputFiles([{ name: 'ACME-MIB.txt', mimeType: 'text/plain', buffer: Buffer.from(good) }]);
  await expect(page.getByTestId('mibs-result')).toContainText('Imported ACME-MIB');
  await expect(page.getByTestId('mibs-table')).toContainText('ACME-MIB');
  // The name is used at once: the configured trap's OID now reads acmeFanFailed.
  await page.getByTestId('tab-alarms.events').click();
  await expect(page.getByTestId('events-row').filter({ hasText: 'Acme fan failed' })).toContainText('acmeFanFailed');

  // Listener settings: the demo's listener, communities, hosts (the Windows Security tab), v3 users.
  await page.getByTestId('tab-alarms').click();
  await page.getByTestId('alarms-open-settings').click();
  await expect(page.getByTestId('listener-status')).toContainText('Listening on 127.0.0.1:');
  await expect(page.getByTestId('listener-communities')).toHaveValue('public');
  await shot(page, 'alarms-listener');
  expect(errors).toEqual([]);
});
