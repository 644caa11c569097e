import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { CommandError, noticeText, runCommand, toErrorShape } from './commandCore';

function client() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  for (const key of ['users', 'tenants', 'logs'])
    void qc.prefetchQuery({ queryKey: [key, 'list'], queryFn: () => key });
  return { qc };
}

describe('runCommand (the core of useCommand)', () => {
  it('answers the value and marks the queries it names stale, before it resolves', async () => {
    const { qc } = client();
    await qc.refetchQueries();
    const value = await runCommand(
      qc,
      async (n: number) => ({ ok: true, value: n * 2 }),
      { invalidates: (n) => (n > 1 ? [['users'], ['tenants']] : [['users']]) },
      2,
    );
    expect(value).toBe(4);
    const stale = (k: string) => qc.getQueryState([k, 'list'])?.isInvalidated;
    expect([stale('users'), stale('tenants'), stale('logs')]).toEqual([true, true, false]);
  });

  it('throws the error main answered and refreshes nothing', async () => {
    const { qc } = client();
    await qc.refetchQueries();
    const shape = { code: 'CONFLICT' as const, message: 'Someone else saved it first.', field: 'version' };
    let succeeded = false;
    const err = await runCommand(
      qc,
      async () => ({ ok: false, error: shape }),
      {
        invalidates: [['users']],
        onSuccess: () => {
          succeeded = true;
        },
      },
      undefined,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).shape).toEqual(shape);
    expect(qc.getQueryState(['users', 'list'])?.isInvalidated).toBe(false);
    expect(succeeded).toBe(false);
  });

  it('turns a thrown error into the contract shape', async () => {
    const { qc } = client();
    const err = (await runCommand(qc, () => Promise.reject(new Error('socket closed')), {}, undefined).catch(
      (e: unknown) => e,
    )) as CommandError;
    expect(err.shape).toEqual({ code: 'INTERNAL', message: 'socket closed' });
    expect(toErrorShape({ code: 'INVALID', message: 'Too long.', field: 'name' })).toEqual({
      code: 'INVALID',
      message: 'Too long.',
      field: 'name',
    });
  });

  it('runs onSuccess with the result and builds the notice', async () => {
    const { qc } = client();
    const seen: unknown[] = [];
    await runCommand(
      qc,
      async (v: string) => ({ ok: true, value: v.length }),
      {
        onSuccess: (r, v) => {
          seen.push(r, v);
        },
      },
      'abc',
    );
    expect(seen).toEqual([3, 'abc']);
    expect(noticeText({ notice: (r: number) => `${r} saved.` }, 3, 'abc')).toBe('3 saved.');
    expect(noticeText({}, 3, 'abc')).toBeNull();
  });
});
