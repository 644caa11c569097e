import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../contract';
import { DEMO_ACCOUNTS } from '../connectors/db/demoSeed';
import { seededDb, signIn, startConsole, type TestConsole } from '../services/testing/harness';
import { sampleArgs } from '../services/testing/permissionSamples';

// PostgreSQL refuses NUL in text ("invalid byte sequence for encoding UTF8: 0x00") and
// neither engine keeps a lone surrogate: each used to surface as INTERNAL. The contract
// now refuses them in every method's arguments, before permission and service.

/** Public methods are not in the permission samples; these reach the database or files with strings. */
const PUBLIC_SAMPLES: Record<string, unknown> = {
  'auth.signIn': { logonId: 'admin', password: 'x', tenantId: 1 },
  'auth.changePassword': { logonId: 'admin', tenantId: 1, currentPassword: 'x', newPassword: 'y' },
  'connections.save': {
    expectedVersion: 1,
    profile: { id: '', name: 'N', engine: 'sqlite', file: '/tmp/x.sqlite', demo: false },
  },
  'connections.addFromUrl': { expectedVersion: 1, name: 'N', url: 'postgres://u@127.0.0.1:1/db' },
  'connections.remove': { expectedVersion: 1, id: 'x' },
  'connections.clearPassword': { id: 'x' },
  'connections.test': { profile: { id: '', name: 'N', engine: 'sqlite', file: '/tmp/x.sqlite', demo: false } },
  'connections.connect': { id: 'x' },
  'auth.startupContinue': { tenantId: 1 },
  'prefs.save': {
    expectedVersion: 0,
    value: {
      theme: 'system',
      startArea: 'users',
      confirmDestructive: true,
      dateFormat: 'locale',
      logBufferKLines: 200,
    },
  },
};

type Path = Array<string | number>;

/** The path of the first string in a sample (depth first, in key order), or null. */
function firstString(value: unknown, path: Path = []): Path | null {
  if (typeof value === 'string') return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = firstString(value[i], [...path, i]);
      if (p) return p;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = firstString(v, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}

function inject(value: unknown, path: Path, bad: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const s = at[last] as string;
  at[last] = s.length > 0 ? `${s.slice(0, 1)}${bad}${s.slice(1)}` : `x${bad}`;
  return copy;
}

const methods = Object.entries(contract).flatMap(([s, spec]) => Object.keys(spec.methods).map((m) => `${s}.${m}`));

describe('text arguments on PostgreSQL: NUL and lone surrogates are BAD_ARGUMENTS, never INTERNAL', () => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb('postgres', 10));
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  }, 120_000);
  afterAll(async () => c.stop());

  it('auth.signIn: a NUL in the Logon ID or the password names the field', async () => {
    await c.call('auth', 'signOut');
    const logon = await c.call('auth', 'signIn', { logonId: 'ad\u0000min', password: 'x', tenantId: 1 });
    expect(logon.error).toEqual({
      code: 'BAD_ARGUMENTS',
      field: 'logonId',
      message: 'logonId: must not contain NUL characters',
      details: { path: ['logonId'], fieldMessage: 'must not contain NUL characters', rule: 'custom' },
    });
    const password = await c.call('auth', 'signIn', { logonId: 'admin', password: 'pw\u0000', tenantId: 1 });
    expect(password.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'password' });
    const surrogate = await c.call('auth', 'signIn', { logonId: 'admin\ud800', password: 'x', tenantId: 1 });
    expect(surrogate.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'logonId' });
    expect(surrogate.error!.message).toMatch(/unpaired surrogate/);
    // A well-formed astral character (a surrogate pair) is ordinary text.
    const pair = await c.call('auth', 'signIn', { logonId: 'admin\ud83d\ude00', password: 'x', tenantId: 1 });
    expect(pair.error?.code).not.toBe('BAD_ARGUMENTS');
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  });

  it('every contract method with a string argument refuses a NUL in it, and a lone surrogate', async () => {
    const checked: string[] = [];
    const withoutStrings: string[] = [];
    for (const m of methods) {
      const sample = PUBLIC_SAMPLES[m] ?? sampleArgs[m];
      const path = firstString(sample);
      if (!path) {
        withoutStrings.push(m);
        continue;
      }
      const [s, name] = m.split('.') as [string, string];
      for (const bad of ['\u0000', '\udc00']) {
        const res = await c.callByName(s, name, inject(sample, path, bad));
        expect(
          res.error?.code,
          `${m} ${JSON.stringify(bad)} → ${JSON.stringify(res.error ?? res.value).slice(0, 200)}`,
        ).toBe('BAD_ARGUMENTS');
      }
      checked.push(m);
    }
    // The methods whose samples hold no string must really take none: their sample (or {}) is
    // valid arguments. A method listed here needs a sample with its strings (PUBLIC_SAMPLES
    // above for public methods, permissionSamples for the others).
    const schemaOf = (m: string) => {
      const [s, name] = m.split('.') as [string, string];
      return (
        contract as unknown as Record<
          string,
          { methods: Record<string, { args: { safeParse(v: unknown): { success: boolean } } }> }
        >
      )[s]!.methods[name]!.args;
    };
    expect(
      withoutStrings.filter((m) => !schemaOf(m).safeParse(PUBLIC_SAMPLES[m] ?? sampleArgs[m] ?? {}).success),
    ).toEqual([]);
    expect(checked.length).toBeGreaterThan(30);
  });

  it('a NUL deep in an array of objects names the whole path', async () => {
    const mibs = await c.call('alarms', 'importMibs', {
      files: [
        { name: 'a.mib', text: 'ok' },
        { name: 'b.mib', text: 'A\u0000' },
      ],
    });
    expect(mibs.error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'files.1.text',
      message: 'files.1.text: must not contain NUL characters',
    });
  });
});
