import { createPrivateKey } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEECH_DEFAULTS, type VaAction, type VaProfileInput } from '../../contract/services/webManager';
import { openDb } from '../../connectors/db/engine';
import { migrateToLatest } from '../../connectors/db/migrate';
import { ENGINES, newTarget } from '../../connectors/db/testing/engines';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { BUILT_IN_USER_TYPES, HOST_ADMINISTRATOR } from '../../domain/userTypes';
import { mainDbParts } from '../../features';
import { startGoogleStandIn, type GoogleStandIn } from '../../testing/google';
import { startMsIdentity, type MsIdentityStandIn } from '../../testing/msIdentity';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { secretKeys } from '.';

let google: GoogleStandIn;
beforeAll(async () => {
  google = await startGoogleStandIn();
});
afterAll(async () => {
  await google?.stop();
});

const keychain = createKeychainStore();

describe.each(ENGINES)('Web Manager (%s)', (engine) => {
  let admin: TestConsole; // host administrator, Demo Contact Center
  let nw: TestConsole; // Administrator of Northwind Support (not a host administrator)
  let supervisor: TestConsole;
  const k = () => admin.core.data.require().kysely;
  const auditText = async (objectType: string) =>
    JSON.stringify(await k().selectFrom('audit_log').selectAll().where('object_type', '=', objectType).execute());

  beforeAll(async () => {
    const db = await seededDb(engine, 30);
    admin = await startConsole(db);
    await signIn(admin, 'admin', 'Admin#2026');
    nw = await startConsole(db);
    await signIn(nw, 'nwadmin', 'Admin#2026', 2);
    supervisor = await startConsole(db);
    await signIn(supervisor, 'supervisor', 'Super#2026');
  });
  afterAll(async () => {
    await admin?.stop();
    await nw?.stop();
    await supervisor?.stop();
  });

  // ───────────────────────── REST SDK ─────────────────────────
  describe('REST SDK clients', () => {
    it('a generated token is 64 random bytes hex (128 characters), new every time; stored only in the keychain', async () => {
      const a = (await admin.call('webManager', 'generateToken')).value.token;
      const b = (await admin.call('webManager', 'generateToken')).value.token;
      expect(a).toMatch(/^[0-9a-f]{128}$/);
      expect(Buffer.from(a, 'hex')).toHaveLength(64);
      expect(a).not.toBe(b);
      const res = await admin.call('webManager', 'saveRestClient', {
        id: null,
        expectedVersion: 0,
        name: `rest sdk ${engine}`,
        token: a,
      });
      expect(res.error).toBeUndefined();
      expect(res.value).toMatchObject({ name: `rest sdk ${engine}`, tokenSet: true, version: 1 });
      expect(await keychain.get(secretKeys.restClient(res.value.id))).toBe(a);
      const list = await supervisor.call('webManager', 'listRestClients');
      expect(list.value.find((r) => r.id === res.value.id)).toMatchObject({ tokenSet: true });
      expect(JSON.stringify(list.value)).not.toContain(a);
      const audit = await auditText('rest-sdk-client');
      expect(audit).toContain('tokenChanged');
      expect(audit).not.toContain(a);
    });

    it('Client Name: mandatory, at most 32 characters, unique ignoring case (the database holds it too)', async () => {
      const token = 'typed-token-0123456789';
      const long = await admin.call('webManager', 'saveRestClient', {
        id: null,
        expectedVersion: 0,
        name: 'x'.repeat(33),
        token,
      });
      expect(long.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'name' });
      expect(long.error?.message).toContain('at most 32 characters');
      const ok32 = await admin.call('webManager', 'saveRestClient', {
        id: null,
        expectedVersion: 0,
        name: 'y'.repeat(32),
        token,
      });
      expect(ok32.error).toBeUndefined();
      const empty = await admin.call('webManager', 'saveRestClient', {
        id: null,
        expectedVersion: 0,
        name: ' ',
        token,
      });
      expect(empty.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'name' });
      const dup = await admin.call('webManager', 'saveRestClient', {
        id: null,
        expectedVersion: 0,
        name: 'Y'.repeat(32),
        token,
      });
      expect(dup.error).toMatchObject({ code: 'CONFLICT', field: 'name', details: { rule: 'duplicate' } });
      await expect(
        k()
          .insertInto('wm_rest_client')
          .values({ name: 'z'.repeat(33), updated_at: 'x', updated_by: 'x' })
          .execute(),
      ).rejects.toThrow();
    });

    it('a new client needs a token; a typed token is at least 16 characters; edit keeps it unless changed', async () => {
      const none = await admin.call('webManager', 'saveRestClient', { id: null, expectedVersion: 0, name: 'no token' });
      expect(none.error).toMatchObject({ code: 'INVALID', field: 'token' });
      const short = await admin.call('webManager', 'saveRestClient', {
        id: null,
        expectedVersion: 0,
        name: 'short',
        token: 'abc',
      });
      expect(short.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'token' });
      const made = (
        await admin.call('webManager', 'saveRestClient', {
          id: null,
          expectedVersion: 0,
          name: 'edit me',
          token: 'first-token-0123456789',
        })
      ).value;
      const renamed = await admin.call('webManager', 'saveRestClient', {
        id: made.id,
        expectedVersion: made.version,
        name: 'edited',
      });
      expect(renamed.value).toMatchObject({ name: 'edited', tokenSet: true, version: 2 });
      expect(await keychain.get(secretKeys.restClient(made.id))).toBe('first-token-0123456789');
      const stale = await admin.call('webManager', 'deleteRestClient', { id: made.id, expectedVersion: 1 });
      expect(stale.error).toMatchObject({ code: 'CONFLICT', details: { rule: 'stale_version' } });
      expect((await admin.call('webManager', 'deleteRestClient', { id: made.id, expectedVersion: 2 })).value).toEqual({
        ok: true,
      });
      expect(await keychain.get(secretKeys.restClient(made.id))).toBeNull();
    });

    it('only a host administrator changes them; a supervisor only reads', async () => {
      const args = { id: null, expectedVersion: 0, name: 'tenant admin', token: 'tenant-admin-token-0123' };
      const byTenantAdmin = await nw.call('webManager', 'saveRestClient', args);
      expect(byTenantAdmin.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(byTenantAdmin.error?.message).toContain('host administrator');
      expect((await nw.call('webManager', 'generateToken')).error).toMatchObject({ code: 'FORBIDDEN' });
      expect((await supervisor.call('webManager', 'saveRestClient', args)).error).toMatchObject({ code: 'FORBIDDEN' });
      expect((await nw.call('webManager', 'listRestClients')).ok).toBe(true);
    });
  });

  // ───────────────────────── CLIP ─────────────────────────
  describe('CLIP for outgoing calls', () => {
    it('up to ten numbers per tenant: the eleventh is refused, in the service and in the database', async () => {
      for (let i = 1; i <= 10; i++) {
        const r = await nw.call('webManager', 'saveClip', {
          id: null,
          expectedVersion: 0,
          item: { number: `4930${i}`, name: `CLIP ${i}` },
        });
        expect(r.error).toBeUndefined();
      }
      const eleventh = await nw.call('webManager', 'saveClip', {
        id: null,
        expectedVersion: 0,
        item: { number: '99', name: 'CLIP 11' },
      });
      expect(eleventh.error).toMatchObject({ code: 'INVALID', details: { rule: 'max_items', limit: 10 } });
      expect(eleventh.error?.message).toContain('up to ten numbers per tenant');
      const list = (await nw.call('webManager', 'listClip')).value;
      expect(list.items).toHaveLength(10);
      expect(list.items.map((i) => i.name)).toEqual(Array.from({ length: 10 }, (_, i) => `CLIP ${i + 1}`));
      // The database: a slot beyond 10 is refused.
      await expect(
        k()
          .insertInto('wm_clip')
          .values({ tenant_id: 2, slot: 11, number: '1', name: 'x', updated_at: 'x', updated_by: 'x' })
          .execute(),
      ).rejects.toThrow();
      // Another tenant has its own ten.
      expect((await admin.call('webManager', 'listClip')).value.items).toHaveLength(0);
      // Delete (after which there is room again), update.
      const first = list.items[0]!;
      expect(
        (await nw.call('webManager', 'deleteClip', { id: first.id, expectedVersion: first.version })).value,
      ).toEqual({ ok: true });
      expect(
        (
          await nw.call('webManager', 'saveClip', {
            id: null,
            expectedVersion: 0,
            item: { number: '11111111', name: 'CLIP 1' },
          })
        ).error,
      ).toBeUndefined();
      const second = list.items[1]!;
      const upd = await nw.call('webManager', 'saveClip', {
        id: second.id,
        expectedVersion: second.version,
        item: { number: '22222222', name: 'CLIP 2b' },
      });
      expect(upd.value).toMatchObject({ number: '22222222', name: 'CLIP 2b', version: 2 });
    });

    it('Number: digits only, mandatory; Name mandatory; a number once per tenant', async () => {
      const call = (number: string, name = 'n') =>
        admin.call('webManager', 'saveClip', { id: null, expectedVersion: 0, item: { number, name } });
      for (const bad of ['+4930123', '030 123', '12-34', '', 'abc'])
        expect((await call(bad)).error, bad).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'item.number' });
      expect((await call('123', '')).error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'item.name' });
      expect((await call('5550100')).error).toBeUndefined();
      expect((await call('5550100', 'again')).error).toMatchObject({
        code: 'CONFLICT',
        field: 'number',
        details: { rule: 'duplicate' },
      });
      await expect(
        k()
          .insertInto('wm_clip')
          .values({ tenant_id: 1, slot: 9, number: '12a', name: 'x', updated_at: 'x', updated_by: 'x' })
          .execute(),
      ).rejects.toThrow();
    });

    it('per tenant: a tenant administrator cannot touch another tenant; a supervisor only reads', async () => {
      expect((await nw.call('webManager', 'listClip', { tenantId: 1 })).error).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        (
          await nw.call('webManager', 'saveClip', {
            tenantId: 1,
            id: null,
            expectedVersion: 0,
            item: { number: '1', name: 'x' },
          })
        ).error,
      ).toMatchObject({ code: 'FORBIDDEN' });
      const theirs = (await nw.call('webManager', 'listClip')).value.items[0]!;
      expect(
        (await admin.call('webManager', 'deleteClip', { id: theirs.id, expectedVersion: theirs.version })).error,
      ).toMatchObject({ code: 'NOT_FOUND' });
      expect(
        (
          await supervisor.call('webManager', 'saveClip', {
            id: null,
            expectedVersion: 0,
            item: { number: '1', name: 'x' },
          })
        ).error,
      ).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  // ───────────────────────── Exchange Calendar ─────────────────────────
  describe('Exchange Calendar', () => {
    const TENANT = '0cd345fc-e1fe-4f99-a378-4317172ad9c2';
    const APP = 'f96bcece-7bd4-4a3b-9c4b-2f6e1f1d3c01';
    let ms: MsIdentityStandIn;
    beforeAll(async () => {
      ms = await startMsIdentity({
        tls: false,
        tenants: [
          {
            id: TENANT,
            domains: ['contoso.test'],
            apps: [{ clientId: APP, secret: 'calendar-s3cret', permissions: ['Calendars.Read'] }],
            users: [{ id: 'u-karen', userPrincipalName: 'karen@contoso.test' }],
            calendars: {
              'karen@contoso.test': [
                { subject: 'Team meeting', start: '2026-12-02T09:00:00', end: '2026-12-02T10:00:00' },
              ],
            },
          },
        ],
      });
    });
    afterAll(async () => {
      await ms?.stop();
    });
    const settings = (over: object = {}) => ({
      enabled: true,
      clientId: APP,
      directoryTenantId: TENANT,
      authorityUrl: ms.loginBaseUrl,
      graphUrl: ms.graphBaseUrl,
      ...over,
    });

    it('per tenant: Client ID, Tenant Id, secret in the keychain (set / not set); enabling needs all three', async () => {
      const before = (await nw.call('webManager', 'getCalendar')).value;
      expect(before).toMatchObject({ version: 0, secretSet: false, settings: { enabled: false } });
      const noSecret = await nw.call('webManager', 'saveCalendar', { expectedVersion: 0, settings: settings() });
      expect(noSecret.error).toMatchObject({ code: 'INVALID', field: 'clientSecret' });
      const noClient = await nw.call('webManager', 'saveCalendar', {
        expectedVersion: 0,
        settings: settings({ clientId: '' }),
        clientSecret: 'calendar-s3cret',
      });
      expect(noClient.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'settings.clientId' });
      const saved = await nw.call('webManager', 'saveCalendar', {
        expectedVersion: 0,
        settings: settings(),
        clientSecret: 'calendar-s3cret',
      });
      expect(saved.error).toBeUndefined();
      expect(saved.value).toMatchObject({ version: 1, secretSet: true, settings: { enabled: true, clientId: APP } });
      expect(await keychain.get(secretKeys.calendar(2, APP, TENANT))).toBe('calendar-s3cret');
      expect(JSON.stringify(saved.value)).not.toContain('calendar-s3cret');
      expect(await auditText('exchange-calendar')).not.toContain('calendar-s3cret');
      // Another tenant's settings are its own.
      expect((await admin.call('webManager', 'getCalendar')).value.version).toBe(0);
      expect((await nw.call('webManager', 'getCalendar', { tenantId: 1 })).error).toMatchObject({ code: 'FORBIDDEN' });
      const stale = await nw.call('webManager', 'saveCalendar', { expectedVersion: 0, settings: settings() });
      expect(stale.error).toMatchObject({ code: 'CONFLICT' });
      // The secret is only sent to the authority it was stored for: another one needs it entered again.
      const moved = await nw.call('webManager', 'saveCalendar', {
        expectedVersion: 1,
        settings: settings({ enabled: false, authorityUrl: 'https://login.example.net' }),
      });
      expect(moved.value).toMatchObject({ secretSet: false });
      const back = await nw.call('webManager', 'saveCalendar', {
        expectedVersion: moved.value.version,
        settings: settings(),
        clientSecret: 'calendar-s3cret',
      });
      expect(back.value).toMatchObject({ secretSet: true });
    });

    it("Test: a token by client credentials, then one event of the user's calendar; refusals in Microsoft's words", async () => {
      const ok = await nw.call('webManager', 'testCalendar', { upn: 'karen@contoso.test' });
      expect(ok.error).toBeUndefined();
      expect(ok.value).toMatchObject({ events: 1, first: 'Team meeting' });
      const paths = ms.requests.slice(-2).map((r) => `${r.method} ${r.path} ${r.status}`);
      expect(paths).toEqual([
        `POST /${TENANT}/oauth2/v2.0/token 200`,
        'GET /v1.0/users/karen%40contoso.test/calendar/events 200',
      ]);
      const nobody = await nw.call('webManager', 'testCalendar', { upn: 'nobody@contoso.test' });
      expect(nobody.error).toMatchObject({ code: 'INVALID', field: 'upn' });
      // A wrong secret: AADSTS7000215, at the secret.
      const doc = (await nw.call('webManager', 'getCalendar')).value;
      await nw.call('webManager', 'saveCalendar', {
        expectedVersion: doc.version,
        settings: doc.settings,
        clientSecret: 'wrong',
      });
      const wrong = await nw.call('webManager', 'testCalendar', { upn: 'karen@contoso.test' });
      expect(wrong.error).toMatchObject({ code: 'INVALID', field: 'clientSecret' });
      expect(wrong.error?.message).toContain('AADSTS7000215');
      // Another app registration: the old secret is not carried over.
      const moved = await nw.call('webManager', 'saveCalendar', {
        expectedVersion: doc.version + 1,
        settings: { ...doc.settings, enabled: false, clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' },
      });
      expect(moved.value.secretSet).toBe(false);
      expect(await keychain.get(secretKeys.calendar(2, APP, TENANT))).toBeNull();
    });
  });

  // ───────────────────────── Virtual Agents ─────────────────────────
  describe('Virtual Agents', () => {
    const base = (over: Partial<VaProfileInput> = {}): VaProfileInput => ({
      name: 'Virtual Agent',
      type: 'dialogflowV2',
      url: '',
      projectId: 'ccm-bot-123456',
      tokenEndpoint: google.tokenUrl,
      apiEndpoint: google.apiUrl,
      fallbackMessage: 'Sorry, something went wrong. An agent will call you back.',
      sessionTimeoutMin: 3,
      timeoutMessage: 'The session ended because it was inactive.',
      speech: SPEECH_DEFAULTS,
      ...over,
    });
    let key = '';
    let v2: { id: number; version: number } = { id: 0, version: 0 };

    beforeAll(async () => {
      key = google.addServiceAccount('ccm-bot-123456');
    });

    it('Dialogflow V2: the key file is validated, kept only in the keychain, never shown; Project ID must match', async () => {
      const res = await admin.call('webManager', 'saveProfile', {
        id: null,
        expectedVersion: 0,
        profile: base({ name: `V2 ${engine}` }),
        keyFile: key,
        defaultAgentPassword: 'Virtual#2026',
      });
      expect(res.error).toBeUndefined();
      v2 = res.value;
      const parsed = JSON.parse(key) as { client_email: string; private_key: string; private_key_id: string };
      expect(res.value).toMatchObject({
        keySet: true,
        defaultPasswordSet: true,
        keyClientEmail: parsed.client_email,
        keyId: parsed.private_key_id,
      });
      const list = JSON.stringify((await supervisor.call('webManager', 'listProfiles')).value);
      expect(list).not.toContain('PRIVATE KEY');
      expect(list).not.toContain('Virtual#2026');
      const audit = await auditText('virtual-agent-profile');
      expect(audit).not.toContain('PRIVATE KEY');
      expect(audit).not.toContain('Virtual#2026');
      const row = await k().selectFrom('va_profile').selectAll().where('id', '=', v2.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('PRIVATE KEY');
      expect(await keychain.get(secretKeys.gcpKey(v2.id, row.key_fingerprint!))).toBe(key);
      expect(await keychain.get(secretKeys.defaultPassword(v2.id))).toBe('Virtual#2026');

      const mismatch = await admin.call('webManager', 'saveProfile', {
        id: null,
        expectedVersion: 0,
        profile: base({ name: 'mismatch', projectId: 'other-project-1' }),
        keyFile: google.addServiceAccount('ccm-bot-123456'),
        defaultAgentPassword: 'x',
      });
      expect(mismatch.error).toMatchObject({ code: 'INVALID', field: 'projectId' });
      expect(mismatch.error?.message).toContain('project_id ccm-bot-123456');
    });

    it('refuses files that are not a Google service-account key, naming what is wrong', async () => {
      const k0 = JSON.parse(google.addServiceAccount('ccm-bot-123456')) as Record<string, unknown>;
      const cases: Array<[string, string]> = [
        ['not json', 'not JSON'],
        [JSON.stringify({ ...k0, type: 'authorized_user' }), '"type" must be "service_account"'],
        [JSON.stringify({ ...k0, private_key: undefined }), '"private_key"'],
        [JSON.stringify({ ...k0, client_email: '' }), '"client_email"'],
        [JSON.stringify({ ...k0, project_id: undefined }), '"project_id"'],
        [
          JSON.stringify({ ...k0, private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }),
          'not a PEM private key',
        ],
      ];
      for (const [file, words] of cases) {
        const r = await admin.call('webManager', 'saveProfile', {
          id: null,
          expectedVersion: 0,
          profile: base({ name: 'bad key' }),
          keyFile: file,
          defaultAgentPassword: 'x',
        });
        expect(r.error, words).toMatchObject({ code: 'INVALID', field: 'keyFile' });
        expect(r.error?.message).toContain(words);
      }
      const noKey = await admin.call('webManager', 'saveProfile', {
        id: null,
        expectedVersion: 0,
        profile: base({ name: 'no key' }),
        defaultAgentPassword: 'x',
      });
      expect(noKey.error).toMatchObject({ code: 'INVALID', field: 'keyFile' });
    });

    it('"Each profile must be configured with a different GCP token": the same key (even re-written) is refused', async () => {
      const same = await admin.call('webManager', 'saveProfile', {
        id: null,
        expectedVersion: 0,
        profile: base({ name: 'copy' }),
        keyFile: key,
        defaultAgentPassword: 'x',
      });
      expect(same.error).toMatchObject({ code: 'CONFLICT', field: 'keyFile', details: { rule: 'duplicate' } });
      // The same private key in another file layout (PKCS#1, other key id, no indentation): still the same key.
      const o = JSON.parse(key) as Record<string, string>;
      const pkcs1 = createPrivateKey(o.private_key!).export({ type: 'pkcs1', format: 'pem' }).toString();
      const rewritten = JSON.stringify({ ...o, private_key: pkcs1, private_key_id: 'other' });
      const again = await admin.call('webManager', 'saveProfile', {
        id: null,
        expectedVersion: 0,
        profile: base({ name: 'copy 2' }),
        keyFile: rewritten,
        defaultAgentPassword: 'x',
      });
      expect(again.error).toMatchObject({ code: 'CONFLICT', field: 'keyFile' });
      // The database holds the rule too (fingerprints only).
      const fp = (
        await k().selectFrom('va_profile').select('key_fingerprint').where('id', '=', v2.id).executeTakeFirstOrThrow()
      ).key_fingerprint;
      expect(fp).toMatch(/^[0-9a-f]{64}$/);
      await expect(
        k()
          .insertInto('va_profile')
          .values({
            name: 'raw',
            type: 'dialogflowV2',
            key_fingerprint: fp,
            key_client_email: null,
            key_id: null,
            fallback_message: 'x',
            speech: '{}',
            updated_at: 'x',
            updated_by: 'x',
          })
          .execute(),
      ).rejects.toThrow();
    });

    it('mandatory for every type: Default Agent Password, Fallback Message; Session Inactivity Timeout ≥ 1; unique name', async () => {
      const connector = (over: Partial<VaProfileInput>, pw?: string) =>
        admin.call('webManager', 'saveProfile', {
          id: null,
          expectedVersion: 0,
          profile: base({ name: 'Connector', type: 'connector', projectId: '', ...over }),
          connectorToken: 'c'.repeat(128),
          defaultAgentPassword: pw,
        });
      expect((await connector({})).error).toMatchObject({ code: 'INVALID', field: 'defaultAgentPassword' });
      expect((await connector({ fallbackMessage: '' }, 'pw')).error).toMatchObject({
        code: 'BAD_ARGUMENTS',
        field: 'profile.fallbackMessage',
      });
      expect((await connector({ sessionTimeoutMin: 0 }, 'pw')).error).toMatchObject({
        code: 'BAD_ARGUMENTS',
        field: 'profile.sessionTimeoutMin',
      });
      expect((await connector({ name: '' }, 'pw')).error).toMatchObject({
        code: 'BAD_ARGUMENTS',
        field: 'profile.name',
      });
      expect(
        (await connector({ speech: { ...SPEECH_DEFAULTS, enabled: true, cmsAddress: 'cms1' } }, 'pw')).error,
      ).toMatchObject({
        code: 'BAD_ARGUMENTS',
        field: 'profile.speech.enabled',
      });
      const made = await connector({ sessionTimeoutMin: 1 }, 'pw');
      expect(made.error).toBeUndefined();
      expect(made.value).toMatchObject({ connectorTokenSet: true, keySet: false });
      expect((await connector({ name: 'CONNECTOR' }, 'pw')).error).toMatchObject({ code: 'CONFLICT', field: 'name' });
      // No connector token: refused.
      const noToken = await admin.call('webManager', 'saveProfile', {
        id: null,
        expectedVersion: 0,
        profile: base({ name: 'c2', type: 'connector' }),
        defaultAgentPassword: 'pw',
      });
      expect(noToken.error).toMatchObject({ code: 'INVALID', field: 'connectorToken' });
    });

    it('a stored key or Client Token is only sent to the host it was stored for: another endpoint needs it again', async () => {
      const cur = (await admin.call('webManager', 'listProfiles')).value.find((p) => p.id === v2.id)!;
      const moved = await admin.call('webManager', 'saveProfile', {
        id: v2.id,
        expectedVersion: cur.version,
        profile: base({ name: `V2 ${engine}`, tokenEndpoint: 'https://collector.example.net/token' }),
      });
      expect(moved.error).toMatchObject({ code: 'INVALID', field: 'keyFile', details: { rule: 'secretHost' } });
      expect(moved.error?.message).toContain(new URL(google.tokenUrl).origin);
      // Same host, or the key given again: saved.
      const again = await admin.call('webManager', 'saveProfile', {
        id: v2.id,
        expectedVersion: cur.version,
        profile: base({ name: `V2 ${engine}`, fallbackMessage: 'Sorry, one moment please.' }),
      });
      expect(again.error).toBeUndefined();
      v2 = again.value;

      const df = await admin.call('webManager', 'saveProfile', {
        id: null,
        expectedVersion: 0,
        profile: base({ name: 'Dialogflow host', type: 'dialogflow', url: 'https://dialogflow.com' }),
        clientToken: 'c'.repeat(32),
        defaultAgentPassword: 'pw',
      });
      expect(df.error).toBeUndefined();
      const elsewhere = await admin.call('webManager', 'saveProfile', {
        id: df.value.id,
        expectedVersion: df.value.version,
        profile: base({ name: 'Dialogflow host', type: 'dialogflow', url: 'https://collector.example.net' }),
      });
      expect(elsewhere.error).toMatchObject({ code: 'INVALID', field: 'clientToken', details: { rule: 'secretHost' } });
      const retyped = await admin.call('webManager', 'saveProfile', {
        id: df.value.id,
        expectedVersion: df.value.version,
        profile: base({ name: 'Dialogflow host', type: 'dialogflow', url: 'https://collector.example.net' }),
        clientToken: 'e'.repeat(32),
      });
      expect(retyped.error).toBeUndefined();
      await admin.call('webManager', 'deleteProfile', { id: retyped.value.id, expectedVersion: retyped.value.version });
    });

    it('Dialogflow: URL (https) and Client Token mandatory', async () => {
      const df = (over: Partial<VaProfileInput>, clientToken?: string) =>
        admin.call('webManager', 'saveProfile', {
          id: null,
          expectedVersion: 0,
          profile: base({ name: 'Dialogflow', type: 'dialogflow', url: 'https://dialogflow.com', ...over }),
          clientToken,
          defaultAgentPassword: 'pw',
        });
      expect((await df({})).error).toMatchObject({ code: 'INVALID', field: 'clientToken' });
      expect((await df({ url: 'ftp://dialogflow.com' }, 'd'.repeat(32))).error).toMatchObject({
        code: 'BAD_ARGUMENTS',
        field: 'profile.url',
      });
      const ok = await df({}, 'd'.repeat(32));
      expect(ok.value).toMatchObject({ clientTokenSet: true });
      expect((await df({ name: 'd-key' }, 'd'.repeat(32))).ok).toBe(true);
      const keyOnWrongType = await df({ name: 'd-key-2' }, undefined);
      expect(keyOnWrongType.error).toMatchObject({ field: 'clientToken' });
    });

    it('only a host administrator changes profiles; everybody with the area reads them', async () => {
      const r = await nw.call('webManager', 'saveProfile', {
        id: null,
        expectedVersion: 0,
        profile: base({ name: 'nw', type: 'connector' }),
        connectorToken: 'c'.repeat(64),
        defaultAgentPassword: 'pw',
      });
      expect(r.error).toMatchObject({ code: 'FORBIDDEN' });
      expect((await nw.call('webManager', 'testProfile', { id: v2.id, text: 'hello' })).error).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(
        (await nw.call('webManager', 'setAgents', { profileId: v2.id, expectedVersion: 1, userIds: [] })).error,
      ).toMatchObject({ code: 'FORBIDDEN' });
      expect((await nw.call('webManager', 'listProfiles')).value.length).toBeGreaterThan(0);
    });

    it('Test: a JWT bearer grant with the key, then detectIntent "hello" answers the welcome intent', async () => {
      const t = await admin.call('webManager', 'testProfile', { id: v2.id, text: 'hello' });
      expect(t.error).toBeUndefined();
      expect(t.value).toMatchObject({
        queryText: 'hello',
        intent: 'Default Welcome Intent',
        fulfillmentText: 'Hi! How can I help you today?',
      });
      const seen = google.requests
        .slice(-2)
        .map((r) => `${r.method} ${r.path.replace(/sessions\/[^:]+/, 'sessions/S')} ${r.status}`);
      expect(seen).toEqual(['POST /token 200', 'POST /v2/projects/ccm-bot-123456/agent/sessions/S:detectIntent 200']);
    });

    it("Test: Google's refusal is shown in its words (invalid_grant), at the key", async () => {
      const k2 = google.addServiceAccount('ccm-bot-654321');
      const p = (
        await admin.call('webManager', 'saveProfile', {
          id: null,
          expectedVersion: 0,
          profile: base({ name: 'removed', projectId: 'ccm-bot-654321' }),
          keyFile: k2,
          defaultAgentPassword: 'pw',
        })
      ).value;
      google.removeServiceAccount((JSON.parse(k2) as { client_email: string }).client_email);
      const t = await admin.call('webManager', 'testProfile', { id: p.id, text: 'hello' });
      expect(t.error).toMatchObject({ code: 'INVALID', field: 'keyFile' });
      expect(t.error?.message).toContain('invalid_grant: Invalid grant: account not found');
      // A stopped endpoint: unavailable, at the endpoint field.
      const p2 = (
        await admin.call('webManager', 'saveProfile', {
          id: p.id,
          expectedVersion: p.version,
          profile: base({ name: 'removed', projectId: 'ccm-bot-654321', tokenEndpoint: 'http://127.0.0.1:9/token' }),
          // Another endpoint: the key is given again (a stored key only goes where it was stored for).
          keyFile: k2,
        })
      ).value;
      const down = await admin.call('webManager', 'testProfile', { id: p2.id, text: 'hello' });
      expect(down.error).toMatchObject({ code: 'UNAVAILABLE', field: 'tokenEndpoint' });
    });

    it('Agents: refuses Windows logon, SAML2 SSO, Automatic Post-processing, Mandatory wrap-up reason, naming agent and reason', async () => {
      const agents = (await admin.call('webManager', 'listAgents', { filter: '' })).value.filter(
        (a) => a.tenant === 'Demo Contact Center' && a.logonId !== 'admin',
      );
      const [a1, a2, a3, a4, a5, a6] = agents;
      const set = (column: string, value: string | number, id: number) =>
        sql`update cc_user set ${sql.ref(column)} = ${value} where id = ${id}`.execute(k());
      await set('password_type', 'windows', a1!.userId);
      await set('password_type', 'saml2', a2!.userId);
      await set('automatic_post_processing', 1, a3!.userId);
      await set('mandatory_wrap_up_reason', 1, a4!.userId);
      const cases: Array<[typeof a1, string]> = [
        [a1, 'uses Windows logon'],
        [a2, 'uses SAML2 SSO'],
        [a3, 'has Automatic Post-processing set'],
        [a4, 'has Mandatory wrap-up reason set'],
      ];
      const version = () =>
        admin.call('webManager', 'listProfiles').then((r) => r.value.find((p) => p.id === v2.id)!.version);
      for (const [a, why] of cases) {
        const r = await admin.call('webManager', 'setAgents', {
          profileId: v2.id,
          expectedVersion: await version(),
          userIds: [a5!.userId, a!.userId],
        });
        expect(r.error, why).toMatchObject({ code: 'INVALID', field: 'userIds.1' });
        expect(r.error?.message).toContain(`${a!.logonId} ${why}`);
      }
      const listed = (await admin.call('webManager', 'listAgents', { filter: a1!.logonId })).value;
      expect(listed[0]).toMatchObject({ logonId: a1!.logonId });
      expect(listed[0]!.refusal).toContain('Windows logon');
      const ok = await admin.call('webManager', 'setAgents', {
        profileId: v2.id,
        expectedVersion: await version(),
        userIds: [a5!.userId, a6!.userId],
      });
      expect(ok.error).toBeUndefined();
      expect(ok.value.agents).toBe(2);
      const stale = await admin.call('webManager', 'setAgents', { profileId: v2.id, expectedVersion: 1, userIds: [] });
      expect(stale.error).toMatchObject({ code: 'CONFLICT', details: { rule: 'stale_version' } });
      // At most one profile per agent.
      const other = (await admin.call('webManager', 'listProfiles')).value.find((p) => p.profile.type === 'connector')!;
      const twice = await admin.call('webManager', 'setAgents', {
        profileId: other.id,
        expectedVersion: other.version,
        userIds: [a6!.userId],
      });
      expect(twice.error).toMatchObject({ code: 'INVALID', field: 'userIds.0' });
      expect(twice.error?.message).toContain(`${a6!.logonId} is already a virtual agent of V2 ${engine}`);
      await expect(
        k().insertInto('va_agent').values({ user_id: a6!.userId, profile_id: other.id }).execute(),
      ).rejects.toThrow();
      const mine = (await admin.call('webManager', 'listAgents', { filter: a6!.logonId })).value[0]!;
      expect(mine).toMatchObject({ profileId: v2.id, profileName: `V2 ${engine}`, refusal: null });
    });

    it('the users editor sets Password type, Automatic Post-processing, Mandatory wrap-up reason; the page sees them', async () => {
      const target = (await admin.call('webManager', 'listAgents', { filter: '' })).value.find(
        (a) => a.tenant === 'Demo Contact Center' && !a.refusal && a.profileId === null && a.logonId !== 'admin',
      )!;
      const doc = (await admin.call('users', 'get', { id: target.userId })).value;
      expect(doc.fields).toMatchObject({
        passwordType: 'oscc',
        automaticPostProcessing: false,
        mandatoryWrapUpReason: false,
      });
      const saved = await admin.call('users', 'save', {
        id: target.userId,
        expectedVersion: doc.version,
        fields: { ...doc.fields, mandatoryWrapUpReason: true, passwordType: 'saml2' },
      });
      expect(saved.error).toBeUndefined();
      expect((await admin.call('users', 'get', { id: target.userId })).value.fields).toMatchObject({
        passwordType: 'saml2',
        mandatoryWrapUpReason: true,
      });
      const seen = (await admin.call('webManager', 'listAgents', { filter: target.logonId })).value[0]!;
      expect(seen.refusal).toContain('uses SAML2 SSO');
      const bad = await admin.call('users', 'save', {
        id: target.userId,
        expectedVersion: doc.version + 1,
        fields: { ...doc.fields, passwordType: 'kerberos' as never },
      });
      expect(bad.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'fields.passwordType' });
    });

    it('a virtual agent cannot be given Windows logon, SAML2 SSO, Automatic Post-processing or Mandatory wrap-up reason in the users editor', async () => {
      const agent = (await admin.call('webManager', 'listAgents', { filter: '' })).value.find(
        (a) => a.profileId === v2.id && !a.refusal,
      )!;
      expect(agent).toBeDefined();
      const doc = (await admin.call('users', 'get', { id: agent.userId })).value;
      const profile = `V2 ${engine}`;
      const audits = () =>
        k()
          .selectFrom('audit_log')
          .select('id')
          .where('object_type', '=', 'user')
          .where('object_id', '=', String(agent.userId))
          .execute()
          .then((r) => r.length);
      const auditedBefore = await audits();
      const cases: Array<[Partial<typeof doc.fields>, string, string]> = [
        [{ passwordType: 'windows' }, 'passwordType', 'Windows logon'],
        [{ passwordType: 'saml2' }, 'passwordType', 'SAML2 SSO'],
        [{ automaticPostProcessing: true }, 'automaticPostProcessing', 'Automatic Post-processing'],
        [{ mandatoryWrapUpReason: true }, 'mandatoryWrapUpReason', 'Mandatory wrap-up reason'],
      ];
      for (const [change, field, label] of cases) {
        const r = await admin.call('users', 'save', {
          id: agent.userId,
          expectedVersion: doc.version,
          fields: { ...doc.fields, firstName: 'Changed', ...change },
        });
        expect(r.error, label).toMatchObject({ code: 'INVALID', field, details: { rule: 'virtual_agent' } });
        expect(r.error?.message).toBe(
          `${label} cannot be set: ${agent.logonId} is a virtual agent in profile ${profile}. Remove the agent ` +
            `from the profile first.`,
        );
      }
      // Nothing of the refused saves was written (same transaction); the row is as it was.
      const row = await k().selectFrom('cc_user').selectAll().where('id', '=', agent.userId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        version: doc.version,
        first_name: doc.fields.firstName,
        password_type: 'oscc',
        automatic_post_processing: 0,
        mandatory_wrap_up_reason: 0,
      });
      expect(await audits()).toBe(auditedBefore);
      // Other fields still save; neither a bulk edit nor a CSV import can set these fields.
      const other = await admin.call('users', 'save', {
        id: agent.userId,
        expectedVersion: doc.version,
        fields: { ...doc.fields, firstName: 'Still an agent' },
      });
      expect(other.error).toBeUndefined();
      const bulk = await admin.call('users', 'bulkUpdate', {
        edits: [
          {
            id: agent.userId,
            expectedVersion: other.value.version,
            changes: { firstName: 'Bulk', automaticPostProcessing: true } as never,
          },
        ],
      });
      expect(bulk.error).toBeUndefined();
      const csv = await admin.call('users', 'importCsv', {
        text: `Logon ID,Mandatory wrap-up reason\n${agent.logonId},1\n`,
      });
      expect(csv.value).toMatchObject({ applied: false });
      expect(JSON.stringify(csv.value)).toContain('Unknown column');
      const after = (await admin.call('users', 'get', { id: agent.userId })).value;
      expect(after.fields).toMatchObject({
        firstName: 'Bulk',
        passwordType: 'oscc',
        automaticPostProcessing: false,
        mandatoryWrapUpReason: false,
      });
      // Out of the profile, the same save passes.
      const p = (await admin.call('webManager', 'listProfiles')).value.find((x) => x.id === v2.id)!;
      const keep = (await admin.call('webManager', 'listAgents', { filter: '' })).value
        .filter((a) => a.profileId === v2.id && a.userId !== agent.userId)
        .map((a) => a.userId);
      expect(
        (await admin.call('webManager', 'setAgents', { profileId: v2.id, expectedVersion: p.version, userIds: keep }))
          .error,
      ).toBeUndefined();
      const freed = await admin.call('users', 'save', {
        id: agent.userId,
        expectedVersion: after.version,
        fields: { ...after.fields, automaticPostProcessing: true },
      });
      expect(freed.error).toBeUndefined();
      expect(freed.value.fields.automaticPostProcessing).toBe(true);
    });

    it('Actions: each type with its mandatory fields; Action Name unique per profile; Speech requeue only for Dialogflow V2', async () => {
      const save = (action: VaAction, profileId = v2.id) =>
        admin.call('webManager', 'saveAction', { profileId, id: null, expectedVersion: 0, action });
      const all: VaAction[] = [
        { kind: 'requeueOpenMedia', name: 'requeue_om', requeueQueue: 'Support' },
        { kind: 'requeueWebInteraction', name: 'requeue_wi', requeueQueue: 'Sales' },
        { kind: 'requeueSpeech', name: 'requeue_speech', requeueTarget: '5000' },
        {
          kind: 'callback',
          name: 'callback',
          callbackQueue: 'Callback',
          phoneParameter: 'phone',
          scheduleTimeParameter: 'when',
        },
        { kind: 'externalSystemRequest', name: 'lookup_order', uriParameter: 'uri' },
        { kind: 'webInteractionPushUrl', name: 'push', pushUrlParameter: 'url' },
      ];
      for (const a of all) expect((await save(a)).error, a.kind).toBeUndefined();
      const listed = (await admin.call('webManager', 'listActions', { profileId: v2.id })).value.map((r) => r.action);
      expect(listed).toHaveLength(6);
      expect(listed).toEqual(expect.arrayContaining(all));
      const missing: Array<[VaAction, string]> = [
        [{ kind: 'requeueOpenMedia', name: 'x', requeueQueue: '' }, 'action.requeueQueue'],
        [{ kind: 'requeueSpeech', name: 'x', requeueTarget: '' }, 'action.requeueTarget'],
        [
          { kind: 'callback', name: 'x', callbackQueue: 'q', phoneParameter: '', scheduleTimeParameter: 'w' },
          'action.phoneParameter',
        ],
        [
          { kind: 'callback', name: 'x', callbackQueue: 'q', phoneParameter: 'p', scheduleTimeParameter: '' },
          'action.scheduleTimeParameter',
        ],
        [
          { kind: 'callback', name: 'x', callbackQueue: '', phoneParameter: 'p', scheduleTimeParameter: 'w' },
          'action.callbackQueue',
        ],
        [{ kind: 'externalSystemRequest', name: 'x', uriParameter: '' }, 'action.uriParameter'],
        [{ kind: 'webInteractionPushUrl', name: 'x', pushUrlParameter: '' }, 'action.pushUrlParameter'],
        [{ kind: 'webInteractionPushUrl', name: '', pushUrlParameter: 'u' }, 'action.name'],
      ];
      for (const [a, field] of missing)
        expect((await save(a)).error, field).toMatchObject({ code: 'BAD_ARGUMENTS', field });
      const dup = await save({ kind: 'externalSystemRequest', name: 'LOOKUP_ORDER', uriParameter: 'u2' });
      expect(dup.error).toMatchObject({ code: 'CONFLICT', field: 'action.name', details: { rule: 'duplicate' } });
      const other = (await admin.call('webManager', 'listProfiles')).value.find((p) => p.profile.type === 'connector')!;
      expect(
        (await save({ kind: 'externalSystemRequest', name: 'lookup_order', uriParameter: 'u' }, other.id)).error,
      ).toBeUndefined();
      const speech = await save({ kind: 'requeueSpeech', name: 's', requeueTarget: '1' }, other.id);
      expect(speech.error).toMatchObject({ code: 'INVALID', field: 'action.kind' });
      expect(
        (await nw.call('webManager', 'saveAction', { profileId: v2.id, id: null, expectedVersion: 0, action: all[0]! }))
          .error,
      ).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('Speech (Dialogflow V2): defaults EN-US, male, port 6017, off; CMS address mandatory when enabled', async () => {
      const cur = (await admin.call('webManager', 'listProfiles')).value.find((p) => p.id === v2.id)!;
      expect(cur.profile.speech).toEqual({
        enabled: false,
        cmsAddress: '',
        cmsPort: 6017,
        language: 'EN-US',
        gender: 'male',
        welcomeMessage: '',
        fallbackQueueNumber: '',
      });
      const save = (speech: VaProfileInput['speech'], version = cur.version) =>
        admin.call('webManager', 'saveProfile', {
          id: v2.id,
          expectedVersion: version,
          profile: { ...cur.profile, speech },
        });
      expect((await save({ ...SPEECH_DEFAULTS, enabled: true })).error).toMatchObject({
        field: 'profile.speech.cmsAddress',
      });
      expect((await save({ ...SPEECH_DEFAULTS, cmsPort: 70000 })).error).toMatchObject({
        field: 'profile.speech.cmsPort',
      });
      const ok = await save({
        ...SPEECH_DEFAULTS,
        enabled: true,
        cmsAddress: 'cms1.example.com',
        welcomeMessage: 'Welcome',
        fallbackQueueNumber: '5000',
      });
      expect(ok.error).toBeUndefined();
      expect(ok.value).toMatchObject({
        keySet: true,
        profile: { speech: { enabled: true, cmsAddress: 'cms1.example.com' } },
      });
    });

    it('deleting a profile removes its agents, actions and keychain entries', async () => {
      const cur = (await admin.call('webManager', 'listProfiles')).value.find((p) => p.id === v2.id)!;
      const fp = (
        await k().selectFrom('va_profile').select('key_fingerprint').where('id', '=', v2.id).executeTakeFirstOrThrow()
      ).key_fingerprint!;
      expect(
        (await admin.call('webManager', 'deleteProfile', { id: v2.id, expectedVersion: cur.version })).value,
      ).toEqual({ ok: true });
      expect(await keychain.get(secretKeys.gcpKey(v2.id, fp))).toBeNull();
      expect(await keychain.get(secretKeys.defaultPassword(v2.id))).toBeNull();
      expect(await k().selectFrom('va_agent').selectAll().where('profile_id', '=', v2.id).execute()).toHaveLength(0);
      expect(await k().selectFrom('va_action').selectAll().where('profile_id', '=', v2.id).execute()).toHaveLength(0);
    });
  });
});

