import type { Kysely } from 'kysely';
import {
  CustomerAuth,
  DEFAULT_CUSTOMER_AUTH,
  DEFAULT_NUMBERING_PLAN,
  DEFAULT_USER_AUTH,
  NumberingPlan,
  UserAuthSettings,
  customerAuthProblems,
  matchInternal,
  normalizeNumber,
  numberingProblems,
  proxyInUse,
  userAuthProblems,
  type FieldProblem,
  type systemParametersService as Contract,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { setProxyProvider } from '../../connectors/http/outbound';
import type { ResolvedProxy } from '../../connectors/http/proxy';
import { ServiceError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { identityOf, tenantFor } from '../scope';
import { customerAuthRegFileName, customerAuthToReg } from './customerAuthReg';
import { createAgentOptionsImpl } from './callRecording';
import { createCiscoImpl } from './cisco';
import { createRememberedUser } from './rememberUser';
import { createHotfixImpl } from './hotfixLog';
import { createNodeParametersImpl } from './nodeParameters';
import { createSetupConfigImpl } from './setupConfigService';
import {
  assertProxyDraft,
  keptPasswords,
  proxyDoc,
  proxySecretKey,
  readProxy,
  resolveDraft,
  resolveStored,
  testProxy,
  type StoredProxy,
} from './proxy';
import { readPage, writePage } from './store';
import { checkWsdlSuppression } from './wsdlCheck';

type K = Kysely<Database>;

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ServiceError('INVALID', problems[0]!.message, problems[0]!.field);
}

/** Installation-wide settings: a host administrator's, whatever the System permission. */
function assertHostAdmin(ctx: CallContext, what: string): void {
  if (!identityOf(ctx).hostAdmin)
    throw new ServiceError(
      'FORBIDDEN',
      `Only a host administrator can change ${what}: it applies to the whole installation, every tenant.`,
    );
}

async function tenantName(k: K, tenantId: number): Promise<string> {
  const t = await k.selectFrom('tenant').select('name').where('id', '=', tenantId).executeTakeFirst();
  if (!t) throw new ServiceError('NOT_FOUND', `Tenant ${tenantId} does not exist.`, 'tenantId');
  return t.name;
}

export const readNumbering = (k: K, tenantId: number) =>
  readPage(k, tenantId, 'numbering', NumberingPlan, DEFAULT_NUMBERING_PLAN);
export const readUserAuth = (k: K, tenantId: number) =>
  readPage(k, tenantId, 'userAuth', UserAuthSettings, DEFAULT_USER_AUTH);
const readCustomerAuth = (k: K, tenantId: number) =>
  readPage(k, tenantId, 'customerAuth', CustomerAuth, DEFAULT_CUSTOMER_AUTH);

/**
 * Refuses a Directory Number or dialed number that no Internal Phone Number Pattern of the
 * tenant's Numbering Plan matches (checked top-down). Only once the tenant has its own plan
 * (Use default settings off, at least one pattern): until then any number is accepted, as before.
 */
export async function assertInternalNumber(
  k: K,
  tenantId: number,
  number: string | null | undefined,
  field: string,
  label: string,
): Promise<void> {
  const n = (number ?? '').trim();
  if (n === '') return;
  const plan = (await readNumbering(k, tenantId)).settings;
  if (plan.useDefaults || plan.internalPatterns.length === 0) return;
  if (matchInternal(plan, n) === null)
    throw new ServiceError(
      'INVALID',
      `${label} ${n} matches none of the Internal Phone Number Patterns (${plan.internalPatterns.join(', ')}) ` +
        'of the Numbering Plan.',
      field,
      { rule: 'internal_pattern' },
    );
}

export function createSystemParametersService(deps: ServiceDeps): {
  impl: ServiceImpl<typeof Contract>;
  dispose(): void;
} {
  const { data, secrets } = deps;
  const k = () => data.require().kysely;

  // outboundFetch reads the stored proxy on each call; passwords cached per stored version.
  let cached: { version: number; resolved: ResolvedProxy | null } | null = null;
  setProxyProvider(async () => {
    if (data.status().state !== 'connected') return null;
    const stored = await readProxy(k());
    if (cached?.version !== stored.version || stored.version === 0)
      cached = { version: stored.version, resolved: await resolveStored(stored.settings, secrets) };
    return cached.resolved;
  });

  // The console's own sign-out after inactivity follows the tenant's Users Authentication Settings.
  deps.auth.setInactivityLimit(async (tenantId) => {
    const s = (await readUserAuth(k(), tenantId)).settings;
    return s.inactivityDays * 86_400_000;
  });

  // Remember logged-in user: the sign-in form's Logon ID, kept only while the tenant's setting is on.
  const remembered = createRememberedUser(
    deps.userDataDir,
    k,
    async (tenantId) => (await readUserAuth(k(), tenantId)).settings.rememberLoggedInUser,
  );
  deps.auth.setRememberHook(remembered);

  const impl: ServiceImpl<typeof Contract> = {
    getProxy: (_args, ctx) => proxyDoc(k(), secrets, identityOf(ctx).hostAdmin),

    async saveProxy({ expectedVersion, draft }, ctx) {
      assertHostAdmin(ctx, 'the proxy settings');
      const before = (await readProxy(k())).settings;
      const kept = await keptPasswords(before, draft, secrets);
      assertProxyDraft(draft, kept);
      const needsKeychain = (['http', 'socks'] as const).some((kind) => draft[kind].password);
      if (needsKeychain) {
        const ok = await secrets.available();
        if (!ok.ok)
          throw new ServiceError(
            'UNAVAILABLE',
            `The keychain is not available, so no password can be saved: ${ok.reason}`,
          );
      }
      const stored: StoredProxy = {
        http: { address: draft.http.address.trim(), port: draft.http.port, username: draft.http.username },
        socks: {
          address: draft.socks.address.trim(),
          port: draft.socks.port,
          username: draft.socks.username,
          version: draft.socks.version,
        },
        bypass: draft.bypass.map((b) => b.trim()),
      };
      if (!proxyInUse(draft.http)) stored.http = { address: '', port: null, username: '' };
      if (!proxyInUse(draft.socks))
        stored.socks = { address: '', port: null, username: '', version: draft.socks.version };
      await writePage(data, ctx, {
        tenantId: null,
        page: 'proxy',
        expectedVersion,
        settings: stored,
        objectType: 'proxy-settings',
        objectName: 'Proxy settings',
        audit: {
          before,
          after: {
            ...stored,
            // Which passwords changed, never the passwords.
            passwordsChanged: (['http', 'socks'] as const).filter((kind) => draft[kind].password !== null),
          },
        },
      });
      // After the commit: the keychain follows the stored row (a failed save leaves it as it was).
      for (const kind of ['http', 'socks'] as const) {
        const oldKey = proxySecretKey(kind, before[kind]);
        const newKey = proxySecretKey(kind, stored[kind]);
        const pw = draft[kind].password;
        if (pw) await secrets.set(newKey, pw);
        else if (pw === '' || stored[kind].username === '') await secrets.clear(newKey).catch(() => {});
        if (oldKey !== newKey) await secrets.clear(oldKey).catch(() => {});
      }
      cached = null;
      return proxyDoc(k(), secrets, true);
    },

    async testProxy({ draft, url }, ctx) {
      assertHostAdmin(ctx, 'the proxy settings');
      const stored = (await readProxy(k())).settings;
      assertProxyDraft(draft, await keptPasswords(stored, draft, secrets));
      return testProxy(await resolveDraft(stored, draft, secrets), url);
    },

    async getNumbering(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      await tenantName(k(), tenantId);
      return { tenantId, ...(await readNumbering(k(), tenantId)) };
    },

    async saveNumbering({ tenantId: asked, expectedVersion, settings }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      const name = await tenantName(k(), tenantId);
      // "Use default settings": the defaults are what is stored (the manual: deselect it to modify).
      const value = settings.useDefaults ? { ...DEFAULT_NUMBERING_PLAN } : settings;
      refuse(numberingProblems(value));
      const trimmed: NumberingPlan = {
        ...value,
        internalPatterns: value.internalPatterns.map((p) => p.trim()),
        localCountryCode: value.localCountryCode.trim(),
        internationalPrefix: value.internationalPrefix.trim(),
        incomingPrefix: value.incomingPrefix.trim(),
        outgoingPrefix: value.outgoingPrefix.trim(),
        outgoingSuffix: value.outgoingSuffix.trim(),
      };
      await writePage(data, ctx, {
        tenantId,
        page: 'numbering',
        expectedVersion,
        settings: trimmed,
        objectType: 'numbering-plan',
        objectName: name,
      });
      return { tenantId, ...(await readNumbering(k(), tenantId)) };
    },

    async normalize({ tenantId: asked, number, direction, settings }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      const plan = settings ?? (await readNumbering(k(), tenantId)).settings;
      refuse(numberingProblems(plan));
      return normalizeNumber(plan, number, direction);
    },

    async getUserAuth(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      await tenantName(k(), tenantId);
      return { tenantId, ...(await readUserAuth(k(), tenantId)) };
    },

    async saveUserAuth({ tenantId: asked, expectedVersion, settings }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      const name = await tenantName(k(), tenantId);
      refuse(userAuthProblems(settings));
      await writePage(data, ctx, {
        tenantId,
        page: 'userAuth',
        expectedVersion,
        settings,
        objectType: 'users-authentication-settings',
        objectName: name,
      });
      await remembered.settingSaved(tenantId, settings.rememberLoggedInUser);
      return { tenantId, ...(await readUserAuth(k(), tenantId)) };
    },

    async getCustomerAuth(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      await tenantName(k(), tenantId);
      return { tenantId, ...(await readCustomerAuth(k(), tenantId)), serviceAccesses: await accesses(k(), tenantId) };
    },

    async saveCustomerAuth({ tenantId: asked, expectedVersion, settings }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      const name = await tenantName(k(), tenantId);
      refuse(customerAuthProblems(settings));
      const value = { ...settings, numberToCall: settings.numberToCall.trim() };
      await writePage(data, ctx, {
        tenantId,
        page: 'customerAuth',
        expectedVersion,
        settings: value,
        objectType: 'customer-authentication',
        objectName: name,
        // Inside the transaction: a service access removed meanwhile cannot slip through.
        inTx: async (w) => {
          if (value.numberToCall === '') return;
          const hit = await w.tx
            .selectFrom('service_access')
            .select('id')
            .where('tenant_id', '=', tenantId)
            .where('bvd_number', '=', value.numberToCall)
            .executeTakeFirst();
          if (!hit)
            throw new ServiceError(
              'INVALID',
              `Number to Call for Authentication ${value.numberToCall} must exactly match the BVD number of one of ` +
                "the tenant's service accesses.",
              'numberToCall',
              { rule: 'bvd' },
            );
        },
      });
      return { tenantId, ...(await readCustomerAuth(k(), tenantId)), serviceAccesses: await accesses(k(), tenantId) };
    },

    checkWsdlSuppression: async ({ text }) => checkWsdlSuppression(text),

    async exportCustomerAuthReg(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      const name = await tenantName(k(), tenantId);
      const s = (await readCustomerAuth(k(), tenantId)).settings;
      return { fileName: customerAuthRegFileName(name), text: customerAuthToReg(name, s) };
    },

    ...createAgentOptionsImpl(deps),
    ...createCiscoImpl(deps),
    ...createSetupConfigImpl(deps),
    ...createHotfixImpl(deps),
    ...createNodeParametersImpl(deps),
  };
  return {
    impl,
    dispose: () => {
      setProxyProvider(null);
      deps.auth.setInactivityLimit(null);
      deps.auth.setRememberHook(null);
    },
  };
}

async function accesses(k: K, tenantId: number) {
  const rows = await k
    .selectFrom('service_access')
    .select(['name', 'bvd_number'])
    .where('tenant_id', '=', tenantId)
    .orderBy('bvd_number')
    .execute();
  return rows.map((r) => ({ name: r.name, bvd: r.bvd_number }));
}
