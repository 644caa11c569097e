import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// System › Web installation and Hotfix against the real console in browser mode, at 1366x768: a
// Setup.config imported from a file, exported unchanged byte for byte, edited (a rule shown beside
// its field, then fixed), saved and exported again with only the edits changed; a DOCTYPE refused;
// the MiCCEHotFixInstaller command line.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

async function open(page: Page) {
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-system').click();
  return app;
}

/** A Setup.config as Windows editors write it: UTF-8 BOM, CRLF, a comment, single quotes. */
const SAMPLE =
  '\ufeff' +
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <!-- ACME Corporation -->',
    '  <execute command="Solidus\\ClientSetup.exe" args="/Q /F /C:ClientSetup.ini"',
    'hidden="true" />',
    '  <customerName>ACME Corporation</customerName>',
    '  <tenantID>1</tenantID>',
    '  <files>',
    "    <file include='$(WebServerUri)/MiCCEInstallation/NextCCclient/*.*' subDirs='true' outputFolder='Solidus' />",
    '    <file include="$(WebServerUri)/MicCEInstallation/ScriptManager/*.*"',
    '    subDirs="true" outputFolder="ScriptManager" />',
    '  </files>',
    '</configuration>',
    '',
  ].join('\r\n');
const sampleBytes = Buffer.from(SAMPLE, 'utf8');

async function exported(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sp-setup-export').click()]);
  expect(download.suggestedFilename()).toBe('Setup.config');
  return readFileSync((await download.path())!);
}

test('Setup.config: import a file, export it unchanged byte for byte, a rule on its field, edit, save, export', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page);
  await page.getByTestId('system-open-webInstallation').click();
  await expect(page.getByTestId('sp-setup-empty')).toBeVisible();
  await page.getByTestId('sp-setup-newId').fill('acme corp');
  await expect(page.getByText('CustomerID may contain only letters, digits')).toBeVisible();
  await page.getByTestId('sp-setup-newId').fill('acmecorp');
  await expect(page.getByText('Download page: http://SECWEBSERVER/MiCCEInstallation/install/acmecorp')).toBeVisible();
  await shot(page, 'sysparams-setup-home');

  await page
    .getByTestId('sp-setup-importNew-file')
    .setInputFiles({ name: 'Setup.config', mimeType: 'application/xml', buffer: sampleBytes });
  await expect(page.getByTestId('sp-setup-tenantID')).toHaveValue('1');
  await expect(page.getByTestId('sp-setup-meta')).toContainText('UTF-8 with BOM, CRLF line endings. Version 1');
  // Round trip of the unchanged file: the same bytes.
  expect((await exported(page)).equals(sampleBytes)).toBe(true);

  // A rule broken: shown beside the field it names.
  await page.getByTestId('sp-setup-tenantID').fill('99');
  await page.getByTestId('sp-setup-file-1-exclude').fill('*.pdb');
  await page.getByTestId('sp-setup-file-0-include').fill('C:\\Clients\\setup.exe');
  await page.getByTestId('sp-setup-validate').click();
  await expect(page.getByTestId('sp-setup-checked')).toContainText('3 problem(s)');
  await expect(page.getByText('<tenantID> 99 is not a tenant of this installation')).toBeVisible();
  await expect(page.getByText('<file> 1 include must be network accessible by the client')).toBeVisible();
  await page.getByTestId('sp-setup-tenantID').scrollIntoViewIfNeeded();
  await shot(page, 'sysparams-setup-invalid');
  // Saving anyway: main refuses and names the field.
  await page.getByTestId('sp-setup-save').click();
  await expect(page.getByText('<tenantID> 99 is not a tenant of this installation')).toBeVisible();

  // Fixed, and a new <file> for the customer's ClientSetup.ini after the existing ones.
  await page.getByTestId('sp-setup-tenantID').fill('1');
  await page.getByTestId('sp-setup-file-0-include').fill('$(WebServerUri)/MiCCEInstallation/NextCCclient/*.*');
  await page.getByTestId('sp-setup-customerName').fill('ACME Corporation & Partners');
  await page.getByTestId('sp-setup-addFile').click();
  await page.getByTestId('sp-setup-file-2-include').fill('\\\\ACMESERVER\\SharedFiles\\ClientSetup.ini');
  await page.getByTestId('sp-setup-validate').click();
  await expect(page.getByTestId('sp-setup-checked')).toContainText('Valid');
  await page.getByTestId('sp-setup-save').click();
  await expect(page.getByTestId('sp-setup-saved')).toBeVisible();
  await expect(page.getByTestId('sp-setup-meta')).toContainText('Version 2, saved by admin');
  await shot(page, 'sysparams-setup-saved');

  const after = await exported(page);
  const expected = Buffer.from(
    SAMPLE.replace('ACME Corporation</customerName>', 'ACME Corporation &amp; Partners</customerName>')
      .replace(
        '/*.*"\r\n    subDirs="true" outputFolder="ScriptManager" />',
        '/*.*"\r\n    subDirs="true" outputFolder="ScriptManager" exclude="*.pdb" />',
      )
      .replace(
        'outputFolder="ScriptManager" exclude="*.pdb" />\r\n',
        'outputFolder="ScriptManager" exclude="*.pdb" />\r\n' +
          '    <file include="\\\\ACMESERVER\\SharedFiles\\ClientSetup.ini" outputFolder="Solidus" />\r\n',
      ),
    'utf8',
  );
  expect(after.toString('utf8')).toBe(expected.toString('utf8'));
  expect(after.equals(expected)).toBe(true);

  // A DOCTYPE is refused, not expanded; the stored file stays as it was.
  await page.getByTestId('sp-setup-import-file').setInputFiles({
    name: 'evil.config',
    mimeType: 'application/xml',
    buffer: Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><configuration>&x;</configuration>',
    ),
  });
  await expect(page.getByTestId('sp-setup-failure')).toContainText('A DOCTYPE is not allowed');
  expect((await exported(page)).equals(expected)).toBe(true);
  expect(errors).toEqual([]);
});

test('Hotfix: the MiCCEHotFixInstaller command line from the fields, exit codes and its log', async ({ page }) => {
  await open(page);
  await page.getByTestId('system-open-hotfix').click();
  await expect(page.getByText('Configuration Filename is required with /s')).toBeVisible();
  await page.getByTestId('sp-hotfix-configFile').fill('C:\\Hotfixes\\HF 1234\\readme.txt');
  await expect(page.getByText('a hotfix is described by its *.config file')).toBeVisible();
  await page.getByTestId('sp-hotfix-configFile').fill('C:\\Hotfixes\\HF 1234\\HF-1234.config');
  await expect(page.getByTestId('sp-hotfix-command')).toHaveText(
    '"C:\\Program Files (x86)\\Mitel\\MiCC Enterprise\\NextCC Setup\\MiCCEHotFixInstaller.exe" ' +
      '/i:"C:\\Hotfixes\\HF 1234\\HF-1234.config" /s',
  );
  await expect(page.getByTestId('sp-hotfix-exitCodes')).toContainText('Exit code 1');
  await expect(page.getByTestId('sp-hotfix-logPath')).toContainText('MiCCEHotFixInstaller.log');
  await page.getByTestId('sp-hotfix-follow').click();
  await expect(page.getByTestId('sp-hotfix-followed')).toContainText('as the source “MiCCEHotFixInstaller”');
  await shot(page, 'sysparams-hotfix');
});
