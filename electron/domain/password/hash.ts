// Password hashing for console-managed accounts: scrypt via node:crypto, no dependencies.
//
// Stored form (self-describing, so the cost can be raised later and old hashes upgraded on
// the next successful sign-in with needsRehash):
//
//   scrypt$v=1$N=131072,r=8,p=1$<salt, base64>$<key, base64>
//
// v=1 fixes everything the string does not spell out: the password is NFKC-normalised and
// UTF-8 encoded before hashing, the key length is the decoded key's length, base64 is the
// standard alphabet with padding. Changing any of those needs v=2.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

export interface HashParams extends ScryptCost {
  keyLength: number;
  saltLength: number;
}

/**
 * OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1 (128 MiB, one thread).
 * 16-byte salt and a 32-byte key are the usual minimums (NIST SP 800-132 asks ≥ 128-bit salt).
 */
export const HASH_PARAMS: Readonly<HashParams> = Object.freeze({
  N: 2 ** 17,
  r: 8,
  p: 1,
  keyLength: 32,
  saltLength: 16,
});

const VERSION = 'v=1';

// Bounds for what verify will run. A stored string is data: a corrupted or tampered one must
// not make the main process allocate gigabytes or spin for minutes. Raise these together with
// HASH_PARAMS if the recommendation grows past them.
const MAX_MEMORY = 256 * 1024 * 1024;
const MAX_R = 32;
const MAX_P = 16;
// scrypt's output is a PBKDF2 stream, so a truncated key is a valid prefix of the real one;
// the floor keeps a truncated row from verifying with fewer than 256 bits.
const KEY_LENGTH = { min: 32, max: 64 };
const SALT_LENGTH = { min: 8, max: 64 };

/**
 * Bytes OpenSSL's scrypt needs (its check is 128·r·(N+2) for V plus 128·r·p for B). Node's
 * default maxmem is 32 MiB, which the OWASP parameters (≈128 MiB) exceed, so every call
 * passes this exact figure instead of a global larger limit.
 */
export function scryptMemory({ N, r, p }: ScryptCost): number {
  return 128 * r * (N + 2 + p);
}

function isValidCost({ N, r, p }: ScryptCost): boolean {
  const int = (n: number, max: number) => Number.isSafeInteger(n) && n >= 1 && n <= max;
  const powerOfTwo = Number.isSafeInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  return powerOfTwo && int(r, MAX_R) && int(p, MAX_P) && scryptMemory({ N, r, p }) <= MAX_MEMORY;
}

// Normalised so the same password typed through different input methods (composed vs
// decomposed accents, full-width forms) hashes the same; NIST SP 800-63B recommends NFKC/NFKD.
const encodePassword = (password: string) => Buffer.from(password.normalize('NFKC'), 'utf8');

function derive(password: string, salt: Buffer, keyLength: number, cost: ScryptCost): Promise<Buffer> {
  // Callback form: the work runs on the libuv pool, so the event loop keeps serving IPC.
  return new Promise((resolve, reject) => {
    scrypt(encodePassword(password), salt, keyLength, { ...cost, maxmem: scryptMemory(cost) }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes with HASH_PARAMS; `cost` overrides N/r/p (tests use a small N to stay fast). */
export async function hashPassword(password: string, cost: Partial<ScryptCost> = {}): Promise<string> {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  const params: HashParams = { ...HASH_PARAMS, ...cost };
  if (!isValidCost(params)) throw new RangeError(`invalid scrypt cost N=${params.N},r=${params.r},p=${params.p}`);
  const salt = randomBytes(params.saltLength);
  const key = await derive(password, salt, params.keyLength, params);
  return [
    'scrypt',
    VERSION,
    `N=${params.N},r=${params.r},p=${params.p}`,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

interface Parsed extends ScryptCost {
  salt: Buffer;
  key: Buffer;
}

const INT = /^[1-9][0-9]{0,9}$/;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBase64(text: string, { min, max }: { min: number; max: number }): Buffer | null {
  if (!B64.test(text)) return null;
  const buf = Buffer.from(text, 'base64');
  // Buffer.from is lenient (ignores stray bits); a round trip rejects non-canonical text.
  if (buf.toString('base64') !== text) return null;
  return buf.length >= min && buf.length <= max ? buf : null;
}

/** Parses a stored string; null when it is not a well-formed v=1 hash within the bounds. */
function parse(encoded: unknown): Parsed | null {
  if (typeof encoded !== 'string' || encoded.length > 512) return null;
  const parts = encoded.split('$');
  if (parts.length !== 5) return null;
  const [scheme, version, costText, saltText, keyText] = parts as [string, string, string, string, string];
  if (scheme !== 'scrypt' || version !== VERSION) return null;
  const m = /^N=([0-9]+),r=([0-9]+),p=([0-9]+)$/.exec(costText);
  if (!m || !m.slice(1).every((s) => INT.test(s))) return null;
  const cost = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (!isValidCost(cost)) return null;
  const salt = decodeBase64(saltText, SALT_LENGTH);
  const key = decodeBase64(keyText, KEY_LENGTH);
  return salt && key ? { ...cost, salt, key } : null;
}

/**
 * True when `password` matches `encoded`. Never throws: a blank, malformed or out-of-bounds
 * stored string is simply "no match", so a bad row cannot turn a sign-in into an INTERNAL error.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  try {
    if (typeof password !== 'string') return false;
    const parsed = parse(encoded);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.key.length, parsed);
    // Same length by construction; timingSafeEqual avoids leaking how many bytes matched.
    return timingSafeEqual(key, parsed.key);
  } catch {
    return false;
  }
}

/**
 * True when `encoded` was not made with `params` (default HASH_PARAMS) — weaker or merely
 * different — or cannot be read. Call after a successful verify and store a fresh hash.
 */
export function needsRehash(encoded: string, params: Readonly<HashParams> = HASH_PARAMS): boolean {
  const parsed = parse(encoded);
  if (!parsed) return true;
  return (
    parsed.N !== params.N ||
    parsed.r !== params.r ||
    parsed.p !== params.p ||
    parsed.key.length !== params.keyLength ||
    parsed.salt.length !== params.saltLength
  );
}

/**
 * What an unknown Logon ID is checked against, so it takes as long as a wrong password (the result is ignored).
 * Made once ahead of time from a random password nobody kept: hashing it in each process cost every first
 * sign-in a second scrypt run. hash.test.ts checks it is at HASH_PARAMS (same cost as a real check).
 */
export const DUMMY_HASH =
  'scrypt$v=1$N=131072,r=8,p=1$TkYclFAIxGIMcT3UgcaZ1w==$hS9EmZFml/Vr/3LIkb5s0tFf0iYmZhUdHaAz9b3qPD0=';
