import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, HASH_PARAMS, hashPassword, needsRehash, scryptMemory, verifyPassword } from './hash';

// Small N keeps the suite fast; one test below runs the real parameters.
const FAST = { N: 1024 };

describe('HASH_PARAMS', () => {
  it('are the OWASP scrypt parameters with a 16-byte salt and 32-byte key', () => {
    expect(HASH_PARAMS).toEqual({ N: 131072, r: 8, p: 1, keyLength: 32, saltLength: 16 });
    expect(Object.isFrozen(HASH_PARAMS)).toBe(true);
  });

  it('need more than Node’s default 32 MiB maxmem, which is why maxmem is passed', () => {
    expect(scryptMemory(HASH_PARAMS)).toBeGreaterThan(32 * 1024 * 1024);
  });
});

describe('hashPassword / verifyPassword with the real parameters', () => {
  it('round-trips, is current, and does not block the event loop', async () => {
    let hashed = false;
    const pending = hashPassword('correct horse battery staple').then((e) => ((hashed = true), e));
    // A synchronous scrypt would have finished (and settled `pending`) before this immediate
    // runs; on the thread pool the ~128 MiB hash is still going.
    const hashedAtNextTick = await new Promise<boolean>((r) => setImmediate(() => r(hashed)));
    expect(hashedAtNextTick).toBe(false);
    const encoded = await pending;
    expect(encoded).toMatch(/^scrypt\$v=1\$N=131072,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(needsRehash(encoded)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', encoded)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', encoded)).toBe(false);
  });

  it('DUMMY_HASH (what an unknown Logon ID is checked against) costs what a real check costs', async () => {
    expect(needsRehash(DUMMY_HASH)).toBe(false); // raise it with HASH_PARAMS, or unknown IDs answer faster
    const real = await hashPassword('x');
    expect(DUMMY_HASH.split('$').map((p) => p.length)).toEqual(real.split('$').map((p) => p.length));
    expect(await verifyPassword('not-a-real-password', DUMMY_HASH)).toBe(false);
  });
});

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hashPassword('s3cret-pass', FAST);
    expect(encoded.startsWith('scrypt$v=1$N=1024,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('s3cret-pass', encoded)).toBe(true);
    expect(await verifyPassword('s3cret-pasS', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same', FAST), hashPassword('same', FAST)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('normalises Unicode: composed and decomposed forms match', async () => {
    const composed = 'caf\u00e9-pässwörd';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const encoded = await hashPassword(composed, FAST);
    expect(await verifyPassword(decomposed, encoded)).toBe(true);
  });

  it('refuses an invalid cost instead of hashing weakly', async () => {
    await expect(hashPassword('x', { N: 1000 })).rejects.toThrow(RangeError);
    await expect(hashPassword('x', { N: 1 })).rejects.toThrow(RangeError);
    await expect(hashPassword('x', { r: 0 })).rejects.toThrow(RangeError);
    await expect(hashPassword('x', { N: 2 ** 24 })).rejects.toThrow(RangeError); // 2 GiB
  });
});

describe('verifyPassword never throws on a bad stored string', () => {
  const good = hashPassword('pw', FAST);
  const cases: Array<[string, (g: string) => unknown]> = [
    ['blank', () => ''],
    ['null', () => null],
    ['undefined', () => undefined],
    ['a number', () => 42],
    ['another scheme', (g) => g.replace('scrypt$', 'bcrypt$')],
    ['an unknown version', (g) => g.replace('$v=1$', '$v=2$')],
    ['missing the key', (g) => g.split('$').slice(0, 4).join('$')],
    ['an extra field', (g) => `${g}$x`],
    ['N not a power of two', (g) => g.replace('N=1024', 'N=1000')],
    ['N with a leading zero', (g) => g.replace('N=1024', 'N=01024')],
    ['N huge (memory bomb)', (g) => g.replace('N=1024', 'N=1073741824')],
    ['r zero', (g) => g.replace('r=8', 'r=0')],
    ['params reordered', (g) => g.replace('N=1024,r=8,p=1', 'r=8,N=1024,p=1')],
    ['salt not base64', (g) => g.replace(/\$[^$]+\$([^$]+)$/, '$!!!!$$$1')],
    ['key truncated below 32 bytes (still a valid prefix)', (g) => g.slice(0, -12)],
    ['key empty', (g) => g.replace(/[^$]+$/, '')],
    ['very long', (g) => g + 'A'.repeat(10_000)],
  ];
  it.each(cases)('%s → false', async (_name, mutate) => {
    const encoded = mutate(await good);
    await expect(verifyPassword('pw', encoded as string)).resolves.toBe(false);
  });

  it('a non-string password → false', async () => {
    await expect(verifyPassword(undefined as unknown as string, await good)).resolves.toBe(false);
  });
});

describe('needsRehash', () => {
  it('is true for a hash made with lower parameters', async () => {
    const weak = await hashPassword('pw', FAST);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, { ...HASH_PARAMS, N: 1024 })).toBe(false);
  });

  it('is true when any parameter differs from the target', async () => {
    const encoded = await hashPassword('pw', FAST);
    const target = { ...HASH_PARAMS, N: 1024 };
    expect(needsRehash(encoded, { ...target, r: 16 })).toBe(true);
    expect(needsRehash(encoded, { ...target, p: 2 })).toBe(true);
    expect(needsRehash(encoded, { ...target, keyLength: 64 })).toBe(true);
    expect(needsRehash(encoded, { ...target, saltLength: 32 })).toBe(true);
  });

  it('is true for an unreadable string', () => {
    expect(needsRehash('')).toBe(true);
    expect(needsRehash('plaintext')).toBe(true);
  });
});
