import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startSnmpd, type TestSnmpd } from '../electron/connectors/snmp/testSnmpd';
import { shot, startConsole } from './fixtures';

// Alarms › Servers and the alarm browser at a supervisor's laptop size, against the real console
// in browser mode (embedded demo database) and a real Debian snmpd on 127.0.0.1.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
let agent: TestSnmpd | null = null;
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await agent?.stop();
  agent = null;
});

const TECH = ['/user:tech', '/password:Tech#2026', '/tenantid:1'];
const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

async function openAlarms(page: Page, app: ConsoleApp) {
  await page.goto(app.url);
  await page.getByTestId('nav-alarms').click();
  await expect(page.getByTestId('alarms-listener-state')).toContainText('Listening on 127.0.0.1:', { timeout: 20_000 });
}

/** Rows whose whole box is inside the list's visible area. */
async function visibleRows(page: Page): Promise<number> {
  return page.getByTestId('alarms-grid').evaluate((grid) => {
    const g = grid.getBoundingClientRect();
    return Array.from(grid.querySelectorAll('[data-testid="alarm-row"]')).filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= g.top - 0.5 && b.bottom <= g.bottom + 0.5;
    }).length;
  });
}

test('alarm browser at 1366×768: ≥ 15 rows with the details closed, Message takes the width, details follow the selection', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = await startConsole(TECH);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openAlarms(page, app);

  // Twenty distinct alarms besides the demo's, so the list is longer than the screen.
  await page.evaluate(async () => {
    for (let i = 1; i <= 20; i++) {
      const args = {
        version: 'v2c',
        trapOid: `1.3.6.1.4.1.4242.0.${100 + i}`,
        message: `Disk ${i} on the recording server is almost full; the oldest recordings are archived to the secondary store`,
      };
      const res = await fetch('/api/alarms/sendTestTrap', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(args),
      });
      if (!res.ok) throw new Error(`sendTestTrap: ${res.status} ${await res.text()}`);
    }
  });
  await expect(page.getByTestId('alarm-row').filter({ hasText: 'Disk 20 on the recording server' })).toHaveCount(1, {
    timeout: 20_000,
  });

  // Details open (the default on a 1366 px window), then closed: the list gets the height and the width.
  await expect(page.getByTestId('alarm-details')).toBeVisible();
  await shot(page, 'alarms-1366-details-open');
  await page.getByTestId('alarms-details-toggle').click();
  await expect(page.getByTestId('alarm-details')).toHaveCount(0);
  expect(await visibleRows(page)).toBeGreaterThanOrEqual(15);
  const message = page.getByTestId('alarm-message').first();
  expect((await message.boundingBox())!.width).toBeGreaterThan(500);
  await shot(page, 'alarms-1366-details-closed');

  // Open again and make the pane narrower with the keyboard (the splitter is a separator).
  await page.getByTestId('alarms-details-toggle').click();
  const before = (await page.getByTestId('alarm-details').boundingBox())!.width;
  await page.getByTestId('alarms-splitter').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => (await page.getByTestId('alarm-details').boundingBox())!.width)
    .toBeLessThan(before - 20);

  // Clear the chosen alarm: the details show the row that takes its place, which is the highlighted one.
  // Only the test's own rows are listed: the demo source keeps adding and repeating its events meanwhile,
  // and one of those received between two of ours would be the neighbour, then move to the top.
  await page.getByTestId('alarms-text').fill('recording server');
  await expect(page.getByTestId('alarm-row')).toHaveCount(20);
  const clearedText = 'Disk 18 on';
  await page.getByTestId('alarm-row').filter({ hasText: clearedText }).click();
  await expect(page.getByTestId('alarm-detail-message')).toContainText(clearedText);
  await page.getByTestId('alarms-clear').click();
  await page.getByTestId('alarms-clear-confirm').click();
  await expect(page.getByTestId('alarm-row').filter({ hasText: clearedText })).toHaveCount(0);
  const highlighted = page.locator('[data-testid="alarm-row"][aria-selected="true"]');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted.getByTestId('alarm-message')).toContainText('Disk 17 on');
  await expect(page.getByTestId('alarm-detail-message')).toContainText('Disk 17 on');

  // Acknowledge under "Not acknowledged": the row leaves the list, the details follow again.
  // (One of the test's own rows: the demo source repeats its events, which reopens theirs.)
  await page.getByTestId('alarms-ackfilter').selectOption('unacknowledged');
  const disk15 = page.getByTestId('alarm-row').filter({ hasText: 'Disk 15 on' });
  await disk15.click();
  await expect(page.getByTestId('alarm-detail-message')).toContainText('Disk 15 on');
  const below = (await page
    .locator('[data-testid="alarm-row"]:has-text("Disk 15 on") + [data-testid="alarm-row"]')
    .getByTestId('alarm-message')
    .textContent())!;
  await page.getByTestId('alarms-ack').click();
  await expect(disk15).toHaveCount(0);
  await expect(highlighted.getByTestId('alarm-message')).toHaveText(below);
  await expect(page.getByTestId('alarm-detail-message')).toHaveText(below);
  await page.getByTestId('alarms-ackfilter').selectOption('all');
  await page.getByTestId('alarms-text').fill('');

  // A cleared alarm keeps its original severity next to "Cleared"; time presets filter.
  await page.getByTestId('alarms-cleared').click();
  const cleared = page.getByTestId('alarm-row').filter({ hasText: clearedText });
  await expect(cleared.getByTestId('alarm-row-severity')).toContainText('Cleared');
  await expect(cleared.getByTestId('alarm-severity')).not.toHaveText('Cleared');
  await page.getByTestId('alarms-time').selectOption('15m');
  await expect(page.getByTestId('alarm-row').filter({ hasText: 'Disk 20 on the recording server' })).toHaveCount(1);
  await shot(page, 'alarms-1366-cleared-and-preset');

  // 150 % scaling on the same laptop is a 911×512 window: the details start closed there.
  await page.evaluate(() => localStorage.removeItem('ccm.alarms.layout'));
  await page.setViewportSize({ width: 911, height: 512 });
  await page.reload();
  await page.getByTestId('nav-alarms').click();
  await expect(page.getByTestId('alarm-row').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('alarm-details')).toHaveCount(0);
  await shot(page, 'alarms-150-percent');
  // Narrower fixed columns there (time of day, not the date): Message is the widest column.
  const widths = await page
    .getByTestId('alarm-row')
    .first()
    .locator('td')
    .evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
  expect(Math.max(...widths)).toBe(widths[widths.length - 1]);
  expect(widths[widths.length - 1]).toBeGreaterThan(180);
  expect(errors).toEqual([]);
});

