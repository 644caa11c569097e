import { createHash, X509Certificate } from 'node:crypto';

export const FINGERPRINT_ALGORITHMS = ['SHA1', 'SHA256', 'SHA384', 'SHA512'] as const;
export type FingerprintAlgorithm = (typeof FINGERPRINT_ALGORITHMS)[number];

/** Certificates expiring within this many days are warned about (rollover time). */
export const EXPIRY_WARNING_DAYS = 30;

export interface CertificateInfo {
  /** The bare base64 DER ("hash line"), as stored. */
  base64: string;
  subject: string;
  issuer: string;
  sha1: string;
  sha256: string;
  notBefore: string;
  notAfter: string;
  status: 'valid' | 'expired' | 'expiring' | 'not-yet-valid';
  /**
   * False when expired or not yet valid: such a certificate is never trusted — it is not
   * pinned at import, refused when pasted, and a signature made with it is refused.
   */
  usable: boolean;
  /** Set when expired, expiring within 30 days, or not yet valid (for an unusable one: why). */
  warning: string | null;
}

/**
 * Seed 000, x509 Certificate: "make sure it has only the hash line; remove any comments and
 * extra lines before or after it". The console does that for the user: accepts a PEM (with
 * its BEGIN/END lines and any text around them) or the bare base64, strips headers and all
 * whitespace, and checks it really is an X.509 certificate. Throws with the reason.
 */
export function normalizeCertificate(input: string): string {
  let s = input.trim();
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(s);
  if (pem) s = pem[1]!;
  else if (/-----BEGIN /.test(s))
    throw new Error('is not a certificate (only "BEGIN CERTIFICATE" PEM blocks are accepted, not keys or requests)');
  s = s.replace(/\s+/g, '');
  if (!s) throw new Error('is empty');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s))
    throw new Error('is not base64 (only the certificate’s “hash line” is expected)');
  try {
    new X509Certificate(Buffer.from(s, 'base64'));
  } catch {
    throw new Error('is not a valid X.509 certificate');
  }
  return s;
}

export const toPem = (base64: string) =>
  `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

const colonHex = (buf: Buffer) => buf.toString('hex').toUpperCase().match(/.{2}/g)!.join(':');

export function fingerprintOf(base64: string, alg: FingerprintAlgorithm): string {
  const name = { SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' }[alg];
  return colonHex(createHash(name).update(Buffer.from(base64, 'base64')).digest());
}

/** Fingerprints are typed as hex with or without colons/spaces, in either case. */
export function normalizeFingerprint(input: string, alg: FingerprintAlgorithm): string {
  const hex = input.replace(/[\s:-]/g, '').toUpperCase();
  const len = { SHA1: 40, SHA256: 64, SHA384: 96, SHA512: 128 }[alg];
  if (!/^[0-9A-F]+$/.test(hex)) throw new Error('is not hexadecimal');
  if (hex.length !== len) throw new Error(`has ${hex.length / 2} bytes; a ${alg} fingerprint has ${len / 2}`);
  return hex.match(/.{2}/g)!.join(':');
}

const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

export function certificateInfo(base64: string, now: Date): CertificateInfo {
  const der = Buffer.from(base64, 'base64');
  const c = new X509Certificate(der);
  const notBefore = new Date(c.validFrom);
  const notAfter = new Date(c.validTo);
  const days = Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000);
  let status: CertificateInfo['status'] = 'valid';
  let warning: string | null = null;
  const problem = validityProblem(notBefore, notAfter, now);
  if (notAfter <= now) {
    status = 'expired';
    warning = `${problem}: not usable — a response signed with it is refused. Use the IdP’s current certificate.`;
  } else if (notBefore > now) {
    status = 'not-yet-valid';
    warning = `${problem}: not usable until then — a response signed with it is refused.`;
  } else if (days < EXPIRY_WARNING_DAYS) {
    status = 'expiring';
    warning =
      `Expires in ${days} day${days === 1 ? '' : 's'} (${notAfter.toISOString().slice(0, 10)}): import the ` +
      `IdP’s next signing certificate before then.`;
  }
  return {
    base64,
    subject: oneLine(c.subject),
    issuer: oneLine(c.issuer),
    sha1: colonHex(createHash('sha1').update(der).digest()),
    sha256: colonHex(createHash('sha256').update(der).digest()),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    status,
    usable: problem === null,
    warning,
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function validityProblem(notBefore: Date, notAfter: Date, now: Date): string | null {
  if (notAfter <= now) return `Expired on ${day(notAfter)}`;
  if (notBefore > now) return `Not valid before ${day(notBefore)}`;
  return null;
}

/**
 * Why the certificate cannot be trusted at `now` ("Expired on 2021-01-01", "Not valid
 * before 2120-01-01"), or null when it is within its validity. An expired or not yet
 * valid certificate is never trusted, whatever else is right about it.
 */
export function unusableReason(base64: string, now: Date): string | null {
  const c = new X509Certificate(Buffer.from(base64, 'base64'));
  return validityProblem(new Date(c.validFrom), new Date(c.validTo), now);
}

/** The subject of a certificate on one line (for messages). */
export const subjectOf = (base64: string): string =>
  oneLine(new X509Certificate(Buffer.from(base64, 'base64')).subject);
