import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Response files against the real console in browser mode: import the seed's example, edit the
// tree (nested group, a response using $Agent.Name$ from the picker, undo/redo, drag and drop),
// the chat-media warning for $Subject$, the preview as an e-mail agent, export and re-import.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const here = dirname(fileURLToPath(import.meta.url));
const TESTDATA = resolve(here, '../electron/domain/responseFiles/testdata');
const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

const row = (page: Page, name: string) => page.locator(`[data-testid="rf-row"][data-name="${name}"]`);

async function importXml(page: Page, file: { name: string; buffer: Buffer }, name: string, location = '') {
  await page
    .getByTestId('rf-import-file')
    .setInputFiles({ name: file.name, mimeType: 'application/xml', buffer: file.buffer });
  await page.getByTestId('rf-new-name').fill(name);
  if (location) await page.getByTestId('rf-new-location').fill(location);
  await page.getByTestId('rf-new-ok').click();
}

test('response files: import, edit, identifiers, chat warning, preview, export, re-import', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 960 });
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-responseFiles').click();
  await expect(page.getByTestId('rf-list')).toBeVisible();
  await expect(page.locator('[data-testid="rf-list-row"][data-name="Standard replies"]')).toContainText('Web Chat');
  await shot(page, 'responseFiles-home');

  // A hostile file is refused with the reason and its position; nothing is created.
  const bomb =
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<ResponseFile><Response Name="x">&lol2;</Response></ResponseFile>';
  await importXml(page, { name: 'bomb.xml', buffer: Buffer.from(bomb) }, 'Bomb');
  await expect(page.getByTestId('rf-import-refused')).toContainText('A DOCTYPE is not allowed in a response file');
  await expect(page.getByTestId('rf-import-refused')).toContainText('(line 2, column');
  await expect(page.locator('[data-testid="rf-list-row"][data-name="Bomb"]')).toHaveCount(0);
  await shot(page, 'responseFiles-import-refused');

  // Import the seed's example; its folder is where the Src files are.
  await importXml(
    page,
    { name: 'seedExample.xml', buffer: readFileSync(join(TESTDATA, 'seedExample.xml')) },
    'Format example imported',
    TESTDATA,
  );
  const editor = page.getByTestId('rf-editor').filter({ visible: true });
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId('rf-problems')).toContainText('0 errors, 0 warnings');
  // Expanded="true" opens Group 3; Group 1 is closed.
  await expect(row(page, 'Response in Group 3')).toBeVisible();
  await expect(row(page, 'Response in Group 1')).toHaveCount(0);
  await expect(row(page, 'Group 1')).toHaveAttribute('aria-expanded', 'false');
  await row(page, 'Multiline Response').click();
  await expect(editor.getByTestId('rf-text')).toHaveValue('Response Line 1\nResponse Line 2');
  await shot(page, 'responseFiles-imported');

  // A nested group inside Group 1, and in it a response using $Agent.Name$ from the picker.
  await row(page, 'Group 1').click();
  await editor.getByTestId('rf-add-group').click();
  await editor.getByTestId('rf-name').fill('Signatures');
  await expect(row(page, 'Signatures')).toBeVisible();
  await editor.getByTestId('rf-add-response').click();
  await editor.getByTestId('rf-name').fill('Regards');
  await editor.getByTestId('rf-text').fill('Kind regards,\n');
  await editor.getByTestId('rf-insert-identifier').click();
  const picker = page.getByTestId('rf-identifier-picker');
  await expect(picker.getByTestId('rf-identifier-Subject')).toContainText('Incoming E-mail');
  await expect(picker.locator('[role="option"]')).toHaveCount(21);
  await shot(page, 'responseFiles-identifier-picker');
  await picker.getByTestId('rf-identifier-Agent.Name').click();
  await expect(editor.getByTestId('rf-text')).toHaveValue('Kind regards,\n$Agent.Name$');
  await editor.getByTestId('rf-text').press('End');
  await editor.getByTestId('rf-text').pressSequentially(', $Received.Date$');
  await expect(row(page, 'Regards')).toHaveAttribute('aria-level', '3');

  // Undo / redo (Ctrl+Z / Ctrl+Y) of a deletion.
  await row(page, 'Response in Group 3').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('rf-delete-confirm')).toContainText('0 groups and 1 response');
  await page.getByTestId('rf-delete-ok').click();
  await expect(row(page, 'Response in Group 3')).toHaveCount(0);
  await editor.getByTestId('rf-tree').press('Control+z');
  await expect(row(page, 'Response in Group 3')).toBeVisible();
  await editor.getByTestId('rf-tree').press('Control+y');
  await expect(row(page, 'Response in Group 3')).toHaveCount(0);
  await editor.getByTestId('rf-tree').press('Control+z');
  await expect(row(page, 'Response in Group 3')).toBeVisible();

  // Multi-select (Ctrl+click, Shift+click), duplicate (Ctrl+D), delete with counts.
  await row(page, 'Multiline Response').click();
  await row(page, 'HTML Response').click({ modifiers: ['Shift'] });
  await row(page, 'External Text Response').click({ modifiers: ['Control'] });
  await expect(editor.getByText('4 items selected')).toBeVisible();
  await editor.getByTestId('rf-tree').press('Control+d');
  await expect(row(page, 'Multiline Response (copy)')).toBeVisible();
  await expect(row(page, 'External Text Response (copy)')).toBeVisible();
  await editor.getByTestId('rf-tree').press('Delete');
  await expect(page.getByTestId('rf-delete-confirm')).toContainText('0 groups and 4 responses');
  await page.getByTestId('rf-delete-ok').click();
  await expect(row(page, 'Multiline Response (copy)')).toHaveCount(0);
  await expect(row(page, 'Multiline Response')).toBeVisible();

  // Drag a response into Group 3.
  await row(page, 'Simple Response with Description').dragTo(row(page, 'Group 3'));
  await expect(row(page, 'Simple Response with Description')).toHaveAttribute('aria-level', '2');
  await shot(page, 'responseFiles-edited');
  await editor.getByTestId('rf-save').click();
  await expect(editor.getByTestId('rf-saved')).toBeVisible();
  await expect(editor.getByTestId('rf-save')).toBeDisabled();
  await expect(page.locator('[data-testid^="tab-dirty-responseFiles.file."]')).toHaveCount(0);

  // Preview as an e-mail agent: identifiers replaced, HTML sandboxed, the image shown.
  await editor.getByTestId('rf-preview').click();
  const preview = page.getByTestId('rf-preview-dialog');
  await preview.getByTestId('rf-preview-media').selectOption('email');
  await preview.getByTestId('rf-sample-agentName').fill('Dana Agent');
  await preview.locator('[data-testid="rf-preview-node"][data-name="Response with a replacement"]').click();
  await expect(preview.getByTestId('rf-preview-text')).toHaveText('This is the agent name: Dana Agent');
  await expect(preview.getByTestId('rf-preview-tooltip')).toHaveText(
    'Tooltip: This is a plain text response with replaceable identifier',
  );
  // dates in the chosen locale (German short date)
  await preview.getByTestId('rf-preview-locale').fill('de-DE');
  await preview.getByTestId('rf-sample-received').fill('2026-03-05T14:30');
  await preview.locator('[data-testid="rf-preview-node"][data-name="Group 1"]').click();
  await preview.locator('[data-testid="rf-preview-node"][data-name="Signatures"]').click();
  await preview.locator('[data-testid="rf-preview-node"][data-name="Regards"]').click();
  await expect(preview.getByTestId('rf-preview-text')).toContainText('Dana Agent, 05.03.26');
  // no Description: the tooltip is the inner text (seed: Nodes table)
  await expect(preview.getByTestId('rf-preview-tooltip')).toContainText('Tooltip: Kind regards,');
  await preview.locator('[data-testid="rf-preview-node"][data-name="HTML Response"]').click();
  const frame = preview.getByTestId('rf-preview-html');
  await expect(frame).toHaveAttribute('sandbox', '');
  const html = page.frameLocator('[data-testid="rf-preview-html"]');
  await expect(html.locator('body')).toContainText('Regards, Dana Agent');
  // its relative image is shown (inlined by main); the remote one is not loaded
  await expect
    .poll(() => html.locator('img[alt="logo"]').evaluate((i: HTMLImageElement) => i.naturalWidth))
    .toBeGreaterThan(0);
  expect(await html.locator('img[src^="https:"]').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(0);
  await shot(page, 'responseFiles-preview-html');
  await preview.locator('[data-testid="rf-preview-node"][data-name="Image Response"]').click();
  await expect(preview.getByTestId('rf-preview-image')).toBeVisible();
  await shot(page, 'responseFiles-preview-email');
  // a chat agent gets no HTML or image responses
  await preview.getByTestId('rf-preview-media').selectOption('chat');
  await expect(preview.locator('[data-testid="rf-preview-node"][data-name="Image Response"]')).toHaveCount(0);
  await expect(
    preview.locator('[data-testid="rf-preview-node"][data-name="Response with a replacement"]'),
  ).toBeVisible();
  await preview.getByTestId('rf-preview-close').click();

  // Export (download) and re-import.
  await editor.getByTestId('rf-export').click();
  await page.getByTestId('rf-export-open').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rf-export-download').click()]);
  expect(download.suggestedFilename()).toBe('Format example imported.xml');
  const xml = readFileSync((await download.path())!, 'utf8');
  expect(xml).toContain('<Response Name="Regards">Kind regards,&#x0d;&#x0a;$Agent.Name$, $Received.Date$</Response>');
  expect(xml).toContain('Response Line 1&#x0d;&#x0a;Response Line 2');
  // … and to a folder on this computer with its Src files
  const folder = mkdtempSync(join(tmpdir(), 'ccm-rf-export-'));
  await page.getByTestId('rf-export-folder').fill(folder);
  await page.getByTestId('rf-export-folder-go').click();
  await expect(page.getByTestId('rf-export-result')).toContainText('Wrote 4 files; 1 Src not copied');
  expect(existsSync(join(folder, 'Images/image1.jpg'))).toBe(true);
  await shot(page, 'responseFiles-export');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('tab-responseFiles').click();
  await importXml(page, { name: 'reimport.xml', buffer: Buffer.from(xml) }, 'Re-imported', TESTDATA);
  const again = page.getByTestId('rf-editor').filter({ visible: true });
  await expect(again.getByTestId('rf-file-name')).toHaveValue('Re-imported');
  await again.getByText('Expand all').click();
  await expect(row(page, 'Regards').filter({ visible: true })).toHaveAttribute('aria-level', '3');
  await expect(again.getByTestId('rf-problems')).toContainText('0 errors, 0 warnings');
  await shot(page, 'responseFiles-reimported');

  // The chat-media warning: "Standard replies" is used by Web Chat (and e-mail, SMS).
  await page.getByTestId('tab-responseFiles').click();
  await page.locator('[data-testid="rf-list-row"][data-name="Standard replies"]').getByTestId('rf-open').click();
  const std = page.getByTestId('rf-editor').filter({ visible: true });
  await expect(std.getByTestId('rf-usages')).toContainText('Web Chat');
  await row(page, 'Greetings').filter({ visible: true }).click();
  await std.getByTestId('rf-add-response').click();
  await std.getByTestId('rf-name').fill('Subject reply');
  await std.getByTestId('rf-text').fill('About your message "$Subject$"');
  await expect(std.getByTestId('rf-detail')).toContainText(
    '$Subject$ in the text applies to Incoming E-mail only; it is not replaced for chat (service group Web Chat uses this file).',
  );
  await expect(
    std.locator('[data-testid="rf-problem"][data-rule="identifier-media"]').filter({ hasText: 'Subject' }),
  ).toHaveCount(2);
  await shot(page, 'responseFiles-chat-warning');

  expect(errors).toEqual([]);
});

