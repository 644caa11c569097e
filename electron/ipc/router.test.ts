import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ANONYMOUS, canRead, canWrite, method, PUBLIC, service, SIGNED_IN, type Principal } from '../contract';
import { ServiceError, staleVersionError } from './errors';
import { createRouter } from './router';
import { createLogger } from '../log/logger';

// A small contract with one method per permission kind, so each check is exercised on
// its own through the real router.
const testContract = {
  users: service({
    methods: {
      rename: method({
        args: z.object({ id: z.number().int().positive(), logonId: z.string().min(1, 'Logon ID is required') }),
        result: z.object({ id: z.number(), logonId: z.string() }),
        permission: canWrite('users'),
        summary: 'rename',
      }),
      list: method({ args: z.object({}), result: z.array(z.string()), permission: canRead('users'), summary: 'list' }),
      me: method({ args: z.object({}), result: z.string(), permission: SIGNED_IN, summary: 'me' }),
      hello: method({ args: z.object({}), result: z.string(), permission: PUBLIC, summary: 'hello' }),
      leaky: method({
        args: z.object({}),
        result: z.object({ name: z.string() }),
        permission: PUBLIC,
        summary: 'leaky',
      }),
      broken: method({ args: z.object({}), result: z.number(), permission: PUBLIC, summary: 'broken' }),
      refuses: method({ args: z.object({}), result: z.number(), permission: PUBLIC, summary: 'refuses' }),
      stale: method({ args: z.object({}), result: z.number(), permission: PUBLIC, summary: 'stale' }),
    },
    events: {},
  }),
};

const calls: string[] = [];
const router = createRouter(
  testContract,
  {
    users: {
      rename: ({ id, logonId }) => {
        calls.push(`rename ${id}`);
        return { id, logonId };
      },
      list: () => ['a', 'b'],
      me: () => 'me',
      hello: () => 'hi',
      // Returns more than the contract declares: the extra field must not leave main.
      leaky: () => ({ name: 'x', password: 'hunter2' }) as { name: string },
      broken: () => {
        throw new Error('database exploded at /secret/path');
      },
      refuses: () => {
        throw new ServiceError('INVALID', 'Logon ID already exists in this tenant.', 'logonId');
      },
      stale: () => {
        throw staleVersionError('The version you supplied [1] does not match the current version [2].', {
          expectedVersion: 1,
          version: 2,
          updatedBy: 'ann',
          updatedAt: '2026-01-02T03:04:05Z',
        });
      },
    },
  },
  createLogger(null),
);

const admin: Principal = { signedIn: true, permissions: { users: 'write' } };
const reader: Principal = { signedIn: true, permissions: { users: 'read' } };
const tech: Principal = { signedIn: true, permissions: { alarms: 'write', logs: 'write' } };
const ctx = (principal: Principal) => ({ principal, origin: 'test' });

describe('router', () => {
  it('lists one route per method', () => {
    expect(router.routes).toContainEqual({ service: 'users', method: 'rename' });
    expect(router.routes).toHaveLength(8);
  });

  it('answers ok with the value', async () => {
    expect(await router.call('users', 'rename', { id: 1, logonId: 'jdoe' }, ctx(admin))).toEqual({
      ok: true,
      value: { id: 1, logonId: 'jdoe' },
    });
  });

  it('refuses bad arguments naming the field and the rule, without calling the service', async () => {
    calls.length = 0;
    const res = await router.call('users', 'rename', { id: 1, logonId: '' }, ctx(admin));
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'BAD_ARGUMENTS',
        field: 'logonId',
        message: 'logonId: Logon ID is required',
        details: { path: ['logonId'], fieldMessage: 'Logon ID is required', rule: 'too_small', limit: 1 },
      },
    });
    const res2 = await router.call('users', 'rename', { id: -3, logonId: 'x' }, ctx(admin));
    expect(res2.ok === false && res2.error.field).toBe('id');
    expect(res2.ok === false && res2.error.details).toMatchObject({ path: ['id'], rule: 'too_small', limit: 0 });
    const res3 = await router.call('users', 'rename', 'not an object', ctx(admin));
    expect(res3.ok === false && res3.error.code).toBe('BAD_ARGUMENTS');
    expect(calls).toEqual([]);
  });

  it('refuses a caller without the permission, without calling the service', async () => {
    calls.length = 0;
    const res = await router.call('users', 'rename', { id: 1, logonId: 'x' }, ctx(reader));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('FORBIDDEN');
      expect(res.error.message).toMatch(/read access to users; this needs read-write/);
    }
    const res2 = await router.call('users', 'list', {}, ctx(tech));
    expect(res2.ok === false && res2.error.code).toBe('FORBIDDEN');
    expect(calls).toEqual([]);
  });

  it('refuses a caller who is not signed in for anything but public methods', async () => {
    for (const m of ['rename', 'list', 'me']) {
      const res = await router.call('users', m, { id: 1, logonId: 'x' }, ctx(ANONYMOUS));
      expect(res.ok === false && res.error.code).toBe('NOT_SIGNED_IN');
    }
    expect(await router.call('users', 'hello', {}, ctx(ANONYMOUS))).toEqual({ ok: true, value: 'hi' });
    expect(await router.call('users', 'list', {}, ctx(reader))).toEqual({ ok: true, value: ['a', 'b'] });
  });

  it('checks arguments before permissions (no information from the permission check on junk)', async () => {
    const res = await router.call('users', 'rename', {}, ctx(ANONYMOUS));
    expect(res.ok === false && res.error.code).toBe('BAD_ARGUMENTS');
  });

  it('answers UNKNOWN_METHOD for names not in the contract, including prototype names', async () => {
    for (const [s, m] of [
      ['users', 'nope'],
      ['nope', 'list'],
      ['users', 'constructor'],
      ['__proto__', 'toString'],
    ] as const) {
      const res = await router.call(s, m, {}, ctx(admin));
      expect(res.ok === false && res.error.code).toBe('UNKNOWN_METHOD');
    }
  });

  it('strips result fields the contract does not declare', async () => {
    expect(await router.call('users', 'leaky', {}, ctx(ANONYMOUS))).toEqual({ ok: true, value: { name: 'x' } });
  });

  it('turns a service refusal into its envelope, with the field', async () => {
    expect(await router.call('users', 'refuses', {}, ctx(ANONYMOUS))).toEqual({
      ok: false,
      error: { code: 'INVALID', message: 'Logon ID already exists in this tenant.', field: 'logonId' },
    });
  });

  it('passes the details of a refusal through as data (the conflicting version and who made it)', async () => {
    expect(await router.call('users', 'stale', {}, ctx(ANONYMOUS))).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'The version you supplied [1] does not match the current version [2].',
        details: {
          rule: 'stale_version',
          conflict: { expectedVersion: 1, version: 2, updatedBy: 'ann', updatedAt: '2026-01-02T03:04:05Z' },
        },
      },
    });
  });

  it('hides internal errors behind a generic message', async () => {
    const res = await router.call('users', 'broken', {}, ctx(ANONYMOUS));
    expect(res).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error in users.broken; see the log file.' },
    });
  });

  it('refuses to start when a method has no implementation', () => {
    expect(() => createRouter(testContract, { users: {} } as never, createLogger(null))).toThrow(
      /No implementation for users.rename/,
    );
  });
});