test('servers: agent check against snmpd, GETNEXT .1.3, and the .reg / evntcmd preview', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // sysLocation in Latin-1 (the agent sends the byte E9 for é: not UTF-8); sysContact is text made of hex digits.
  agent = await startSnmpd({ sys: { location: 'Rack 14, Caf\u00e9', contact: 'c0ffee' }, confEncoding: 'latin1' });
  const app = await startConsole(TECH);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openAlarms(page, app);
  await page.getByTestId('alarms-open-servers').click();
  const template = await page.evaluate(async () =>
    (
      await fetch('/api/snmpServers/template', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: '{}',
      })
    ).text(),
  );
  expect(template).toContain('"ok":true');
  await expect(page.getByTestId('server-editor')).toBeVisible();

  await page.getByTestId('server-name').fill('micc01');
  await page.getByTestId('server-host').fill('127.0.0.1');
  await page.getByTestId('server-port').fill(String(agent.port));
  await page.getByTestId('server-community').fill(agent.community);
  await page.getByTestId('cfg-contact').fill('Field Technician, +49 30 1234');
  await page.getByTestId('cfg-location').fill('Düsseldorf DC, Rack 14');
  await page.getByTestId('cfg-accepted-add').click();
  await page.getByTestId('cfg-accepted-name').fill('ccm-read');
  await page.getByTestId('cfg-event-add').click();
  const ev = page.getByTestId('cfg-event-row');
  await ev.getByLabel('Event source').fill('SeC Broker');
  await ev.getByLabel('Event ID').fill('3221226473');
  await page.getByTestId('server-save').click();
  await expect(page.getByTestId('servers-item')).toHaveCount(1);
  await expect(page.getByTestId('server-community')).toHaveValue('');

  // Check this server: sysDescr, sysContact, sysLocation, sysUpTime named through the MIBs.
  await page.getByTestId('server-check').click();
  const results = page.getByTestId('query-results');
  await expect(results).toContainText('system.sysDescr.0');
  await expect(results).toContainText(agent.sys.descr);
  await expect(results).toContainText('system.sysContact.0');
  // Bytes that are not text are shown as hex, marked so, as in the trap details; hex-looking text stays text.
  const locationRow = page.getByTestId('query-result-row').filter({ hasText: 'system.sysLocation.0' });
  await expect(locationRow).toContainText('OctetString, bytes (not text) in hex');
  await expect(locationRow.getByTestId('query-result-hex')).toHaveText(
    Buffer.from(agent.sys.location, 'latin1')
      .toString('hex')
      .replace(/(..)(?=.)/g, '$1 '),
  );
  const contactRow = page.getByTestId('query-result-row').filter({ hasText: 'system.sysContact.0' });
  await expect(contactRow).toContainText('c0ffee');
  await expect(contactRow.getByTestId('query-result-hex')).toHaveCount(0);
  await expect(results).toContainText('system.sysUpTime.0');
  await shot(page, 'alarm-servers-check');

  // The seed's snmputil example: getnext .1.3 → system.sysDescr.0.
  await page.getByTestId('query-op').selectOption('getNext');
  await page.getByTestId('query-oids').fill('.1.3');
  await page.getByTestId('query-run').click();
  await expect(page.getByTestId('query-result-row')).toHaveCount(1);
  await expect(page.getByTestId('query-result-row')).toContainText('system.sysDescr.0');
  // A WALK of system, bounded.
  await page.getByTestId('query-op').selectOption('walk');
  await page.getByTestId('query-oids').fill('system');
  await page.getByTestId('query-run').click();
  await expect(page.getByTestId('query-result-row').nth(3)).toBeVisible();

  // The server's side: Agent, Traps and Security tabs, and the events to translate.
  await page.getByTestId('servers-config-section').scrollIntoViewIfNeeded();
  await shot(page, 'alarm-servers-config');
  await page.getByTestId('servers-events-section').scrollIntoViewIfNeeded();
  await shot(page, 'alarm-servers-events');

  // The .reg preview: exact paths and types, then saved as regedit's UTF-16LE.
  await page.getByTestId('server-preview').click();
  const reg = page.getByTestId('preview-reg');
  await expect(reg).toContainText(
    '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SNMP\\Parameters\\RFC1156Agent]',
  );
  await expect(reg).toContainText('"sysLocation"="Düsseldorf DC, Rack 14"');
  await expect(reg).toContainText('"ccm-read"=dword:00000004');
  await expect(reg).toContainText('"BaseEnterpriseOID"="1.3.6.1.4.1.193.132.5.1"');
  await shot(page, 'alarm-servers-reg-preview');
  const download = page.waitForEvent('download');
  await page.getByTestId('preview-save-reg').click();
  const file = await (await download).path();
  const bytes = readFileSync(file);
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
  expect(bytes.subarray(2).toString('utf16le')).toContain('Windows Registry Editor Version 5.00\r\n');
  await page.getByTestId('preview-tab-cnf').click();
  await expect(page.getByTestId('preview-cnf')).toContainText('#pragma add Application "SeC Broker" 3221226473 1 0');
  await shot(page, 'alarm-servers-cnf-preview');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('preview-cnf')).toBeHidden();

  // Delete asks first, naming the server; Cancel keeps it.
  await page.getByTestId('server-delete').click();
  const dialog = page.getByTestId('server-delete-dialog');
  await expect(dialog).toContainText('Delete micc01?');
  await shot(page, 'alarm-servers-delete-confirm');
  await page.getByTestId('server-delete-dialog-cancel').click();
  await expect(page.getByTestId('servers-item')).toHaveCount(1);
  await page.getByTestId('server-delete').click();
  await page.getByTestId('server-delete-dialog-confirm').click();
  await expect(page.getByTestId('servers-item')).toHaveCount(0);
  expect(errors).toEqual([]);
});

