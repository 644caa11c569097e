import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../connectors/db/demoSeed';
import { startCore, type Core } from '../services';
import { PREPARING_DEMO } from '../services/data/dataContext';
import { TEST_HOST } from '../services/testing/harness';
import { exitOnFlagProblems } from '../cli/exit';
import { gatedRouter } from './gate';

/** A console on a fresh user-data folder: its first run creates and seeds the embedded demo database. */
function firstRun(): { core: Core; preparing: Promise<void> } {
  const core = startCore({
    launchOptions: exitOnFlagProblems([], () => {}, {}),
    userDataDir: mkdtempSync(join(tmpdir(), 'ccm-first-run-')),
    info: { productName: 'CCM', version: 'test', mode: 'browser', platform: 'linux' },
  });
  // State, not time: resolves at the auth.changed that says the demo database is being prepared.
  const preparing = new Promise<void>((resolve) => {
    const emit = core.bus.emit.bind(core.bus);
    core.bus.emit = ((name: never, item: never) => {
      emit(name, item);
      if (core.data.status().preparing) resolve();
    }) as typeof core.bus.emit;
    if (core.data.status().preparing) resolve();
  });
  return { core, preparing };
}

const call =
  (core: Core, router = gatedRouter(core.router, core.ready)) =>
  (service: string, method: string, args: unknown = {}) =>
    router.call(service, method, args, { principal: core.principal(), origin: 'test', host: TEST_HOST }) as Promise<{
      ok: boolean;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      value?: any;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      error?: any;
    }>;

describe('first run: the sign-in form before the demo database is ready', () => {
  it('auth.status answers while the demo database is prepared, and says so', async () => {
    const { core, preparing } = firstRun();
    try {
      await preparing;
      const status = await call(core)('auth', 'status');
      expect(status.ok).toBe(true);
      expect(status.value.connection).toMatchObject({ state: 'connecting', preparing: PREPARING_DEMO });
      expect(status.value.user).toBeNull();
      // answered before the seeding was done
      expect(core.data.status().preparing).toBe(PREPARING_DEMO);
      await core.ready;
      const after = await call(core)('auth', 'status');
      expect(after.value.connection.state).toBe('connected');
      expect(after.value.connection.preparing).toBeUndefined();
      expect(after.value.tenants.length).toBeGreaterThan(1);
    } finally {
      await core.dispose();
    }
  }, 120_000);

  it('a sign-in sent before the demo database is ready completes when it is (the tenant found by Logon ID)', async () => {
    const { core, preparing } = firstRun();
    try {
      await preparing;
      const signingIn = call(core)('auth', 'signIn', {
        logonId: DEMO_ACCOUNTS.hostAdmin.logonId,
        password: DEMO_ACCOUNTS.hostAdmin.password,
      });
      expect(core.data.status().preparing).toBe(PREPARING_DEMO); // sent while preparing
      const r = await signingIn;
      expect(r.error).toBeUndefined();
      expect(r.value.user).toMatchObject({ logonId: DEMO_ACCOUNTS.hostAdmin.logonId });
      expect(r.value.tenant).toMatchObject({ name: 'Demo Contact Center' });
      expect(core.data.status().state).toBe('connected');
    } finally {
      await core.dispose();
    }
  }, 120_000);

  it('a sign-in from a form that had no tenant, arriving just after the preparation ended, finds it by Logon ID', async () => {
    const { core, preparing } = firstRun();
    try {
      await preparing;
      await core.ready;
      expect(core.data.status().preparing).toBeUndefined();
      const args = { logonId: DEMO_ACCOUNTS.hostAdmin.logonId, password: DEMO_ACCOUNTS.hostAdmin.password };
      // A form that offered the tenants and none was chosen: the tenant is asked for, as on any other run.
      const asked = await call(core)('auth', 'signIn', args);
      expect(asked.error).toMatchObject({ field: 'tenantId' });
      const r = await call(core)('auth', 'signIn', { ...args, tenantUnknown: true });
      expect(r.error).toBeUndefined();
      expect(r.value.tenant).toMatchObject({ name: 'Demo Contact Center' });
    } finally {
      await core.dispose();
    }
  }, 120_000);

  it('a wrong password sent while preparing is refused once the database is ready, as any other', async () => {
    const { core, preparing } = firstRun();
    try {
      await preparing;
      const r = await call(core)('auth', 'signIn', { logonId: DEMO_ACCOUNTS.hostAdmin.logonId, password: 'nope' });
      expect(r.ok).toBe(false);
      expect(r.error).toMatchObject({ message: 'Logon ID or password is incorrect.' });
    } finally {
      await core.dispose();
    }
  }, 120_000);

  it('other calls wait for the start-up (browser mode), so they meet the database ready', async () => {
    const { core, preparing } = firstRun();
    try {
      await preparing;
      const info = call(core)('app', 'getInfo').then((r) => ({ r, state: core.data.status().state }));
      const { r, state } = await info;
      expect(r.ok).toBe(true);
      expect(state).toBe('connected');
    } finally {
      await core.dispose();
    }
  }, 120_000);
});