test('response files: the tree stays responsive with 10,000 responses', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 960 });
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-responseFiles').click();
  await expect(page.getByTestId('rf-list')).toBeVisible();
  // 200 groups of 50 responses (about 2.5 MB), created through the API as an import would.
  const parts = ['<?xml version="1.0" encoding="utf-8"?>\n<ResponseFile>\n'];
  for (let g = 1; g <= 200; g++) {
    parts.push(`  <Group Name="Group ${g}" Expanded="true">\n`);
    for (let i = 1; i <= 50; i++)
      parts.push(
        `    <Response Name="Response ${(g - 1) * 50 + i}" Description="Reply">Hello $Agent.Name$,&#x0d;&#x0a;this is reply ${(g - 1) * 50 + i}.</Response>\n`,
      );
    parts.push('  </Group>\n');
  }
  parts.push('</ResponseFile>\n');
  const created = await page.evaluate(
    async (content) =>
      (
        await fetch('/api/responseFiles/create', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Ten thousand', location: null, content }),
        })
      ).json(),
    parts.join(''),
  );
  expect(created.ok).toBe(true);
  await page.reload();
  await page.getByTestId('nav-responseFiles').click();
  await page.locator('[data-testid="rf-list-row"][data-name="Ten thousand"]').getByTestId('rf-open').click();
  const editor = page.getByTestId('rf-editor').filter({ visible: true });
  await expect(row(page, 'Response 1')).toBeVisible();
  // only the rows on screen are in the DOM
  expect(await page.getByTestId('rf-row').count()).toBeLessThan(80);
  const t0 = Date.now();
  await row(page, 'Response 1').click();
  await editor.getByTestId('rf-tree').press('End');
  await expect(row(page, 'Response 10000')).toBeVisible();
  await expect(editor.getByTestId('rf-name')).toHaveValue('Response 10000');
  const jump = Date.now() - t0;
  const t1 = Date.now();
  await editor.getByTestId('rf-name').fill('Response 10000 renamed');
  await expect(row(page, 'Response 10000 renamed')).toBeVisible();
  const rename = Date.now() - t1;
  const t2 = Date.now();
  await editor.getByText('Collapse all').click();
  await expect(row(page, 'Group 200')).toBeVisible();
  const collapse = Date.now() - t2;
  console.log(`10,000 responses: jump to the end ${jump} ms, rename ${rename} ms, collapse all ${collapse} ms`);
  expect(jump).toBeLessThan(3000);
  expect(rename).toBeLessThan(3000);
  await shot(page, 'responseFiles-10000');
});
