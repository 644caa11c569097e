import { X509Certificate, createPrivateKey, generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { CERTIFICATE_YEARS, commonNameFor, type SecureCertificate } from '../../contract';

/**
 * The secure communications certificate: a self-signed X.509 v3 certificate, RSA 2048 with
 * SHA-256, Common Name = the computer name, valid 5 years from the moment it is generated. The key
 * pair comes from node:crypto's async generateKeyPair (OpenSSL on libuv's pool: the main process's
 * event loop is not blocked); the certificate is a fixed DER structure built here and signed with
 * node:crypto, then parsed back with X509Certificate (OpenSSL) before it is used. No network.
 */

// ---------------------------------------------------------------- DER (the few types a certificate needs)

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const explicit = (n: number, ...c: Buffer[]) => tlv(0xa0 + n, ...c);
const nul = () => Buffer.from([0x05, 0x00]);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
/** A non-negative INTEGER from big-endian bytes (minimal, with a 0 in front when the top bit is set). */
function uint(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return tlv(0x02, v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const parts: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) parts.unshift(0x80 | (v & 0x7f));
    out.push(...parts);
  }
  return tlv(0x06, Buffer.from(out));
}
/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString(); // 2026-01-31T12:34:56.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(digits.slice(2))) : tlv(0x18, Buffer.from(digits));
}
const ia5 = (s: string) => Buffer.from(s, 'ascii');

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), nul());
const DNS_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function extensions(commonName: string): Buffer {
  const ext = (id: string, critical: boolean, value: Buffer) =>
    seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
  const list = [
    // basicConstraints: not a CA.
    ext('2.5.29.19', true, seq()),
    // keyUsage: digitalSignature, keyEncipherment (bits 0 and 2: 1010 0000, 5 unused bits).
    ext('2.5.29.15', true, bits(Buffer.from([0xa0]), 5)),
    // extKeyUsage: serverAuth, clientAuth (secure SIP and RDP connect both ways).
    ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
  ];
  // subjectAltName: the computer name as a DNS name, when it is one.
  if (DNS_NAME.test(commonName)) list.push(ext('2.5.29.17', false, seq(tlv(0x82, ia5(commonName)))));
  return explicit(3, seq(...list));
}

/** A self-signed v3 certificate for the key pair, as DER. */
export function buildSelfSigned(o: {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  privateKey: KeyObject;
  serial?: Buffer;
}): Buffer {
  const serial = Buffer.from(o.serial ?? randomBytes(16));
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, 16 bytes, never a leading zero
  const name = seq(set(seq(oid('2.5.4.3'), utf8(o.commonName))));
  const tbs = seq(
    explicit(0, uint(Buffer.from([2]))),
    uint(serial),
    SHA256_WITH_RSA,
    name,
    seq(time(o.notBefore), time(o.notAfter)),
    name,
    o.publicKey.export({ type: 'spki', format: 'der' }),
    extensions(o.commonName),
  );
  const signature = sign('sha256', tbs, o.privateKey);
  return seq(tbs, SHA256_WITH_RSA, bits(signature));
}

export const toPem = (der: Buffer) =>
  `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END CERTIFICATE-----\n`;

// ---------------------------------------------------------------- the private key, compact for the keychain

/*
 * Windows Credential Manager keeps at most 2,560 bytes per credential, stored as UTF-16: a PKCS#8
 * PEM of an RSA 2048 key (~1,700 characters) does not fit. The keychain holds the two primes only
 * (~360 characters, JSON of base64url); the whole key is rebuilt from them (n = pq, e = 65537).
 */
const E = 65537n;
const big = (b64url: string) => BigInt('0x' + (Buffer.from(b64url, 'base64url').toString('hex') || '0'));
const b64 = (n: bigint) => {
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return Buffer.from(hex, 'hex').toString('base64url');
};
function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

/** What the keychain keeps for a private key (its primes). */
export function keyForKeychain(privateKey: KeyObject): string {
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.e !== 'AQAB' || !jwk.p || !jwk.q) throw new Error('Unexpected RSA key (exponent 65537 expected).');
  return JSON.stringify({ p: jwk.p, q: jwk.q });
}

/** The private key again from what keyForKeychain gave. */
export function keyFromKeychain(stored: string): KeyObject {
  const { p: ps, q: qs } = JSON.parse(stored) as { p: string; q: string };
  const p = big(ps);
  const q = big(qs);
  const phi = (p - 1n) * (q - 1n);
  const d = inverse(E, phi);
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'RSA',
      n: b64(p * q),
      e: b64(E),
      d: b64(d),
      p: ps,
      q: qs,
      dp: b64(d % (p - 1n)),
      dq: b64(d % (q - 1n)),
      qi: b64(inverse(q, p)),
    },
  });
}

// ---------------------------------------------------------------- generation

const generateRsa = promisify(generateKeyPair);

/** The public part stored in the database. */
export interface StoredCertificate extends SecureCertificate {
  pem: string;
}

/** Adds the manual's 5 years (calendar years, UTC). */
export function fiveYearsFrom(d: Date): Date {
  const to = new Date(d.getTime());
  to.setUTCFullYear(to.getUTCFullYear() + CERTIFICATE_YEARS);
  return to;
}

/** A new certificate for this computer: the public part, and the private key for the keychain. */
export async function generateSecureCertificate(
  hostname: string,
  now = new Date(),
): Promise<{ certificate: StoredCertificate; keychainValue: string }> {
  const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = fiveYearsFrom(notBefore);
  const commonName = commonNameFor(hostname);
  const der = buildSelfSigned({ commonName, notBefore, notAfter, publicKey, privateKey });
  // OpenSSL reads it back: the structure, the signature and the key all hold.
  const x = new X509Certificate(der);
  if (!x.verify(publicKey) || !x.checkPrivateKey(privateKey))
    throw new Error('The generated certificate did not verify.');
  return {
    certificate: {
      commonName,
      validFrom: notBefore.toISOString(),
      validTo: notAfter.toISOString(),
      sha256: x.fingerprint256,
      pem: toPem(der),
    },
    keychainValue: keyForKeychain(privateKey),
  };
}

/** The keychain entry of a certificate's private key, bound to that certificate. */
export const certificateKeyName = (sha256: string) => `secure-certificate:${sha256.replace(/:/g, '').toLowerCase()}`;