const api = (page: Page, path: string, args: unknown = {}) =>
  page.evaluate(
    async ({ path, args }) =>
      (
        await fetch(`/api/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(args),
        })
      ).json(),
    { path, args },
  );

test('a new Critical alarm is noticed anywhere: badge on Alarms, window title, desktop notification; each can be turned off', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.grantPermissions(['notifications']);
  // Records the page's notifications (the real Notification API underneath).
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title} — ${options?.body ?? ''}`);
      }
    }
    window.Notification = Recording as typeof Notification;
  });
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openAlarms(page, app);

  // Away from the alarm browser: the Logs area is in front.
  await page.getByTestId('nav-logs').click();
  const before = Number(
    (await page
      .getByTestId('alarms-critical-badge')
      .textContent({ timeout: 1000 })
      .catch(() => '0')) || 0,
  );
  await api(page, 'alarms/sendTestTrap', {
    version: 'v2c',
    trapOid: '1.3.6.1.4.1.9999.0.47000',
    message: 'Genesys Cloud connection lost (test).',
  });
  const badge = page.getByTestId('alarms-critical-badge');
  await expect
    .poll(async () => Number((await badge.textContent().catch(() => '0')) || 0), { timeout: 20_000 })
    .toBeGreaterThan(before);
  const n = Number(await badge.textContent());
  await expect(page).toHaveTitle(`(${n} Critical) Contact Center Console`);
  await expect
    .poll(
      () => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications.join('\n')),
      { timeout: 20_000 },
    )
    .toContain('Critical alarm from');
  await shot(page, 'alarms-critical-badge');

  // Permission granted: Preferences offers no "Allow notifications".
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-preferences').click();
  await expect(page.getByTestId('pref-alarmDesktop')).toBeChecked();
  await expect(page.getByTestId('pref-notifications-allow')).toHaveCount(0);

  // Preferences, through the page: badge, title and desktop notification off.
  for (const id of ['pref-alarmBadge', 'pref-alarmTitle', 'pref-alarmDesktop']) {
    await page.getByTestId(id).click();
    await expect(page.getByTestId(id)).not.toBeChecked();
  }
  await page.getByTestId('pref-save').click();
  await expect(page.getByTestId('pref-saved')).toBeVisible();
  await expect(badge).toHaveCount(0);
  await expect(page).toHaveTitle('Contact Center Console');
  await shot(page, 'alarms-critical-preferences-off');

  // A new Critical alarm now (the test alarm resolved, then lost again: a new row): nothing shows.
  const shownBefore = await page.evaluate(
    () => (window as unknown as { shownNotifications: string[] }).shownNotifications.length,
  );
  const openTest = async () =>
    (
      await api(page, 'alarms/list', {
        filter: { severities: ['Critical'], ack: 'unacknowledged', source: '127.0.0.1' },
        limit: 10,
        offset: 0,
      })
    ).value.total as number;
  await api(page, 'alarms/sendTestTrap', {
    version: 'v2c',
    trapOid: '1.3.6.1.4.1.9999.0.47001',
    message: 'Genesys Cloud connection restored (test).',
  });
  await expect.poll(openTest, { timeout: 20_000 }).toBe(0);
  await api(page, 'alarms/sendTestTrap', {
    version: 'v2c',
    trapOid: '1.3.6.1.4.1.9999.0.47000',
    message: 'Genesys Cloud connection lost again (test).',
  });
  await expect.poll(openTest, { timeout: 20_000 }).toBe(1);
  // alarms.raised goes out with the next alarms.changed (≤ 250 ms); give it well over that.
  await page.waitForTimeout(2000);
  expect(
    await page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications.length),
  ).toBe(shownBefore);
  await expect(badge).toHaveCount(0);
  await expect(page).toHaveTitle('Contact Center Console');
  expect(errors).toEqual([]);
});

