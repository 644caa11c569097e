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
