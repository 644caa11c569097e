import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// System › System parameters against the real console in browser mode, at 1366x768: the proxy
// page and its Test through a real tinyproxy started here, the numbering plan's preview and a
// refusal, the users authentication settings, and customer authentication with its .reg export.
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { startTinyproxy } = await load('electron/testing/tinyproxy.ts');
type Proxy = { port: number; log(): string; stop(): Promise<void> };

type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
let proxy: Proxy | null = null;
let target: Server | null = null;
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await proxy?.stop();
  proxy = null;
  target?.close();
  target = null;
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

test('Proxy settings: the rules beside the fields, Test through a real tinyproxy, save with the password kept', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  proxy = (await startTinyproxy({ auth: { user: 'ccmproxy', password: 'Pr0xy-secret' } })) as Proxy;
  target = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => target!.listen(0, '127.0.0.1', () => r()));
  const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/through-proxy`;

  await open(page);
  await shot(page, 'system-parameters-home');
  await page.getByTestId('system-open-proxy').click();
  await page.getByTestId('sp-proxy-http-address').fill('127.0.0.1');
  await expect(page.getByText('HTTP/HTTPS Port is mandatory when an address is entered')).toBeVisible();
  await page.getByTestId('sp-proxy-http-port').fill(String(proxy.port));
  await page.getByTestId('sp-proxy-http-username').fill('ccm@proxy');
  await expect(page.getByText('HTTP/HTTPS Username can\'t include the "@" character')).toBeVisible();
  await page.getByTestId('sp-proxy-http-username').fill('ccmproxy');
  await expect(page.getByText('HTTP/HTTPS Password is mandatory when a username is entered')).toBeVisible();
  await page.getByTestId('sp-proxy-http-password').fill('wrong');
  // The local addresses are bypassed by default: this test's target is local, so take them out.
  await page.getByTestId('sp-proxy-bypass').fill('<local>');

  await page.getByTestId('sp-proxy-test-url').fill(targetUrl);
  await page.getByTestId('sp-proxy-test').click();
  await expect(page.getByTestId('sp-proxy-test-result')).toContainText('The proxy refused the credentials');
  await page.getByTestId('sp-proxy-http-password').fill('Pr0xy-secret');
  await page.getByTestId('sp-proxy-test').click();
  await expect(page.getByTestId('sp-proxy-test-result')).toContainText('The URL answered');
  await expect(page.getByTestId('sp-proxy-test-result')).toContainText('HTTP/HTTPS proxy');
  expect(proxy.log()).toContain('/through-proxy');
  await page.getByTestId('sp-proxy-test-result').scrollIntoViewIfNeeded();
  await shot(page, 'system-parameters-proxy-test');

  await page.getByTestId('sp-proxy-save').click();
  await expect(page.getByTestId('sp-proxy-meta')).toContainText('Version 1, saved by admin');
  await expect(page.getByTestId('sp-proxy-http-password')).toHaveAttribute('placeholder', '••••••••');
  expect(errors).toEqual([]);
});

test('Numbering plan preview and refusal; users authentication settings; customer authentication and its .reg', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page);

  await page.getByTestId('system-open-numbering').click();
  await page.getByTestId('sp-numbering-useDefaults').click();
  await page.getByTestId('sp-numbering-internalPatterns').fill('2XXX\n[3-5]XXX\n9!');
  await page.getByTestId('sp-numbering-localCountryCode').fill('+44');
  await page.getByTestId('sp-numbering-outgoingPrefix').fill('0');
  await page.getByTestId('sp-numbering-preview-number').fill('+1 613 555 0142');
  await expect(page.getByTestId('sp-numbering-preview')).toContainText('External: 0001613555014');
  await page.getByTestId('sp-numbering-preview-number').fill('3456');
  await expect(page.getByTestId('sp-numbering-preview')).toContainText('matches pattern 2');
  await page.getByTestId('sp-numbering-localCountryCode').fill('+44,+33');
  await expect(page.getByText('Local Country Code: you can specify only one prefix')).toBeVisible();
  await expect(page.getByTestId('sp-numbering-save')).toBeDisabled();
  await page.getByTestId('sp-numbering-localCountryCode').fill('+44');
  await page.getByTestId('sp-numbering-preview').scrollIntoViewIfNeeded();
  await shot(page, 'system-parameters-numbering');
  await page.getByTestId('sp-numbering-save').click();
  await expect(page.getByTestId('sp-numbering-meta')).toContainText('Version 1');

  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-userAuth').click();
  await page.getByTestId('sp-userAuth-inactivityDays').fill('31');
  await expect(page.getByText('Inactivity timeout is 1–30 days')).toBeVisible();
  await page.getByTestId('sp-userAuth-inactivityDays').fill('30');
  await page.getByText('SSO > AD/LDAP > Local', { exact: true }).click();
  await shot(page, 'system-parameters-user-auth');
  await page.getByTestId('sp-userAuth-save').click();
  await expect(page.getByTestId('sp-userAuth-meta')).toContainText('Version 1');

  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-customerAuth').click();
  await page.getByTestId('sp-customerAuth-numberToCall').fill('2020');
  await page.getByTestId('sp-customerAuth-maxReserveSeconds').fill('90');
  await page.getByTestId('sp-customerAuth-save').click();
  // Main's refusal, placed under the field it names.
  await expect(page.getByText(/must exactly match the BVD number/)).toBeVisible();
  await page.getByTestId('sp-customerAuth-numberToCall').fill('4000');
  await page.getByTestId('sp-customerAuth-save').click();
  await expect(page.getByTestId('sp-customerAuth-meta')).toContainText('Version 1');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('sp-customerAuth-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^customer-authentication-.*\.reg$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  const text = bytes.subarray(2).toString('utf16le');
  expect(text).toContain('"NumberToCallForAuthentication"="4000"\r\n');
  expect(text).toContain('"MaximumTimeToReserveAgent"=dword:0000005a\r\n');
  await shot(page, 'system-parameters-customer-auth');

  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-wsdl').click();
  await page
    .getByTestId('sp-wsdl-text')
    .fill('<configuration><system.web><compilation debug="false"/></system.web></configuration>');
  await page.getByTestId('sp-wsdl-check').click();
  await expect(page.getByTestId('sp-wsdl-result')).toContainText('Not applied');
  await page
    .getByTestId('sp-wsdl-text')
    .fill(
      '<configuration>\n<system.web>\n<webServices><protocols><remove name="Documentation"/></protocols>' +
        '</webServices>\n</system.web>\n</configuration>',
    );
  await page.getByTestId('sp-wsdl-check').click();
  await expect(page.getByTestId('sp-wsdl-result')).toContainText('Applied (line 3)');
  await shot(page, 'system-parameters-wsdl');
  expect(errors).toEqual([]);
});

test('Secure communications certificate, Cloud services authentication data and Web server settings (host administrator)', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { X509Certificate } = await import('node:crypto');
  const { hostname } = await import('node:os');
  await open(page);

  // Certificate: generated on the first open by a host administrator; Download gives the public part.
  await page.getByTestId('system-open-secureCertificate').click();
  await expect(page.getByTestId('sp-cert-cn')).toHaveText(hostname().slice(0, 64));
  await expect(page.getByTestId('sp-cert-days')).toHaveText(/^18\d\d$/);
  const first = (await page.getByTestId('sp-cert-sha256').textContent())!;
  expect(first).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sp-cert-download').click()]);
  expect(download.suggestedFilename()).toMatch(/-certificate\.pem$/);
  const pem = readFileSync((await download.path())!, 'utf8');
  expect(pem).not.toContain('PRIVATE');
  expect(new X509Certificate(pem).fingerprint256).toBe(first);
  await expect(page.getByTestId('sp-cert-download-notice')).toContainText('CallManager-trust');
  await shot(page, 'system-parameters-certificate');
  await page.getByTestId('sp-cert-regenerate').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(first);
  await expect(dialog).toContainText('load the new certificate on Cisco UCM');
  await shot(page, 'system-parameters-certificate-regenerate');
  await page.getByTestId('sp-cert-regenerate-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('sp-cert-sha256')).not.toHaveText(first);
  await expect(page.getByTestId('sp-cert-meta')).toContainText('Version 2, generated by admin');

  // Cloud services authentication data: both fields together, by keyboard, Ctrl+S; then Forget.
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-cloudAuth').click();
  await page.getByTestId('sp-cloud-clientId').focus();
  await page.keyboard.type('console-client');
  await expect(page.getByText('Client secret is mandatory with the Client ID')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('sp-cloud-clientSecret')).toBeFocused();
  await page.keyboard.type('Cl0ud-secret');
  await shot(page, 'system-parameters-cloud-auth');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('sp-cloud-saved')).toContainText('Credentials saved using Client ID: console-client');
  await expect(page.getByTestId('sp-cloud-no-secret')).toHaveCount(0);
  await shot(page, 'system-parameters-cloud-auth-saved');
  await page.getByTestId('sp-cloud-forget').click();
  await expect(page.getByRole('alertdialog')).toContainText('console-client');
  await page.getByTestId('sp-cloud-forget-confirm').click();
  await expect(page.getByTestId('sp-cloud-clientId')).toHaveValue('');
  await expect(page.getByTestId('sp-cloud-saved')).toHaveCount(0);

  // Web server settings: https only, in this order; Save; Forget reverts to https://<computer name>.
  const fallback = `https://${hostname().toLowerCase()}`;
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-webServer').click();
  await expect(page.getByTestId('sp-web-current')).toContainText(`${fallback} (the default)`);
  await page.getByTestId('sp-web-baseUrl').fill('http://test.example.com');
  await expect(page.getByText('Web server base URL must be an absolute https:// URL')).toBeVisible();
  await page.getByTestId('sp-web-baseUrl').fill('https://admin@test.example.com');
  await expect(page.getByText('Web server base URL cannot contain a user name or password')).toBeVisible();
  await shot(page, 'system-parameters-web-server-refused');
  await page.getByTestId('sp-web-baseUrl').fill('https://test.example.com');
  await page.getByTestId('sp-web-save').click();
  await expect(page.getByTestId('sp-web-current')).toContainText('https://test.example.com');
  await expect(page.getByTestId('sp-web-meta')).toContainText('Version 1, saved by admin');
  await shot(page, 'system-parameters-web-server');
  await page.getByTestId('sp-web-forget').click();
  await expect(page.getByRole('alertdialog')).toContainText(fallback);
  await page.getByRole('alertdialog').getByTestId('sp-web-forget-confirm').click();
  await expect(page.getByTestId('sp-web-current')).toContainText(`${fallback} (the default)`);
  await expect(page.getByTestId('sp-web-baseUrl')).toHaveValue('');
  expect(errors).toEqual([]);
});
