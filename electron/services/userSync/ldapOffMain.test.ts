import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkerForTest } from '../../testing/buildWorker';
import { manyUsers, startSlapd, type TestSlapd } from '../../testing/slapd';
import { testCa } from '../../testing/testCa';
import { DirectoryError, type DirectoryEntry } from './directory';
import { readAdGroupOffMain } from './ldapOffMain';
import { addDirectoryCa, readAdGroup, type AdTarget } from './ldapReader';

// The directory reader's worker as it ships (built by Vite to a .cjs like scripts/build.mjs does), against
// Debian's slapd: the same pages as the in-process reader, in order; cancel and refusals keep their cause.
describe('reading an Active Directory group in a worker thread (built)', () => {
  let built: Awaited<ReturnType<typeof buildWorkerForTest>>;
  let worker: string;
  let d: TestSlapd;
  const attrs = ['givenName', 'sn', 'mail'];
  const target = (over: Partial<AdTarget> = {}): AdTarget => ({
    host: '127.0.0.1',
    port: d.port,
    security: 'none',
    bindDn: d.bindDn,
    password: d.password,
    baseDn: d.baseDn,
    group: 'MICCE Users',
    ...over,
  });
  const collect = async (read: (onBatch: (b: DirectoryEntry[]) => Promise<void>) => Promise<void>) => {
    const pages: DirectoryEntry[][] = [];
    await read(async (b) => {
      pages.push(b);
      await new Promise((r) => setImmediate(r)); // a slow consumer: pages must still arrive in order
    });
    return pages;
  };

  beforeAll(async () => {
    built = await buildWorkerForTest('userSyncLdapWorker', resolve(__dirname, 'ldapWorker.ts'));
    worker = built.file;
    addDirectoryCa(testCa().caPem); // handed to the worker with the read
    const users = manyUsers(2500);
    d = await startSlapd({ users, groups: [{ cn: 'MICCE Users', members: users.map((u) => u.uid) }] });
  }); // vitest.config.ts hookTimeout (120 s)
  afterAll(async () => {
    await d?.stop();
    built?.remove();
  });

  it('gives the same pages as reading on main, in order, over LDAP and LDAPS', async () => {
    const onMain = await collect((onBatch) => readAdGroup(target(), attrs, { onBatch }));
    const offMain = await collect((onBatch) => readAdGroupOffMain(target(), attrs, { onBatch }, worker));
    expect(onMain.map((p) => p.length)).toEqual([1000, 1000, 500]);
    expect(offMain).toEqual(onMain);
    expect(offMain[0]![0]).toMatchObject({ attrs: { givenName: 'Given000001', sn: 'Family000001' } });
    // LDAPS with the tests' private CA: the worker trusts what main was told to trust.
    const tls = await collect((onBatch) =>
      readAdGroupOffMain(target({ port: d.ldapsPort, security: 'ldaps' }), attrs, { onBatch }, worker),
    );
    expect(tls.flat().length).toBe(2500);
  });

  it('keeps the cause of a refusal: wrong password, unknown group, unreachable server', async () => {
    const cause = (t: AdTarget) =>
      readAdGroupOffMain(t, attrs, { onBatch: () => {} }, worker).then(
        () => 'read',
        (e: unknown) => (e instanceof DirectoryError ? `${e.reason}: ${e.message}` : String(e)),
      );
    expect(await cause(target({ password: 'wrong' }))).toMatch(/^credentials: The directory refused/);
    expect(await cause(target({ group: 'Nobody Here' }))).toMatch(/^group: The User Group "Nobody Here"/);
    expect(await cause(target({ port: 1 }))).toMatch(/^unreachable: /);
    // The read really goes through the worker file it is given: a missing one is the reader stopping.
    const missing = await readAdGroupOffMain(
      target(),
      attrs,
      { onBatch: () => {} },
      join(dirname(worker), 'missing.cjs'),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(DirectoryError);
    expect((missing as DirectoryError).message).toMatch(/^The directory reader (stopped|cannot start)/);
  });

  it('stops when cancelled: "cancelled", and no page after the cancel', async () => {
    const ac = new AbortController();
    let pages = 0;
    let afterCancel = 0;
    const err = await readAdGroupOffMain(
      target(),
      attrs,
      {
        signal: ac.signal,
        onBatch: () => {
          if (ac.signal.aborted) afterCancel++;
          if (++pages === 1) ac.abort();
        },
      },
      worker,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryError);
    expect((err as DirectoryError).reason).toBe('cancelled');
    expect(pages).toBeLessThan(3);
    expect(afterCancel).toBe(0);
  });
});
