import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// System › MiVoice Call Recording and Agent data access against the real console in browser mode, at
// 1366x768: the rules beside the fields, the support-DLL check (typed and imported), the privileges
// on user types, and "What does this agent see?" following the options.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];
const v = (page: Page) => page.locator('[data-testid^="tabpanel-"]:visible');

async function open(page: Page) {
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-system').click();
  return app;
}

test('MiVoice Call Recording: rules beside the fields, the DLL check, Record Calls on a user type', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page);
  await page.getByTestId('system-open-callRecording').click();
  await v(page).getByTestId('sp-callRecording-integrated').check();
  await v(page).getByTestId('sp-callRecording-vr-allCallsSave').check();
  await expect(v(page).getByTestId('sp-callRecording-table')).toContainText('if the agent has Record Calls privilege');
  await v(page).getByTestId('sp-callRecording-rule-doNotRecordNoOverride').check();
  await expect(v(page).getByText('is not applicable when integrating with MiCC Enterprise')).toBeVisible();
  await expect(v(page).getByTestId('sp-callRecording-save')).toBeDisabled();
  await v(page).getByTestId('sp-callRecording-rule-alwaysAllowOverride').check();
  await v(page).getByTestId('sp-callRecording-server').fill('http://mivcr01/navigator');
  await expect(v(page).getByText('a host name or IP address only (no http:// or path)')).toBeVisible();
  await v(page).getByTestId('sp-callRecording-server').fill('mivcr01');
  await expect(v(page).getByText('Navigator tab URL for Agent: http://mivcr01/navigator')).toBeVisible();

  // Versions: typed on the MiVCR side (one wrong), imported on the MiCC Enterprise side.
  await v(page).getByTestId('sp-callRecording-dll-mivcr-ccasComClient').fill('7.1.0.25');
  await v(page).getByTestId('sp-callRecording-dll-mivcr-socketManager').fill('seven');
  await expect(v(page).getByText('SocketManager.dll on the MiVCR server: a file version')).toBeVisible();
  await v(page).getByTestId('sp-callRecording-dll-mivcr-socketManager').fill('7.1.0.20');
  await v(page).getByTestId('sp-callRecording-dll-mivcr-secTraceLog').fill('7.1.0.3');
  await v(page)
    .getByTestId('sp-callRecording-import-micce')
    .setInputFiles({
      name: 'micce-dlls.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(
        'FileVersion  FileName\r\n7.1.0.25  C:\\MiCC\\Common Files\\EricssonShare\\NextCCShare\\CCASComClient.dll\r\n' +
          '7.1.0.26  C:\\MiCC\\Common Files\\EricssonShare\\SocketManager.dll\r\n' +
          '7.1.0.3  C:\\MiCC\\Common Files\\EricssonShare\\SeCTraceLog.dll\r\n',
      ),
    });
  await expect(v(page).getByTestId('sp-callRecording-imported')).toContainText('3 of 3 versions read');
  await expect(v(page).getByTestId('sp-callRecording-check-ccasComClient')).toHaveText('Same version');
  await expect(v(page).getByTestId('sp-callRecording-check-socketManager')).toHaveText('Differs');
  await expect(v(page).getByTestId('sp-callRecording-differs')).toContainText(
    'SocketManager.dll differs (MiVCR 7.1.0.20, MiCC Enterprise 7.1.0.26)',
  );
  await v(page).getByTestId('sp-callRecording-save').click();
  await expect(v(page).getByTestId('sp-callRecording-meta')).toContainText('Version 1, saved by admin');

  await v(page).getByTestId('sp-callRecording-privileges-recordCalls-Agent').click();
  await expect(v(page).getByTestId('sp-callRecording-privileges-recordCalls-Agent')).toBeChecked();
  await expect(v(page).getByTestId('sp-callRecording-privileges')).toContainText(
    'Record Calls button on the Sessions tab',
  );
  await page.reload();
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-callRecording').click();
  await expect(v(page).getByTestId('sp-callRecording-privileges-recordCalls-Agent')).toBeChecked();
  await shot(page, 'sysparams-call-recording');
  await v(page).getByTestId('sp-callRecording-dlls').scrollIntoViewIfNeeded();
  await shot(page, 'sysparams-call-recording-dlls');
  // F1: the manual's section, with both tables of MiVCR rules and the support DLLs.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-dialog').getByRole('heading').first()).toContainText(
    'Integrating with MiVoice Call Recording',
  );
  await expect(page.getByTestId('help-text')).toContainText('CCASComClient.dll');
  await expect(page.getByTestId('help-text').locator('table')).toHaveCount(3);
  await shot(page, 'sysparams-call-recording-help');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toBeHidden();
  expect(errors).toEqual([]);
});

