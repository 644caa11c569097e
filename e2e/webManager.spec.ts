import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>;
const { startGoogleStandIn } = await load('electron/testing/google/index.ts');
const { startMsIdentity } = await load('electron/testing/msIdentity/index.ts');

// Web Manager against the real console in browser mode, with the Google (token + Dialogflow) and
// Microsoft (identity platform + Graph) stand-ins on 127.0.0.1.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
const stopping: Array<{ stop(): Promise<void> }> = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await Promise.all(stopping.splice(0).map((s) => s.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];
const MS_TENANT = '0cd345fc-e1fe-4f99-a378-4317172ad9c2';
const MS_APP = 'f96bcece-7bd4-4a3b-9c4b-2f6e1f1d3c01';

async function api(page: Page, service: string, method: string, args: unknown) {
  return page.evaluate(
    async ([s, m, a]) =>
      (
        await fetch(`/api/${s}/${m}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(a),
        })
      ).json(),
    [service, method, args] as const,
  );
}

test('Web Manager: a Dialogflow V2 profile with its key, Test, speech, agents, each action type; REST SDK; CLIP; Exchange Calendar; a virtual agent in the users editor', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const google = await startGoogleStandIn();
  stopping.push(google);
  const ms = await startMsIdentity({
    tls: false,
    tenants: [
      {
        id: MS_TENANT,
        domains: ['contoso.test'],
        apps: [{ clientId: MS_APP, secret: 'calendar-s3cret', permissions: ['Calendars.Read'] }],
        users: [{ id: 'u-karen', userPrincipalName: 'karen@contoso.test' }],
        calendars: {
          'karen@contoso.test': [{ subject: 'Team meeting', start: '2026-12-02T09:00:00', end: '2026-12-02T10:00:00' }],
        },
      },
    ],
  });
  stopping.push(ms);
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await page.goto(app.url);
  await page.getByTestId('nav-webManager').click();
  await expect(page.getByRole('heading', { name: 'Web Manager' })).toBeVisible();

  // ── Virtual Agents: a Dialogflow V2 profile with its token file ──
  const key = google.addServiceAccount('ccm-bot-123456');
  await page.getByTestId('wm-va-add').click();
  await page.getByTestId('wm-va-name').fill('Virtual Agent');
  await page.getByTestId('wm-va-key').setInputFiles({
    name: 'ccm-bot-123456-5f2c1a.json',
    mimeType: 'application/json',
    buffer: Buffer.from(key),
  });
  await expect(page.getByTestId('wm-va-projectId')).toHaveValue('ccm-bot-123456');
  await page.getByTestId('wm-va-tokenEndpoint').fill(google.tokenUrl);
  await page.getByTestId('wm-va-apiEndpoint').fill(google.apiUrl);
  await page.getByTestId('wm-va-password').fill('Virtual#2026');
  await page.getByTestId('wm-va-fallback').fill('Sorry, something went wrong. An agent will contact you.');
  await page.getByTestId('wm-va-timeoutMessage').fill('The session ended after inactivity.');
  await expect(page.getByTestId('wm-va-timeout')).toHaveValue('3');
  // A Project ID that is not the key's: main says why.
  await page.getByTestId('wm-va-projectId').fill('another-project');
  await page.getByTestId('wm-va-save').click();
  await expect(page.getByTestId('wm-projectId-error')).toContainText('project_id ccm-bot-123456');
  await page.getByTestId('wm-va-projectId').fill('ccm-bot-123456');
  await shot(page, 'web-manager-va-profile-v2');
  await page.getByTestId('wm-va-save').click();
  const row = page.getByTestId('wm-va-row-Virtual Agent');
  await expect(row).toContainText('Dialogflow V2');
  await expect(row).toContainText('Token file of dialogflow-client');
  expect(await page.content()).not.toContain('PRIVATE KEY');

  // Test: JWT bearer grant + detectIntent "hello".
  await page.getByTestId('wm-va-test-Virtual Agent').click();
  await page.getByTestId('wm-test-run').click();
  await expect(page.getByTestId('wm-test-result')).toContainText('Hi! How can I help you today?');
  await expect(page.getByTestId('wm-test-result')).toContainText('Default Welcome Intent');
  await shot(page, 'web-manager-va-test');
  await page.getByRole('button', { name: 'Close' }).click();

  // Speech (Dialogflow V2 only): defaults, then enabled with a CMS.
  await page.getByTestId('wm-va-speech-Virtual Agent').click();
  await expect(page.getByTestId('wm-speech-cmsPort')).toHaveValue('6017');
  await expect(page.getByTestId('wm-speech-language')).toHaveValue('EN-US');
  await expect(page.getByTestId('wm-speech-gender')).toHaveValue('male');
  await page.getByTestId('wm-speech-enabled').check();
  await page.getByTestId('wm-speech-save').click();
  await expect(page.getByTestId('wm-cmsAddress-error')).toContainText('CMS address is mandatory');
  await page.getByTestId('wm-speech-cmsAddress').fill('cms1.demo.example');
  await page.getByTestId('wm-speech-welcome').fill('Welcome to the Demo Contact Center.');
  await page.getByTestId('wm-speech-fallbackQueue').fill('5000');
  await shot(page, 'web-manager-va-speech');
  await page.getByTestId('wm-speech-save').click();
  await expect(row).toContainText('Speech on');

  // Agents: one refused with its reason, one assigned.
  const agents = (await api(page, 'webManager', 'listAgents', { filter: '' })).value as Array<{
    logonId: string;
    tenant: string;
    refusal: string | null;
  }>;
  const refused = agents.find((a) => a.refusal?.startsWith('has Automatic Post-processing'))!;
  const fine = agents.filter((a) => !a.refusal && a.tenant === 'Demo Contact Center' && a.logonId !== 'admin');
  await page.getByTestId('wm-agents-filter').fill(refused.logonId);
  await page.getByTestId(`wm-agents-available-${refused.logonId}`).getByRole('checkbox').check();
  await page.getByTestId('wm-agents-assign').click();
  await expect(page.getByTestId('wm-agents-error')).toContainText(
    `${refused.logonId} has Automatic Post-processing set (not supported by Virtual Agent)`,
  );
  await page.getByTestId(`wm-agents-available-${refused.logonId}`).scrollIntoViewIfNeeded();
  await shot(page, 'web-manager-va-agent-refused');
  await page.getByTestId('wm-agents-filter').fill('');
  for (const a of fine.slice(0, 2))
    await page.getByTestId(`wm-agents-available-${a.logonId}`).getByRole('checkbox').check();
  await page.getByTestId('wm-agents-assign').click();
  await expect(page.getByTestId(`wm-agents-assigned-${fine[0]!.logonId}`)).toBeVisible();
  await expect(page.getByTestId(`wm-agents-assigned-${fine[1]!.logonId}`)).toBeVisible();
  await expect(row).toContainText('2');
  await shot(page, 'web-manager-va-agents');

  // Actions: each type.
  await page.getByTestId('wm-va-page-actions').click();
  const actions: Array<[string, string, Record<string, string>]> = [
    ['requeueOpenMedia', 'requeue_openmedia', { requeueQueue: 'Support' }],
    ['requeueWebInteraction', 'requeue_web', { requeueQueue: 'Sales' }],
    ['requeueSpeech', 'requeue_speech', { requeueTarget: '5000' }],
    ['callback', 'callback', { callbackQueue: 'Callbacks', phoneParameter: 'phone', scheduleTimeParameter: 'when' }],
    ['externalSystemRequest', 'lookup_order', { uriParameter: 'orderUri' }],
    ['webInteractionPushUrl', 'push_page', { pushUrlParameter: 'pageUrl' }],
  ];
  for (const [kind, name, fields] of actions) {
    await page.getByTestId('wm-action-add').click();
    await page.getByTestId('wm-action-kind').selectOption(kind);
    await page.getByTestId('wm-action-name').fill(name);
    for (const [k, v] of Object.entries(fields)) await page.getByTestId(`wm-action-${k}`).fill(v);
    if (kind === 'externalSystemRequest') {
      await expect(page.getByRole('dialog').getByTestId('wm-external-contract')).toContainText('contactID');
      await shot(page, 'web-manager-va-action-external');
    }
    await page.getByTestId('wm-action-save').click();
    await expect(page.getByTestId(`wm-action-row-${name}`)).toBeVisible();
  }
  // Action Name unique in the profile.
  await page.getByTestId('wm-action-add').click();
  await page.getByTestId('wm-action-name').fill('LOOKUP_ORDER');
  await page.getByTestId('wm-action-requeueQueue').fill('Support');
  await page.getByTestId('wm-action-save').click();
  await expect(page.getByTestId('wm-name-error')).toContainText('already has an action named LOOKUP_ORDER');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('wm-external-contract')).toContainText('must be equal');
  await shot(page, 'web-manager-va-actions');

  // ── REST SDK: a client with a generated token ──
  await page.getByTestId('wm-section-rest').click();
  await page.getByTestId('wm-rest-add').click();
  await page.getByTestId('wm-rest-name').fill('rest sdk');
  await page.getByTestId('wm-rest-reload').click();
  await expect(page.getByTestId('wm-rest-token')).toHaveValue(/^[0-9a-f]{128}$/);
  const token = await page.getByTestId('wm-rest-token').inputValue();
  await page.getByTestId('wm-rest-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await shot(page, 'web-manager-rest-sdk-generated');
  await page.getByTestId('wm-rest-save').click();
  await expect(page.getByTestId('wm-rest-row-rest sdk')).toContainText('set');
  expect(await page.content()).not.toContain(token);
  // A stale save: another console renamed the client while this dialog was open → Reload shows theirs.
  await page.getByRole('button', { name: 'Edit rest sdk' }).click();
  await page.getByTestId('wm-rest-name').fill('rest sdk mine');
  const client = ((await api(page, 'webManager', 'listRestClients', {})).value as Array<any>).find(
    (c) => c.name === 'rest sdk',
  );
  const renamed = await api(page, 'webManager', 'saveRestClient', {
    id: client.id,
    expectedVersion: client.version,
    name: 'rest sdk theirs',
  });
  expect(renamed.ok).toBe(true);
  await page.getByTestId('wm-rest-save').click();
  await expect(page.getByTestId('wm-rest-client-conflict')).toBeVisible();
  await shot(page, 'web-manager-rest-sdk-conflict');
  await page.getByTestId('wm-rest-client-reload').click();
  await expect(page.getByTestId('wm-rest-name')).toHaveValue('rest sdk theirs');
  await expect(page.getByTestId('wm-rest-client-conflict')).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('wm-rest-row-rest sdk theirs')).toBeVisible();
  // A name longer than 32 characters is refused.
  await page.getByTestId('wm-rest-add').click();
  await page.getByTestId('wm-rest-name').fill('x'.repeat(33));
  await page.getByTestId('wm-rest-reload').click();
  await page.getByTestId('wm-rest-save').click();
  await expect(page.getByTestId('wm-name-error')).toContainText('at most 32 characters');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await shot(page, 'web-manager-rest-sdk');

  // ── CLIP: the list at its ten-number limit ──
  await page.getByTestId('wm-section-clip').click();
  for (let i = 1; i <= 9; i++)
    expect(
      (
        await api(page, 'webManager', 'saveClip', {
          id: null,
          expectedVersion: 0,
          item: { number: `${i}`.repeat(8), name: `CLIP ${i}` },
        })
      ).ok,
    ).toBe(true);
  await page.getByTestId('wm-clip-add').click();
  await page.getByTestId('wm-clip-number').fill('+49 30 1234');
  await page.getByTestId('wm-clip-name').fill('Berlin office');
  await page.getByTestId('wm-clip-save').click();
  await expect(page.getByTestId('wm-number-error')).toContainText('a string of numbers and no special characters');
  await page.getByTestId('wm-clip-number').fill('49301234');
  await page.getByTestId('wm-clip-save').click();
  await expect(page.getByTestId('wm-clip-row-49301234')).toBeVisible();
  await expect(page.getByTestId('wm-clip-count')).toContainText('10 of 10 numbers');
  await expect(page.getByTestId('wm-clip-add')).toBeDisabled();
  await shot(page, 'web-manager-clip-ten');

  // ── Exchange Calendar: settings and Test ──
  await page.getByTestId('wm-section-calendar').click();
  await expect(page.getByText('Exchange Online only')).toBeVisible();
  await page.getByTestId('wm-cal-enabled').check();
  await page.getByTestId('wm-cal-clientId').fill(MS_APP);
  await page.getByTestId('wm-cal-tenantId').fill(MS_TENANT);
  await page.getByTestId('wm-cal-secret').fill('calendar-s3cret');
  await page.getByTestId('wm-cal-authority').fill(ms.loginBaseUrl);
  await page.getByTestId('wm-cal-graph').fill(ms.graphBaseUrl);
  await page.getByTestId('wm-cal-save').click();
  await expect(page.getByTestId('wm-cal-secret-state')).toHaveText('set');
  await page.getByTestId('wm-cal-upn').fill('karen@contoso.test');
  await page.getByTestId('wm-cal-test').click();
  await expect(page.getByTestId('wm-cal-result')).toContainText('Team meeting');
  await page.getByTestId('wm-cal-result').scrollIntoViewIfNeeded();
  await shot(page, 'web-manager-exchange-calendar');

  // ── The users editor: a virtual agent cannot be given Automatic Post-processing (main's refusal at the field) ──
  const agent = fine[0]!.logonId;
  await page.getByTestId('nav-users').click();
  await page.getByTestId('users-search').fill(agent);
  await page.locator(`[data-testid="users-row"][data-logon="${agent}"]`).dblclick();
  await page.getByTestId('user-automaticPostProcessing').check();
  await page.getByTestId('user-save').click();
  await expect(page.getByTestId('user-automaticPostProcessing-error')).toContainText(
    `Automatic Post-processing cannot be set: ${agent} is a virtual agent in profile Virtual Agent.`,
  );
  await page.getByTestId('user-automaticPostProcessing-error').scrollIntoViewIfNeeded();
  await shot(page, 'web-manager-user-virtual-agent-refused');

  expect(errors).toEqual([]);
});