describe.each(ENGINES)('migration 015 on an existing database (%s)', (engine) => {
  it('gives the built-in user types the Web Manager area as a fresh database has it', async () => {
    const target = await newTarget(engine);
    const db = openDb(target);
    try {
      const before = Object.fromEntries(Object.entries(mainDbParts.migrations).filter(([name]) => name < '015'));
      await migrateToLatest(db, before);
      // An older console's built-in user types: their permissions without the area.
      const at = new Date().toISOString();
      const tenant = await db.kysely
        .insertInto('tenant')
        .values({ name: 'Old Contact Center', updated_at: at, updated_by: 'setup' } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const t of [HOST_ADMINISTRATOR, ...Object.values(BUILT_IN_USER_TYPES)]) {
        const p = { ...t.permissions } as Record<string, string>;
        delete p.webManager;
        await db.kysely
          .insertInto('user_type')
          .values({
            tenant_id: tenant.id,
            name: t.name,
            permissions: JSON.stringify(p),
            is_host_admin: t.hostAdmin ? 1 : 0,
            scope_users_to_agent_groups: t.scopeUsersToAgentGroups ? 1 : 0,
            updated_at: at,
            updated_by: 'setup',
          })
          .execute();
      }
      await migrateToLatest(db, mainDbParts.migrations);
      const after = await db.kysely.selectFrom('user_type').select(['name', 'permissions']).execute();
      const level = (name: string) =>
        (JSON.parse(after.find((t) => t.name === name)!.permissions) as Record<string, string>).webManager;
      expect(level(HOST_ADMINISTRATOR.name)).toBe('write');
      expect(level(BUILT_IN_USER_TYPES.administrator.name)).toBe(
        BUILT_IN_USER_TYPES.administrator.permissions.webManager,
      );
      expect(level(BUILT_IN_USER_TYPES.supervisor.name)).toBe(BUILT_IN_USER_TYPES.supervisor.permissions.webManager);
      expect(level(BUILT_IN_USER_TYPES.administrator.name)).toBe('write');
      expect(level(BUILT_IN_USER_TYPES.supervisor.name)).toBe('read');
      expect(level(BUILT_IN_USER_TYPES.agent.name)).toBeUndefined();
      expect(level(BUILT_IN_USER_TYPES.fieldTechnician.name)).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
