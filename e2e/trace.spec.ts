import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Logs › Trace levels against the real console in browser mode: edit, the performance
// warning, save (Ctrl+S), a stale save, the .reg download, and imports (refused and accepted).
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const TECH = ['/user:tech', '/password:Tech#2026', '/tenantid:1'];
const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];
const SUPERVISOR = ['/user:supervisor', '/password:Super#2026', '/tenantid:1'];
const SOCKET = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager';

async function openTrace(page: Page, args: string[]) {
  const app = await startConsole(args);
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-logs').click();
  await page.getByTestId('logs-open-trace').click();
  await expect(page.getByTestId('tab-logs.trace')).toBeVisible();
}

/** A .reg file as regedit writes it: UTF-16LE with a BOM, CRLF. */
const utf16Reg = (lines: string[]) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')]);

/** Calls main with the page's own session (browser mode: same origin, cookie). */
async function api(page: Page, method: string, args: unknown) {
  return page.evaluate(
    async ([m, a]) =>
      (
        await fetch(`/api/trace/${m}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(a),
        })
      ).json(),
    [method, args] as const,
  );
}

test('trace levels: edit, warning, save, stale save, export and import', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openTrace(page, ADMIN);

  // The first suggestion (the tenant's call manager) opens with the seed's defaults.
  await expect(page.getByTestId('trace-server')).toHaveValue('oas01.demo.example');
  await expect(page.getByTestId('trace-meta')).toHaveText(
    'Not saved for oas01.demo.example yet: these are the MiCC Enterprise defaults.',
  );
  await expect(page.getByTestId('trace-logon-loglevel')).toHaveValue('2');
  await expect(page.getByTestId('trace-logon-timeout')).toHaveValue('30000');
  await expect(page.getByTestId('trace-logon-loglevel').locator('option')).toHaveText([
    '0 = Log errors only',
    '1 = Log errors and warnings',
    '2 = Log errors, warning and status',
    '3 = Log all events',
  ]);
  await expect(page.getByTestId('trace-warnings')).toHaveCount(0);
  await shot(page, 'trace-defaults');

  // Another server, typed.
  await page.getByTestId('trace-server').fill('cc01.demo.example');
  await page.getByTestId('trace-server').press('Enter');
  await expect(page.getByTestId('trace-meta')).toContainText('Not saved for cc01.demo.example yet');

  // Edit: LogLevel 3 warns at once, with the reminder; the tab is dirty and the server locked.
  await page.getByTestId('trace-logon-loglevel').selectOption('3');
  await expect(page.getByTestId('trace-warnings')).toContainText('SeCLogonWS LogLevel is 3 (Log all events)');
  await expect(page.getByTestId('trace-warnings')).toContainText('after collecting the logs');
  await expect(page.getByTestId('trace-logon-loglevel-warning')).toBeVisible();
  await expect(page.getByTestId('tab-dirty-logs.trace')).toBeVisible();
  await expect(page.getByTestId('trace-server')).toBeDisabled();
  await expect(page.getByTestId('trace-export')).toBeDisabled();

  // Bad input: the rule under the field, Save disabled.
  await page.getByTestId('trace-logon-timeout').fill('30 s');
  await expect(page.getByTestId('trace-logon-timeout-error')).toHaveText('A whole number (0–4294967295)');
  await expect(page.getByTestId('trace-save')).toBeDisabled();
  await page.getByTestId('trace-logon-timeout').fill('45000');

  // A per-executable level: cs.exe = 9 (the seed's example).
  await page.getByTestId('trace-exe-add').click();
  await page.getByTestId('trace-exe-name-0').fill('cs');
  await expect(page.getByTestId('trace-exe-name-0-error')).toHaveText('An executable name such as cs.exe');
  await page.getByTestId('trace-exe-name-0').fill('cs.exe');
  await page.getByTestId('trace-exe-level-0').fill('9');
  await expect(page.getByTestId('trace-warning-socketManager.executables.0.level')).toContainText('cs.exe (level 9)');
  await page.getByTestId('trace-disablewsdl').check();
  await page.getByTestId('trace-executables').scrollIntoViewIfNeeded();
  await shot(page, 'trace-executables');
  await page.getByTestId('trace-warnings').scrollIntoViewIfNeeded();
  await shot(page, 'trace-edited-warning');

  // Ctrl+S saves.
  await page.getByTestId('trace-logon-timeout').press('Control+s');
  await expect(page.getByTestId('trace-saved')).toContainText('version 1');
  await expect(page.getByTestId('tab-dirty-logs.trace')).toHaveCount(0);
  await expect(page.getByTestId('trace-meta')).toContainText('Last saved by admin');
  await expect(page.getByTestId('trace-warnings')).toBeVisible(); // still high: still warned

  // Export: a UTF-16LE .reg file with a BOM and the seed's paths.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trace-export').click()]);
  expect(download.suggestedFilename()).toBe('cc01.demo.example-trace.reg');
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  const text = bytes.subarray(2).toString('utf16le');
  expect(text.startsWith('Windows Registry Editor Version 5.00\r\n\r\n')).toBe(true);
  expect(text).toContain(
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\SeCLogonWS]\r\n',
  );
  expect(text).toContain('"LogLevel"=dword:00000003\r\n');
  expect(text).toContain('"LogonWSTimeout"=dword:0000afc8\r\n');
  expect(text).toContain(`[${SOCKET}]\r\n"Trace"=dword:00000000\r\n"cs.exe"=dword:00000009\r\n`);
  expect(text).toContain(
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SeC\\Common\\Parameters]\r\n"DisableWSDL"=dword:00000001\r\n',
  );
  await expect(page.getByTestId('trace-exported')).toContainText('cc01.demo.example-trace.reg');

  // We start editing; someone else saves meanwhile; our save is stale → Overwrite.
  // (An editor with no edits just takes the newer version when db.changed arrives.)
  await page.getByTestId('trace-report-loglevel').selectOption('1');
  const theirs = await api(page, 'get', { server: 'cc01.demo.example' });
  // db.changed makes the editor fetch the newer version: wait for that answer (state), then save.
  const refetched = page.waitForResponse(
    async (r) =>
      r.url().endsWith('/api/trace/get') &&
      ((await r.json()) as { value?: { version?: number } }).value?.version === theirs.value.version + 1,
  );
  expect(
    (
      await api(page, 'save', {
        server: 'cc01.demo.example',
        expectedVersion: theirs.value.version,
        settings: { ...theirs.value.settings, disableWsdl: false },
      })
    ).ok,
  ).toBe(true);
  await refetched; // the dirty form must keep its base
  await page.getByTestId('trace-save').click();
  await expect(page.getByTestId('trace-conflict')).toContainText(
    'The version you supplied [1] does not match the current version [2]',
  );
  await expect(page.getByTestId('trace-conflict')).toContainText(
    'Reload to see the saved values, or overwrite them with yours.',
  );
  await shot(page, 'trace-conflict');
  await page.getByTestId('trace-overwrite').click();
  await expect(page.getByTestId('trace-saved')).toContainText('version 3');

  // Import a real-looking regedit export with a key this console does not know: refused, by line.
  await page.getByTestId('trace-import-file').setInputFiles({
    name: 'mitel-branch.reg',
    mimeType: 'text/plain',
    buffer: utf16Reg([
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC]',
      '"InstallDir"="C:\\\\Mitel"',
      '',
      `[${SOCKET}]`,
      '"Trace"=dword:00000002',
      '"Verbose"=dword:00000001',
    ]),
  });
  const refused = page.getByTestId('trace-import-refused');
  await expect(refused).toContainText('mitel-branch.reg was not imported');
  await expect(refused).toContainText('Line 3: Unknown key [HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC]');
  await expect(refused).toContainText('Line 8: Unknown value "Verbose"');
  await expect(page.getByTestId('tab-dirty-logs.trace')).toHaveCount(0); // nothing taken in
  await shot(page, 'trace-import-refused');

  // A good file (UTF-8 this time): its values fill the form, dirty, for the user to save.
  await page.getByTestId('trace-import-file').setInputFiles({
    name: 'socketmanager.reg',
    mimeType: 'text/plain',
    buffer: Buffer.from(['REGEDIT4', '', `[${SOCKET}]`, '"Trace"=dword:00000002', '"cs.exe"=-', ''].join('\r\n')),
  });
  await expect(page.getByTestId('trace-imported')).toContainText('Imported socketmanager.reg');
  await expect(page.getByTestId('trace-trace')).toHaveValue('2');
  await expect(page.getByTestId('trace-exe-name-0')).toHaveCount(0);
  await expect(page.getByTestId('trace-logon-loglevel')).toHaveValue('3'); // not in the file: kept
  await expect(page.getByTestId('trace-warning-socketManager.trace')).toContainText('SocketManager Trace is 2');
  await expect(page.getByTestId('tab-dirty-logs.trace')).toBeVisible();
  await shot(page, 'trace-imported');
  await page.getByTestId('trace-save').click();
  await expect(page.getByTestId('trace-saved')).toContainText('version 4');
  expect(errors).toEqual([]);
});

test('trace levels: read only with read access to Logs', async ({ page }) => {
  await openTrace(page, SUPERVISOR);
  await expect(page.getByTestId('trace-readonly')).toBeVisible();
  await expect(page.getByTestId('trace-logon-loglevel')).toBeDisabled();
  await expect(page.getByTestId('trace-save')).toHaveCount(0);
  await expect(page.getByTestId('trace-import')).toHaveCount(0);
  await expect(page.getByTestId('trace-exe-add')).toHaveCount(0);
  await expect(page.getByTestId('trace-export')).toBeEnabled();
  await shot(page, 'trace-readonly');
});

test('trace levels: a field technician may look but not change them (a host administrator’s setting)', async ({
  page,
}) => {
  await openTrace(page, TECH);
  await expect(page.getByTestId('trace-readonly')).toContainText(
    'trace levels are installation-wide settings, changed only by a host administrator',
  );
  await expect(page.getByTestId('trace-logon-loglevel')).toBeDisabled();
  await expect(page.getByTestId('trace-save')).toHaveCount(0);
  await expect(page.getByTestId('trace-import')).toHaveCount(0);
  await expect(page.getByTestId('trace-export')).toBeEnabled();
  // main refuses the save whatever the page shows
  const doc = await api(page, 'get', { server: 'oas01.demo.example' });
  const save = await api(page, 'save', {
    server: 'oas01.demo.example',
    expectedVersion: doc.value.version,
    settings: doc.value.settings,
  });
  expect(save.error).toMatchObject({ code: 'FORBIDDEN' });
});
