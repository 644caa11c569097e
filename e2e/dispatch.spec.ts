import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Dispatch Groups against the real console in browser mode: a Voice – Manual Routing group
// with Personal Calls, a service access to it, two agents; the personal call preview for busy /
// not logged on / no Dispatch; the configuration check on a broken setup, followed to its fix.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

async function openDispatch(page: Page) {
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-dispatch').click();
  await expect(page.getByTestId('tab-dispatch')).toBeVisible();
}

/** The tab in front (every open tab stays mounted, hidden). Dialogs and menus are portals outside it. */
const v = (page: Page) => page.locator('[data-testid^="tabpanel-"]:visible');

async function pickSkill(page: Page, testId: string, skill: string) {
  await (testId.startsWith('agent-') ? page.getByTestId(testId) : v(page).getByTestId(testId)).click();
  const option = page.getByRole('menuitemcheckbox', { name: skill });
  if ((await option.getAttribute('aria-checked')) !== 'true') await option.click(); // selects, never toggles off
  await page.keyboard.press('Escape');
}

async function editAgent(
  page: Page,
  logonId: string,
  want: { dn: string; pdd: string; dispatch: boolean; skill: string },
) {
  await v(page).getByTestId('agents-search').fill(logonId);
  await expect(v(page).getByTestId('agents-range')).toHaveText('1–1 of 1 agent');
  await page.getByTestId(`agent-edit-${logonId}`).click();
  await page.getByTestId('agent-dn').fill(want.dn);
  await page.getByTestId('agent-pdd').fill(want.pdd);
  const box = page.getByTestId('agent-dispatch');
  if ((await box.isChecked()) !== want.dispatch) await box.click();
  await pickSkill(page, 'agent-skills', want.skill);
  await page.getByTestId(`agent-skill-level-${want.skill}`).fill('5');
  await page.getByTestId('agent-save').click();
  await expect(v(page).getByTestId('agents-notice')).toHaveText(`Saved ${logonId}.`);
  await expect(page.getByTestId(`agent-row-${logonId}`)).toContainText(want.dn);
  await expect(page.getByTestId(`agent-row-${logonId}`)).toContainText(`${want.skill} (5)`);
}

async function preview(page: Page, number: string, set: (page: Page) => Promise<void>) {
  await v(page).getByTestId('pv-number').fill(number);
  await set(page);
  await v(page).getByTestId('pv-run').click();
  await expect(v(page).getByTestId('pv-result')).toBeVisible();
}

