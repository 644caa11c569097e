import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../cli/flags';
import { startCore } from '..';
import { DEFAULT_PREFERENCES, PrefsStore } from './prefsStore';

const tmp = () => mkdtempSync(join(tmpdir(), 'ccm-prefs-'));

describe('PrefsStore', () => {
  it('starts from the defaults at version 0', () => {
    expect(new PrefsStore(tmp()).read()).toEqual({ version: 0, value: DEFAULT_PREFERENCES });
  });

  it('saves with the expected version and bumps it', () => {
    const store = new PrefsStore(tmp());
    const saved = store.save(0, { ...DEFAULT_PREFERENCES, theme: 'dark' });
    expect(saved.version).toBe(1);
    expect(new PrefsStore(join(store.file, '..')).read().value.theme).toBe('dark');
  });

  it('refuses a stale save and keeps the newer value', () => {
    const store = new PrefsStore(tmp());
    store.save(0, { ...DEFAULT_PREFERENCES, theme: 'dark' });
    expect(() => store.save(0, { ...DEFAULT_PREFERENCES, theme: 'light' })).toThrow(
      /version you supplied \[0\] does not match the current version \[1\]/,
    );
    expect(store.read().value.theme).toBe('dark');
  });

  it('keeps the valid fields of a damaged file and defaults the rest', () => {
    const store = new PrefsStore(tmp());
    writeFileSync(store.file, JSON.stringify({ version: 4, value: { theme: 'dark', logBufferKLines: -5 } }));
    expect(store.read()).toEqual({ version: 4, value: { ...DEFAULT_PREFERENCES, theme: 'dark' } });
    writeFileSync(store.file, 'not json');
    expect(store.read().value).toEqual(DEFAULT_PREFERENCES);
  });
});

describe('/reset', () => {
  it('resets the user preferences at start-up and says so', async () => {
    const dir = tmp();
    new PrefsStore(dir).save(0, { ...DEFAULT_PREFERENCES, theme: 'dark' });
    const parsed = parseFlags(['/reset']);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const core = startCore({
      launchOptions: parsed.options,
      userDataDir: dir,
      info: { productName: 'CCM', version: 't', mode: 'browser', platform: 'linux' },
      connect: false,
    });
    expect(existsSync(join(dir, 'preferences.json'))).toBe(false);
    expect(new PrefsStore(dir).read().value).toEqual(DEFAULT_PREFERENCES);
    expect(core.notices.all().map((n) => n.text)).toContain('User preferences were reset (/reset).');
    await core.dispose();
  });

  it('leaves them alone without /reset, and /logfile moves the log', async () => {
    const dir = tmp();
    new PrefsStore(dir).save(0, { ...DEFAULT_PREFERENCES, theme: 'dark' });
    const logFile = join(dir, 'custom', 'my log.txt');
    const parsed = parseFlags([`/logfile:${logFile}`, '/user:admin', '/password:Pw-never-logged']);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const core = startCore({
      launchOptions: parsed.options,
      userDataDir: dir,
      info: { productName: 'CCM', version: 't', mode: 'browser', platform: 'linux' },
      connect: false,
    });
    await core.dispose();
    expect(new PrefsStore(dir).read().value.theme).toBe('dark');
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('console starting');
    expect(log).not.toContain('Pw-never-logged');
  });
});