test('a field technician turns the Critical badge off from the user menu’s Preferences (they do not see System)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = await startConsole(TECH);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openAlarms(page, app);
  await expect(page.getByTestId('nav-system')).toHaveCount(0);
  await page.getByTestId('nav-logs').click();

  // From the keyboard: the user menu, its first item.
  await page.getByTestId('titlebar-user').focus();
  await page.keyboard.press('Enter');
  const item = page.getByTestId('menu-preferences');
  await expect(item).toBeFocused();
  await expect(page.getByRole('menu')).toContainText('Preferences…');
  await shot(page, 'tech-user-menu');
  await page.keyboard.press('Enter');

  const panel = page.getByTestId('tabpanel-system.preferences');
  await expect(panel).toBeVisible();
  await expect(page.getByRole('tab', { name: /Preferences/ })).toHaveAttribute('aria-selected', 'true');
  // Only what applies: the start areas they see (the saved one, another user's, marked).
  await expect(page.getByTestId('pref-startArea').locator('option')).toHaveText([
    'Users (not available to you)',
    'Alarms',
    'Logs',
  ]);
  await expect(panel).toContainText('You cannot open Users: Alarms opens instead.');

  await page.getByTestId('pref-alarmBadge').click();
  await expect(page.getByTestId('pref-alarmBadge')).not.toBeChecked();
  await page.getByTestId('pref-save').click();
  await expect(page.getByTestId('pref-saved')).toBeVisible();

  await api(page, 'alarms/sendTestTrap', {
    version: 'v2c',
    trapOid: '1.3.6.1.4.1.9999.0.47000',
    message: 'Genesys Cloud connection lost (test).',
  });
  // Noticed (the window title still counts it), but no badge on Alarms.
  await expect(page).toHaveTitle(/^\(\d+ Critical\) Contact Center Console$/, { timeout: 20_000 });
  await expect(page.getByTestId('alarms-critical-badge')).toHaveCount(0);
  await shot(page, 'tech-preferences-badge-off');

  // A reload brings the tab back (it belongs to no area the technician cannot see).
  await page.reload();
  await expect(page.getByTestId('tabpanel-system.preferences')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('pref-alarmBadge')).not.toBeChecked();
  await expect(page.getByTestId('alarms-critical-badge')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('browser mode: Preferences asks the browser for notifications from a click, and says plainly when it blocks them', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The browser has not been asked yet ('default'); the answer to the prompt is "Block".
  await page.addInitScript(() => {
    let state: NotificationPermission = 'default';
    Object.defineProperty(Notification, 'permission', { get: () => state });
    Notification.requestPermission = () => {
      state = 'denied';
      return Promise.resolve(state);
    };
  });
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-preferences').click();
  await expect(page.getByTestId('pref-alarmDesktop')).toBeChecked();
  await expect(page.getByTestId('pref-notifications-ask')).toContainText('not been allowed to show notifications');
  await page.getByTestId('pref-notifications-allow').scrollIntoViewIfNeeded();
  await shot(page, 'preferences-allow-notifications');
  await page.getByTestId('pref-notifications-allow').click();
  await expect(page.getByTestId('pref-notifications-ask')).toHaveCount(0);
  await expect(page.getByTestId('pref-notifications-denied')).toContainText('blocks notifications');
  await shot(page, 'preferences-notifications-blocked');
  // Turning desktop notifications off: the note goes (there is nothing to allow).
  await page.getByTestId('pref-alarmDesktop').click();
  await expect(page.getByTestId('pref-notifications-denied')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('correlation rules: the shipped pairs are shown; a rule an operator adds clears the alarm of its problem event', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openAlarms(page, app);
  await page.getByTestId('alarms-open-correlation').click();
  const rows = page.getByTestId('correlation-row');
  await expect(rows.filter({ hasText: '1.3.6.1.4.1.*.0.47001' })).toContainText('the same source');
  await expect(rows.filter({ hasText: 'linkUp' })).toContainText('the same source and the same value of $1');

  // Recording server: "disk replaced" (…4242.0.2) clears "disk failed" (…4242.0.1) of the same server.
  await page.getByTestId('correlation-new').click();
  await page.getByTestId('correlation-clears').fill('1.3.6.1.4.1.4242.0.1');
  await page.getByTestId('correlation-cleared').fill('1.3.6.1.4.1.4242.0.1');
  await page.getByTestId('correlation-save').click();
  await expect(page.getByText('an event cannot clear itself')).toBeVisible();
  await page.getByTestId('correlation-clears').fill('1.3.6.1.4.1.4242.0.2');
  await page.getByTestId('correlation-save').click();
  await expect(page.getByTestId('correlation-notice')).toContainText('Rule saved');
  const mine = rows.filter({ hasText: '1.3.6.1.4.1.4242.0.2' });
  await expect(mine).toContainText('1.3.6.1.4.1.4242.0.1');
  await expect(mine).toContainText('the same source');
  await shot(page, 'alarms-correlation-rules');

  // The problem as an SNMPv2c trap, the resolution as SNMPv1: the alarm is cleared.
  await api(page, 'alarms/sendTestTrap', {
    version: 'v2c',
    trapOid: '1.3.6.1.4.1.4242.0.1',
    message: 'Disk 3 of the recording server failed (test).',
  });
  await page.getByTestId('tab-alarms').click();
  const problem = page.getByTestId('alarm-row').filter({ hasText: 'Disk 3 of the recording server failed' });
  await expect(problem).toHaveCount(1, { timeout: 20_000 });
  await api(page, 'alarms/sendTestTrap', {
    version: 'v1',
    trapOid: '1.3.6.1.4.1.4242.0.2',
    message: 'Disk 3 of the recording server replaced (test).',
  });
  await expect(problem).toHaveCount(0, { timeout: 20_000 });
  await page.getByTestId('alarms-cleared').click();
  await expect(problem).toHaveCount(1);
  await expect(problem.getByTestId('alarm-row-severity')).toContainText('Cleared');
  await problem.click();
  await expect(page.getByTestId('alarm-details')).toContainText('Cleared');
  await shot(page, 'alarms-correlation-cleared');

  // Deleting asks first.
  await page.getByTestId('tab-alarms.correlation').click();
  await mine.getByTestId('correlation-delete').click();
  await expect(page.getByTestId('correlation-delete-dialog')).toContainText('only logged');
  await page.getByTestId('correlation-delete-confirm').click();
  await expect(mine).toHaveCount(0);
  expect(errors).toEqual([]);
});