test('dispatch: personal calls group, access, agents, preview, configuration check', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openDispatch(page);
  await expect(v(page).getByTestId('sg-row-Personal Calls')).toContainText('Personal Calls');
  await shot(page, 'dispatch-groups');

  // A Voice – Manual Routing group with Personal Calls: preferred-agent routing is shown.
  await v(page).getByTestId('sg-new').click();
  await expect(page.getByTestId('tab-dispatch.serviceGroup.new')).toBeVisible();
  await v(page).getByTestId('sg-name').fill('Personal Desk');
  await expect(v(page).getByTestId('sg-media')).toHaveValue('voice');
  await v(page).getByTestId('sg-routing').getByLabel('Automatic').check();
  await expect(v(page).getByTestId('sg-personal-calls')).toBeDisabled();
  await v(page).getByTestId('sg-routing').getByLabel('Manual Routing').check();
  await v(page).getByTestId('sg-personal-calls').check();
  await expect(v(page).getByTestId('sg-preferred-agent')).toContainText('Preferred agent routing is set automatically');
  await v(page).getByTestId('sg-max-wait').fill('20');
  await pickSkill(page, 'sg-skills', 'French');
  await v(page).getByTestId('sg-caller-id').selectOption({ label: 'Main number — +16135550100 (tenant default)' });
  await expect(page.getByTestId('tab-dirty-dispatch.serviceGroup.new')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(v(page).getByTestId('sg-saved')).toContainText('Saved "Personal Desk" (version 1)');
  await expect(v(page).getByTestId('sg-no-accesses')).toContainText('personal calls cannot reach it');
  await shot(page, 'dispatch-group-editor');

  // A service access to it; a duplicate BVD number is refused under the field.
  await page.getByTestId('tab-dispatch').click();
  await v(page).getByTestId('dispatch-page-accesses').click();
  await v(page).getByTestId('sa-new').click();
  await page.getByTestId('sa-name').fill('Personal desk line');
  await page.getByTestId('sa-bvd').fill('4001');
  await page.getByTestId('sa-group').selectOption({ label: 'Personal Desk (Personal Calls)' });
  await page.getByTestId('sa-save').click();
  await expect(page.getByTestId('sa-bvd-error')).toHaveText(
    'BVD number 4001 is already used by service access "Personal line": a BVD number is unique in the tenant.',
  );
  await shot(page, 'dispatch-access-duplicate-bvd');
  await page.getByTestId('sa-bvd').fill('4200');
  await page.getByTestId('sa-save').click();
  await expect(v(page).getByTestId('sa-row-Personal desk line')).toContainText('Personal Desk (Personal Calls)');

  // Two agents: one with Dispatch and a personal default destination, one with neither.
  await v(page).getByTestId('dispatch-page-agents').click();
  await editAgent(page, 'lesharp', { dn: '7101', pdd: '87101', dispatch: true, skill: 'French' });
  await editAgent(page, 'josharp', { dn: '7102', pdd: '', dispatch: false, skill: 'French' });
  await shot(page, 'dispatch-agents');

  // What happens to this call?
  await v(page).getByTestId('dispatch-page-preview').click();
  await v(page)
    .getByTestId('pv-access')
    .selectOption({ label: 'Personal desk line (BVD 4200) → Personal Desk · Personal Calls' });
  await preview(page, '7101', async (p) => {
    await v(p).getByTestId('pv-activity').getByLabel('Busy on a voice call').check();
  });
  await expect(v(page).getByTestId('pv-summary')).toContainText(
    'Dispatch queueNot retrieved within Maximum Wait Time for Personal Call (20 seconds).',
  );
  await expect(v(page).getByTestId('pv-step-busy')).toContainText(
    'If the agent is currently busy with a voice call, the call is added to the Dispatch Call queue for the service group.',
  );
  await shot(page, 'dispatch-preview-busy');

  await preview(page, '7101', async (p) => {
    await v(p).getByTestId('pv-logged-on').uncheck();
  });
  await expect(v(page).getByTestId('pv-summary')).toContainText(
    "Diverted to Lee Sharp's personal default destination 87101.",
  );
  await expect(v(page).getByTestId('pv-step-notLoggedOn')).toContainText(
    "If the agent is not logged on, the call will be diverted to the agent's configured Default Destination for personal calls.",
  );
  await shot(page, 'dispatch-preview-not-logged-on');

  await preview(page, '7102', async (p) => {
    await v(p).getByTestId('pv-logged-on').check();
    await v(p).getByTestId('pv-dispatch').uncheck();
  });
  await expect(v(page).getByTestId('pv-summary')).toContainText('Deflected to the system default destination 5999.');
  await expect(v(page).getByTestId('pv-step-waitForAgent')).toContainText(
    'the call will wait for the agent based on the amount of time configured',
  );
  await expect(v(page).getByTestId('pv-step-systemDefault')).toBeVisible();
  await shot(page, 'dispatch-preview-no-dispatch');

  // A broken setup: a Personal Calls group with no skills and no service access.
  await v(page).getByTestId('dispatch-page-groups').click();
  await v(page).getByTestId('sg-new').click();
  await v(page).getByTestId('sg-name').fill('Broken Personal');
  await v(page).getByTestId('sg-personal-calls').check();
  await v(page).getByTestId('sg-save').click();
  await expect(v(page).getByTestId('sg-saved')).toBeVisible();
  await page.getByTestId('tab-dispatch').click();
  await v(page).getByTestId('dispatch-page-check').click();
  await expect(v(page).getByTestId('finding-groupWithoutSkills-Broken Personal')).toBeVisible();
  await expect(v(page).getByTestId('finding-groupWithoutAccess-Broken Personal')).toBeVisible();
  await expect(v(page).getByTestId('finding-agentWithoutFallback-josharp')).toContainText(
    'without Dispatch privilege and without a personal call default destination',
  );
  await shot(page, 'dispatch-check');

  // Follow the finding to its fix: the group's editor, add a skill, save, check again.
  await v(page).getByTestId('fix-groupWithoutSkills-Broken Personal').click();
  await expect(v(page).getByTestId('sg-name')).toHaveValue('Broken Personal');
  await expect(v(page).getByTestId('sg-no-skills')).toBeVisible();
  await pickSkill(page, 'sg-skills', 'VIP');
  await page.keyboard.press('Control+s');
  await expect(v(page).getByTestId('sg-saved')).toContainText('version 2');
  await shot(page, 'dispatch-check-fix');
  await page.getByTestId('tab-dispatch').click();
  await v(page).getByTestId('check-run').click();
  await expect(v(page).getByTestId('finding-groupWithoutSkills-Broken Personal')).toHaveCount(0);
  await expect(v(page).getByTestId('finding-groupWithoutAccess-Broken Personal')).toBeVisible();

  // What does this agent see?
  await v(page).getByTestId('dispatch-page-sees').click();
  await v(page).getByTestId('sees-agent').click();
  await v(page).getByTestId('sees-agent').pressSequentially('josharp');
  await page.getByRole('option', { name: /josharp/ }).click();
  await expect(v(page).getByTestId('sees-dispatch')).toContainText('Personal Desk');
  await shot(page, 'dispatch-agent-sees');

  // Settings: Allow Agents to View all Dispatch Groups shows unskilled groups read-only.
  await v(page).getByTestId('dispatch-page-settings').click();
  await v(page).getByTestId('settings-licences').fill('1');
  await expect(v(page).getByTestId('settings-save')).toBeEnabled();
  await page.keyboard.press('Control+s');
  await expect(v(page).getByTestId('settings-licences-error')).toContainText(
    'agents hold Dispatch privilege, so the pool cannot be 1',
  );
  await v(page).getByTestId('settings-licences').fill('200');
  await v(page).getByTestId('settings-view-all').check();
  // The form must have taken both edits before Ctrl+S (a loaded machine renders late).
  await expect(v(page).getByTestId('settings-view-all')).toBeChecked();
  await expect(v(page).getByTestId('settings-licences-error')).toHaveCount(0);
  await expect(v(page).getByTestId('settings-save')).toBeEnabled();
  await page.keyboard.press('Control+s');
  await expect(v(page).getByTestId('settings-saved')).toBeVisible();
  await shot(page, 'dispatch-settings');
  await v(page).getByTestId('dispatch-page-sees').click();
  await expect(v(page).getByTestId('sees-dispatch')).toContainText('Personal Calls read-only');
  await shot(page, 'dispatch-agent-sees-all');

  // Delete a group (confirmation first); its tab closes and the list forgets it.
  await page.getByTestId('tab-dispatch').click();
  await v(page).getByTestId('dispatch-page-groups').click();
  await v(page).getByTestId('sg-row-Broken Personal').getByRole('button', { name: 'Broken Personal' }).click();
  await v(page).getByTestId('sg-delete').click();
  await expect(page.getByRole('alertdialog')).toContainText('Delete 1 service group, "Broken Personal"?');
  await page.getByTestId('sg-delete-confirm').click();
  await expect(page.getByRole('tab', { name: 'Broken Personal' })).toHaveCount(0);
  await page.getByTestId('tab-dispatch').click();
  await expect(v(page).getByTestId('sg-row-Broken Personal')).toHaveCount(0);

  // An e-mail group: its response file, with a link to the response file's own editor.
  await v(page).getByTestId('sg-row-Support E-mail').getByRole('button', { name: 'Support E-mail' }).click();
  await expect(v(page).getByTestId('sg-response-file')).toHaveValue(/\d+/);
  await expect(v(page).getByTestId('sg-open-response-file')).toHaveText('Open Standard replies');
  await expect(v(page).getByTestId('sg-personal-calls')).toBeDisabled();
  await shot(page, 'dispatch-group-email');
  await page.getByTestId('tab-dispatch').click();
  await v(page).getByTestId('dispatch-page-phoneAgents').click();

  // Phone agent logon: who is restored, priority first.
  await v(page).getByTestId('dispatch-page-phoneAgents').click();
  await expect(v(page).getByTestId('pal-summary')).toContainText(
    'are logged on again after a restart, priority agents first',
  );
  await shot(page, 'dispatch-phone-agents');
  expect(errors).toEqual([]);
});
