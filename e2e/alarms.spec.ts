import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Alarms against the real console in browser mode on the embedded demo database: the demo
// trap source fills the alarm browser over real UDP; acknowledge, details, event configuration.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

// Event configuration, MIBs and the listener are host-administrator settings.
const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

test('alarm browser: fills from the demo source, acknowledge, details, test trap, event configuration', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  await page.getByTestId('nav-alarms').click();
  await expect(page.getByTestId('tab-alarms')).toBeVisible();

  // The demo source opens with the seed's own sequence: Broker ×3 folds into one row (Corr 3).
  await expect(page.getByTestId('alarms-listener-state')).toContainText('Listening on 127.0.0.1:', { timeout: 15_000 });
  await expect(page.getByTestId('alarms-listener-state')).toContainText('demo trap source');
  // (The trickle after the opening may repeat it: three or more.)
  const broker = page
    .getByTestId('alarm-row')
    .filter({ hasText: 'Fail to connect to Broker.' })
    .filter({ hasText: '10.20.1.11' });
  await expect(broker.getByTestId('alarm-count')).toHaveText(/^([3-9]|\d\d+)$/, { timeout: 20_000 });
  await expect(page.getByTestId('alarm-row').filter({ hasText: 'Genesys Cloud connection lost.' })).toHaveCount(1, {
    timeout: 20_000,
  });
  // micc02 lost the OAS (event 3010, Error).
  await expect(
    page.getByTestId('alarm-row').filter({ hasText: 'lost connection to OAS' }).filter({ hasText: '10.20.1.12' }),
  ).toHaveCount(1);
  await expect(page.getByTestId('alarms-stored')).not.toHaveText('0');
  await shot(page, 'alarms-browser');

  // A real-shaped MiCC Enterprise trap (the Windows event-to-trap translator's SNMPv1 trap:
  // enterprise = base + "Router Service", event ID 0xC0000BB8) shown with its text.
  await expect(broker.getByTestId('alarm-message')).toHaveText('Fail to connect to Broker.');
  await broker.click();
  await expect(page.getByTestId('alarm-detail-name')).toHaveText(
    'Event 3000 from Router Service (Windows event-to-trap)',
  );
  await expect(page.getByTestId('alarm-detail-message')).toHaveText('Fail to connect to Broker.');
  await expect(page.getByTestId('alarm-detail-windows')).toContainText(
    'Event 3000 from Router Service, Windows severity Error (event ID 0xC0000BB8)',
  );
  await expect(page.getByTestId('alarm-detail-severity')).toContainText('Major');
  await expect(page.getByTestId('alarm-detail-uptime')).toContainText(':');
  // $1 kept exact in the details, with the CR LF Windows sends.
  await expect(page.getByTestId('alarm-varbinds')).toContainText('Fail to connect to Broker.\\r\\n');
  await shot(page, 'alarms-micc-event');

  // Acknowledge the Broker alarm: who and when are recorded.
  await page.getByTestId('alarms-ack').click();
  await expect(page.getByTestId('alarm-detail-ack')).toContainText('by admin at');
  await expect(broker.getByTestId('alarm-ack')).toBeChecked();
  await shot(page, 'alarms-acknowledged');

  // Details: the varbinds named through the MiCC Enterprise Event MIB (insertion strings by position).
  const vbs = page.getByTestId('alarm-varbinds');
  await expect(vbs).toContainText('$1 secEventText.0');
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
  await expect(unknown).toHaveCount(1, { timeout: 20_000 });

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
  const good =
    'ACME-MIB DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\nacme OBJECT IDENTIFIER ::= { enterprises 4242 }\nacmeFanFailed NOTIFICATION-TYPE\n  STATUS current\n  DESCRIPTION "A fan failed."\n  ::= { acme 0 7 }\nEND\n';
  await page.getByTestId('mibs-file').setInputFiles([
    { name: 'ACME-MIB.txt', mimeType: 'text/plain', buffer: Buffer.from(good) },
    {
      name: 'BROKEN-MIB.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('BROKEN-MIB DEFINITIONS ::= BEGIN\nfoo OBJECT IDENTIFIER ::= { nowhere 1 }\nEND\n'),
    },
  ]);
  await expect(page.getByTestId('mibs-result')).toContainText(
    'BROKEN-MIB.txt, line 2: foo: its parent nowhere is not defined in BROKEN-MIB nor imported',
  );
  await expect(page.getByTestId('mibs-table')).not.toContainText('ACME-MIB');
  await shot(page, 'alarms-mib-import-refused');
  await page
    .getByTestId('mibs-file')
    .setInputFiles([{ name: 'ACME-MIB.txt', mimeType: 'text/plain', buffer: Buffer.from(good) }]);
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

test('a tenant administrator sees the installation-wide alarm settings read only', async ({ page }) => {
  test.setTimeout(60_000);
  const app = await startConsole(['/user:nwadmin', '/password:Admin#2026', '/tenantid:2']);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  await page.getByTestId('nav-alarms').click();
  await page.getByTestId('alarms-open-events').click();
  await expect(page.getByTestId('events-row').first()).toBeVisible();
  await expect(page.getByTestId('alarms-host-admin-only')).toBeVisible();
  await expect(page.getByTestId('events-new')).toHaveCount(0);
  await page.getByTestId('tab-alarms').click();
  await page.getByTestId('alarms-open-mibs').click();
  await expect(page.getByTestId('mibs-table')).toContainText('MICC-ENTERPRISE-EVENT-MIB');
  await expect(page.getByTestId('mibs-import')).toHaveCount(0);
  await page.getByTestId('tab-alarms').click();
  await page.getByTestId('alarms-open-settings').click();
  await expect(page.getByTestId('listener-address')).toBeDisabled();
  await expect(page.getByTestId('listener-save')).toHaveCount(0);
  await expect(page.getByTestId('v3-add')).toHaveCount(0);
  await shot(page, 'alarms-listener-tenant-admin');
});
