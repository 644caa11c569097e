// Against a REAL Secret Service: run through scripts/with-keyring.sh, which starts a private
// D-Bus session with an unlocked gnome-keyring and sets CCM_KEYRING=1. Without it these tests
// fail on purpose: a skipped keychain test would hide exactly the breakage it exists for.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychainStore, isServiceRestart } from './secretStore';

const run = promisify(execFile);
const SERVICE = `Contact Center Console (test ${process.pid})`;
const SECRET = 'hunter2-S3cr3t-do-not-leak';
const store = createKeychainStore(SERVICE);
const used = new Set<string>();
const key = (name: string) => {
  const k = `test:${name}`;
  used.add(k);
  return k;
};

let work = '';
let childStore = '';

/**
 * Runs secretStore.ts in a fresh Node process with the given environment (the point: a
 * different D-Bus address than ours). Node 20 cannot load .ts, so the module is transpiled
 * to a temp .mjs with the keyring import pinned to this repo's copy.
 */
async function runChild(env: NodeJS.ProcessEnv, key: string, wrap: string[] = []) {
  const script = `
    const { createKeychainStore, KeychainUnavailableError } = await import(${JSON.stringify(childStore)});
    const s = createKeychainStore(${JSON.stringify(SERVICE)});
    const out = {};
    try { await s.set(${JSON.stringify(key)}, process.env.CHILD_SECRET); out.set = 'stored'; }
    catch (e) { out.set = { unavailable: e instanceof KeychainUnavailableError, message: e.message }; }
    out.available = await s.available();
    console.log(JSON.stringify(out));`;
  const home = mkdtempSync(join(work, 'home-'));
  const cmd = [...wrap, process.execPath, '--input-type=module', '-e', script];
  const { stdout, stderr } = await run(cmd[0]!, cmd.slice(1), {
    cwd: home,
    timeout: 15_000,
    // An empty HOME and XDG folders: afterwards we can see that nothing landed on disk.
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: home,
      XDG_CONFIG_HOME: home,
      XDG_RUNTIME_DIR: home,
      ...env,
      CHILD_SECRET: SECRET,
    },
  });
  const lines = stdout.trim().split('\n');
  return { home, stdout, stderr, out: JSON.parse(lines[lines.length - 1]!) };
}