test('Agent data access: options and privileges, and What does this agent see follows them', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page);
  await page.getByTestId('system-open-agentDataAccess').click();
  await v(page).getByTestId('sp-agentData-useAgentGroupForDial').check();
  await v(page).getByTestId('sp-agentData-useAgentGroupForForce').check();
  await v(page).getByTestId('sp-agentData-save').click();
  await expect(v(page).getByTestId('sp-agentData-meta')).toContainText('Version 1, saved by admin');
  await v(page).getByTestId('sp-agentData-privileges-changeSkillsForOthers-Agent').click();
  await expect(v(page).getByTestId('sp-agentData-privileges-changeSkillsForOthers-Agent')).toBeChecked();
  await shot(page, 'sysparams-agent-data-access');

  await page.getByTestId('nav-dispatch').click();
  await v(page).getByTestId('dispatch-page-sees').click();
  await v(page).getByTestId('sees-agent').click();
  await v(page).getByTestId('sees-agent').pressSequentially('josharp');
  await page.getByRole('option', { name: /josharp/ }).click();
  await expect(v(page).getByTestId('sees-list-contacts')).toContainText('Use Agent Group for Dial');
  await expect(v(page).getByTestId('sees-list-force')).toContainText('Use Agent Group for Force');
  await expect(v(page).getByTestId('sees-list-monitor')).toContainText('All logged-on agents');
  await expect(v(page).getByTestId('sees-divert')).toContainText('open when');
  await v(page).getByTestId('sees-dialogs').scrollIntoViewIfNeeded();
  await shot(page, 'sysparams-agent-sees-dialogs');
  expect(errors).toEqual([]);
});

test('Agent data access: departments (DepartmentConfig.exe) keep Contacts and Force to the agent’s department', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page);
  await page.getByTestId('system-open-agentDataAccess').click();
  await expect(v(page).getByTestId('sp-departments-empty')).toBeVisible();
  await v(page).getByTestId('sp-agentData-suppressAgentsOutsideDepartment').check();
  await v(page).getByTestId('sp-departments-add').click();
  // The name is required: the page says so before main would.
  await expect(v(page).getByText('Department 1: the name is required.')).toBeVisible();
  await expect(v(page).getByTestId('sp-agentData-save')).toBeDisabled();
  await v(page).getByTestId('sp-dept-0-name').fill('Sales');
  await v(page).getByTestId('sp-dept-0-add').pressSequentially('josharp');
  await page.getByRole('option', { name: /^josharp/ }).click();
  await expect(v(page).getByTestId('sp-dept-0-agents')).toContainText('josharp');
  const secondLogon = 'aisharp';
  await v(page).getByTestId('sp-dept-0-add').pressSequentially(secondLogon);
  await page.getByRole('option', { name: /^aisharp/ }).click();
  await expect(v(page).getByTestId('sp-dept-0-agents')).toContainText(secondLogon);
  // A second department taking an agent of the first moves it, and says so.
  await v(page).getByTestId('sp-departments-add').click();
  await v(page).getByTestId('sp-dept-1-name').fill('Support');
  await v(page).getByTestId('sp-dept-1-add').pressSequentially(secondLogon);
  await page.getByRole('option', { name: new RegExp(`^${secondLogon}`) }).click();
  await expect(v(page).getByTestId('sp-departments-moved')).toHaveText(
    `${secondLogon} moved from “Sales” to “Support”: an agent is in one department only.`,
  );
  await expect(v(page).getByTestId('sp-dept-0-agents')).not.toContainText(secondLogon);
  await v(page).getByTestId('sp-agentData-save').click();
  await expect(v(page).getByTestId('sp-agentData-meta')).toContainText('Version 1, saved by admin');
  await v(page).getByTestId('sp-departments').scrollIntoViewIfNeeded();
  await shot(page, 'sysparams-departments');

  await page.getByTestId('nav-dispatch').click();
  await v(page).getByTestId('dispatch-page-sees').click();
  await v(page).getByTestId('sees-agent').click();
  await v(page).getByTestId('sees-agent').pressSequentially('josharp');
  await page.getByRole('option', { name: /josharp/ }).click();
  await expect(v(page).getByTestId('sees-list-contacts')).toContainText('only agents of department “Sales” appear');
  await expect(v(page).getByTestId('sees-list-contacts')).not.toContainText(secondLogon);
  await expect(v(page).getByTestId('sees-list-force')).toContainText('department “Sales”');
  await shot(page, 'sysparams-departments-sees');
  expect(errors).toEqual([]);
});

test('Remember logged-in user: the sign-in form starts with the last Logon ID; off, it starts empty', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = await startConsole([]);
  running.push(app);
  await page.goto(app.url);
  const signIn = async (logonId: string, password: string) => {
    await page.getByTestId('signin-logonId').fill(logonId);
    await page.getByTestId('signin-password').fill(password);
    await page.getByTestId('signin-tenant').selectOption('1');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/signIn')),
      page.getByTestId('signin-submit').click(),
    ]);
    // The first sign-in also waits for the demo database to be created.
    await expect(page.getByTestId('titlebar-user')).toBeVisible({ timeout: 30_000 });
  };
  const signOut = async () => {
    await page.getByTestId('titlebar-user').click();
    await page.getByTestId('menu-sign-out').click();
    await expect(page.getByTestId('signin-screen')).toBeVisible();
  };
  await expect(page.getByTestId('signin-logonId')).toHaveValue('');
  await signIn('supervisor', 'Super#2026');
  await signOut();
  await expect(page.getByTestId('signin-logonId')).toHaveValue('supervisor');
  await expect(page.getByTestId('signin-tenant')).toHaveValue('1');
  await expect(page.getByTestId('signin-password')).toBeFocused();
  await shot(page, 'sysparams-remember-user');

  await signIn('admin', 'Admin#2026');
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-userAuth').click();
  await v(page).getByTestId('sp-userAuth-remember').click();
  await v(page).getByTestId('sp-userAuth-save').click();
  await expect(v(page).getByTestId('sp-userAuth-meta')).toContainText('Version 1');
  await signOut();
  await expect(page.getByTestId('signin-logonId')).toHaveValue('');
  expect(errors).toEqual([]);
});
