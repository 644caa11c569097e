import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// User synchronization against a real directory (Debian's slapd, started here): configure Active Directory,
// preview (adds, an update, deletes), apply, a deleted user coming back undeleted in its agent group, a wrong
// password's error.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
type Slapd = {
  port: number;
  bindDn: string;
  password: string;
  userDn(uid: string): string;
  groupDn(cn: string): string;
  modify(ldif: string): void;
  stop(): Promise<void>;
};
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

const running: ConsoleApp[] = [];
let directory: Slapd | undefined;
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await directory?.stop();
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];
// The demo's Karen Sharp (kasharp) and John Sharp (josharp) are synchronized users with these Sync IDs.
const KAREN = '3f2a0000-aad0-4c1e-9b1d-100000000000';
const JOHN = '3f2a0003-aad0-4c1e-9b1d-100000000003';

async function apply(page: Page, name: string) {
  await page.getByTestId('usersync-apply').click();
  await expect(page.getByTestId('usersync-apply-dialog')).toBeVisible();
  await shot(page, name);
  await page.getByTestId('usersync-apply-dialog-confirm').click();
  await expect(page.getByTestId('usersync-applied')).toBeVisible();
}

test('user synchronization: configure AD, preview, apply, undelete keeps the agent group, wrong password', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { startSlapd } = await load('electron/testing/slapd.ts');
  directory = (await startSlapd({
    users: [
      { uid: 'ksharp', guid: KAREN, givenName: 'Karen', sn: 'Sharp-Jones', upn: 'kasharp@demo.example' },
      { uid: 'jsharp', guid: JOHN, givenName: 'John', sn: 'Sharp', upn: 'josharp@demo.example' },
      { uid: 'jmuessig', givenName: 'Jürgen', sn: 'Müßig', upn: 'juergen@example.test', telephoneNumber: '7001' },
      { uid: 'zoe', givenName: 'Zoë', sn: "O'Brien-Smith", upn: 'zoe@example.test' },
    ],
    groups: [
      { cn: 'Contact Center', members: ['zoe'] },
      { cn: 'MICCE Users', members: ['ksharp', 'jmuessig', 'group:Contact Center'] },
    ],
  })) as Slapd;
  const d = directory;

  const app = await startConsole(ADMIN);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  await page.getByTestId('nav-users').click();
  await page.getByTestId('users-sync').click();

  // Configure Active Directory.
  await page.getByTestId('usersync-type-ad').click();
  await page.getByTestId('usersync-ad-host').fill('127.0.0.1');
  await page.getByTestId('usersync-ad-port').fill(String(d.port));
  await page.getByTestId('usersync-ad-user').fill(d.bindDn);
  await page.getByTestId('usersync-ad-password').fill(d.password);
  await page.getByTestId('usersync-group').fill('MICCE Users');
  await page.getByTestId('usersync-first-chars').fill('2');
  await page.getByTestId('usersync-last-chars').fill('18');
  await expect(page.getByTestId('usersync-example')).toHaveText('sharpka');
  await page.getByTestId('usersync-save').click();
  await expect(page.getByTestId('usersync-saved')).toBeVisible();
  await shot(page, 'usersync-settings');

  // Preview: nothing is written yet.
  await page.getByTestId('usersync-preview').click();
  await expect(page.getByTestId('usersync-counts')).toBeVisible();
  await expect(page.getByTestId('usersync-count-add')).toHaveText('2');
  await expect(page.getByTestId('usersync-count-update')).toHaveText('1');
  // The demo's other synchronized users are not in the group: deleted.
  await expect(page.getByTestId('usersync-count-delete')).toHaveText(/^[1-9]\d*$/);
  await page.getByTestId('usersync-changes').scrollIntoViewIfNeeded();
  await shot(page, 'usersync-preview');
  await page.getByTestId('usersync-filter').click();
  await page.getByRole('option', { name: 'UPDATE' }).click();
  await expect(page.getByTestId('usersync-change-UPDATE')).toHaveCount(1);
  await expect(page.getByTestId('usersync-change-UPDATE')).toContainText('Last Name: Sharp → Sharp-Jones');
  await shot(page, 'usersync-preview-update');

  await apply(page, 'usersync-apply-confirm');
  await expect(page.getByTestId('usersync-applied')).toContainText(/2 added, 1 updated, [1-9]\d* deleted/);
  await expect(page.getByTestId('usersync-runs')).toContainText('Succeeded');
  await shot(page, 'usersync-applied');

  // John Sharp comes back into the group: undeleted, still in his agent group.
  d.modify(`dn: ${d.groupDn('MICCE Users')}\nchangetype: modify\nadd: member\nmember: ${d.userDn('jsharp')}\n`);
  await page.getByTestId('usersync-preview').click();
  await expect(page.getByTestId('usersync-count-undelete')).toHaveText('1');
  await expect(page.getByTestId('usersync-change-UNDELETE')).toContainText('josharp');
  await apply(page, 'usersync-undelete-confirm');
  await page.getByTestId('nav-users').click();
  await page.getByTestId('users-search').fill('josharp');
  await expect(page.getByTestId('users-row')).toHaveCount(1);
  await expect(page.getByTestId('users-row').first()).toContainText('Night Shift');
  await shot(page, 'usersync-undeleted-user');

  // A wrong password: one clear error, nothing changed.
  await page.getByTestId('users-sync').click();
  await page.getByTestId('usersync-ad-password').fill('not-the-password');
  await page.getByTestId('usersync-save').click();
  await expect(page.getByTestId('usersync-saved')).toBeVisible();
  await page.getByTestId('usersync-preview').click();
  await expect(page.getByTestId('usersync-error')).toContainText('refused the user name or password');
  await expect(page.getByTestId('usersync-error')).toContainText('Nothing was changed');
  await shot(page, 'usersync-wrong-password');

  // A blank Host Name: the Domain field appears and says it must be given here (not a Windows domain member); the
  // save names the field. The audit log file: the console's logs folder by default, its full path shown.
  await page.getByTestId('usersync-ad-host').fill('');
  await expect(page.getByTestId('usersync-ad-domain')).toBeVisible();
  await expect(page.getByText('this computer is not in a Windows domain')).toBeVisible();
  await page.getByTestId('usersync-save').click();
  await expect(page.getByText('Domain is required when Host Name is blank')).toBeVisible();
  await expect(page.getByTestId('usersync-csv-path')).toContainText('UserSync.csv');
  await page.getByTestId('usersync-csv-file').scrollIntoViewIfNeeded();
  await shot(page, 'usersync-domain-and-csv');
  expect(errors).toEqual([]);
});