beforeAll(() => {
  if (process.env.CCM_KEYRING !== '1') {
    throw new Error(
      'The keychain tests need a real Secret Service: run them through scripts/with-keyring.sh, ' +
        'e.g. `bash scripts/with-keyring.sh npx vitest run electron/connectors/keychain`.',
    );
  }
  work = mkdtempSync(join(tmpdir(), 'ccm-keychain-test-'));
  const src = ts.transpileModule(readFileSync(new URL('./secretStore.ts', import.meta.url), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const keyring = pathToFileURL(createRequire(import.meta.url).resolve('@napi-rs/keyring')).href;
  childStore = join(work, 'secretStore.mjs');
  writeFileSync(childStore, src.replace(`'@napi-rs/keyring'`, JSON.stringify(keyring)));
  childStore = pathToFileURL(childStore).href;
});

afterAll(async () => {
  if (process.env.CCM_KEYRING !== '1') return;
  for (const k of used) await store.clear(k);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('keychain SecretStore on a real Secret Service', () => {
  it('is available', async () => {
    expect(await store.available()).toEqual({ ok: true });
  });

  it('round-trips set / get / has / clear', async () => {
    const k = key('round-trip');
    expect(await store.has(k)).toBe(false);
    expect(await store.get(k)).toBeNull();
    await store.set(k, SECRET);
    expect(await store.has(k)).toBe(true);
    expect(await store.get(k)).toBe(SECRET);
    await store.clear(k);
    expect(await store.has(k)).toBe(false);
    expect(await store.get(k)).toBeNull();
  });

  it('overwrites, and keeps keys apart', async () => {
    const a = key('overwrite:a');
    const b = key('overwrite:b');
    await store.set(a, 'first');
    await store.set(b, 'other');
    await store.set(a, 'second');
    expect(await store.get(a)).toBe('second');
    expect(await store.get(b)).toBe('other');
  });

  it('stores a unicode secret unchanged', async () => {
    const k = key('snmp-usm:opérateur:auth');
    const secret = 'pässwörd ✓ 密码 🔑 \u00a0end';
    await store.set(k, secret);
    expect(await store.get(k)).toBe(secret);
  });

  it('clear is idempotent', async () => {
    const k = key('clear-twice');
    await store.set(k, SECRET);
    await store.clear(k);
    await expect(store.clear(k)).resolves.toBeUndefined();
    await expect(store.clear(key('never-set'))).resolves.toBeUndefined();
  });

  it('refuses an empty secret and leaves the old one in place', async () => {
    const k = key('empty');
    await store.set(k, SECRET);
    await expect(store.set(k, '')).rejects.toThrow(/empty secret.*clear/);
    expect(await store.get(k)).toBe(SECRET);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(201)],
    ['newline', 'connection:a\nb'],
    ['NUL', 'connection:\u0000'],
    ['bidi override', 'connection:\u202e'],
  ])('refuses a bad key (%s) without echoing the secret', async (_label, bad) => {
    const err = await store.set(bad, SECRET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toMatch(/Invalid secret key/);
    expect((err as Error).message).not.toContain(SECRET);
    await expect(store.get(bad)).rejects.toThrow(TypeError);
    await expect(store.clear(bad)).rejects.toThrow(TypeError);
  });

  it('accepts a key of exactly 200 printable characters', async () => {
    const k = key('k'.repeat(195));
    await store.set(k, SECRET);
    expect(await store.has(k)).toBe(true);
  });

  it('refuses (KeychainUnavailableError) when no D-Bus session is reachable, storing nothing', async () => {
    const k = key('no-bus');
    const { home, stdout, stderr, out } = await runChild({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }, k);
    expect(out.set.unavailable).toBe(true);
    expect(out.set.message).toMatch(
      /^No OS keychain is available \(the D-Bus session bus is not reachable.*the secret was not stored\./,
    );
    expect(out.set.message).not.toContain('\n');
    expect(out.available).toEqual({
      ok: false,
      reason: expect.stringMatching(/^No OS keychain is available .*\. Start /),
    });
    expect(stdout + stderr).not.toContain(SECRET);
    // Not in the real keychain, and no file fallback in the child's HOME / XDG folders.
    expect(await store.get(k)).toBeNull();
    expect(readdirSync(home)).toEqual([]);
  });

  it('refuses when the Secret Service has no unlocked default collection (headless, no prompt)', async () => {
    // A second private bus where D-Bus activation starts gnome-keyring without --unlock:
    // storing would need a prompt, and with no display the prompt fails.
    const k = key('no-collection');
    const { stdout, stderr, out } = await runChild({}, k, ['dbus-run-session', '--']);
    expect(out.set.unavailable).toBe(true);
    expect(out.set.message).toMatch(/^The OS keychain \(Secret Service\) (has no default collection|is locked)/);
    expect(out.available.ok).toBe(false);
    expect(stdout + stderr).not.toContain(SECRET);
    expect(await store.get(k)).toBeNull();
  });

  it('keeps working after gnome-keyring-daemon dies: scripts/with-keyring.sh starts it again on the same keyring', async () => {
    // Its own with-keyring session, so killing that daemon cannot disturb the other test files.
    const script = `
      const { readdirSync, readFileSync } = await import('node:fs');
      const { createKeychainStore } = await import(${JSON.stringify(childStore)});
      const s = createKeychainStore('restart test');
      await s.set('k', 'before the crash');
      const dir = process.env.CCM_KEYRING_DIR;
      const daemon = readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).find((p) => {
        try {
          return readFileSync('/proc/' + p + '/comm', 'utf8').startsWith('gnome-keyring') &&
            readFileSync('/proc/' + p + '/environ', 'utf8').split('\\0').includes('XDG_DATA_HOME=' + dir + '/data');
        } catch { return false; }
      });
      process.kill(Number(daemon), 'SIGABRT');
      const out = { killed: Boolean(daemon), read: await s.get('k') };
      await s.set('k2', 'after');
      out.written = await s.get('k2');
      console.log(JSON.stringify(out));`;
    const { stdout, stderr } = await run(
      'bash',
      [join(process.cwd(), 'scripts/with-keyring.sh'), process.execPath, '--input-type=module', '-e', script],
      { timeout: 30_000 },
    );
    const lines = stdout.trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toEqual({ killed: true, read: 'before the crash', written: 'after' });
    expect(stderr).toMatch(/gnome-keyring-daemon was started 2 times/);
  });

  it('retries once only when the Secret Service went away mid-call', () => {
    expect(isServiceRestart(new Error('Platform failure: DBus error: The session does not exist'))).toBe(true);
    expect(isServiceRestart(new Error('org.freedesktop.DBus.Error.NoReply: Message recipient disconnected'))).toBe(
      true,
    );
    expect(
      isServiceRestart(new Error('Platform failure: DBus error: Cannot create an item in a locked collection')),
    ).toBe(false);
    expect(isServiceRestart(new Error('No result found'))).toBe(false);
    expect(
      isServiceRestart(new Error('DBus error: Message recipient disconnected from message bus without replying')),
    ).toBe(true);
  });
});
