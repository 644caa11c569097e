import { z } from 'zod';
import { method } from '../define';
import { canRead, canWrite } from '../permissions';
import type { FieldProblem } from './systemParameters';

/**
 * The installation's own parameters (the manual keeps them per node): Secure communications
 * certificate, Cloud services authentication data and Web server settings. Read with System read;
 * changed only by a host administrator (they apply to the whole installation, every tenant). The
 * rules are pure functions so main (which refuses) and the pages say the same thing.
 */

const Meta = {
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Whether the caller may change it (a host administrator with System write). */
  mayChange: z.boolean(),
};
const Version = z.number().int().min(0);

// ---------------------------------------------------------------- Secure communications certificate

/** The certificate's validity: 5 years from the day it was generated (the manual). */
export const CERTIFICATE_YEARS = 5;
/** Below this many days left the page warns. */
export const CERTIFICATE_WARN_DAYS = 90;

export const SecureCertificate = z.object({
  commonName: z.string(),
  /** ISO dates (notBefore / notAfter). */
  validFrom: z.string(),
  validTo: z.string(),
  /** SHA-256 of the DER certificate, upper-case hex pairs separated by ':'. */
  sha256: z.string(),
});
export type SecureCertificate = z.infer<typeof SecureCertificate>;

export const SecureCertificateDoc = z.object({
  /** null only until a host administrator first opens the page (it is generated then). */
  certificate: SecureCertificate.nullable(),
  /** This computer's name (os.hostname()): the Common Name a new certificate gets. */
  hostname: z.string(),
  /** Whether this computer's keychain holds the certificate's private key. */
  keyOnThisComputer: z.boolean(),
  ...Meta,
});
export type SecureCertificateDoc = z.infer<typeof SecureCertificateDoc>;

/** Whole days from `now` to the end of validity (negative once expired). */
export function certificateDaysLeft(validTo: string, now = Date.now()): number {
  return Math.floor((Date.parse(validTo) - now) / 86_400_000);
}

/** The Common Name the certificate of a computer gets: its name, at most 64 characters (X.520). */
export const commonNameFor = (hostname: string) => hostname.slice(0, 64);

/** Whether the computer name changed since the certificate was generated (then: regenerate). */
export const certificateNameChanged = (c: SecureCertificate, hostname: string) =>
  c.commonName.toLowerCase() !== commonNameFor(hostname).toLowerCase();

// ---------------------------------------------------------------- Cloud services authentication data

export const CLIENT_ID_MAX = 150;
export const CLIENT_SECRET_MAX = 512;

export const CloudAuthDoc = z.object({
  /** The Client ID the credentials were saved with; null: none saved. */
  clientId: z.string().nullable(),
  /** Whether this computer's keychain holds the Client secret (never the secret itself). */
  secretSet: z.boolean(),
  ...Meta,
});
export type CloudAuthDoc = z.infer<typeof CloudAuthDoc>;

export const CloudAuthDraft = z.object({
  clientId: z.string().max(4000, 'Client ID: at most 4,000 characters'),
  clientSecret: z.string().max(4000, 'Client secret: at most 4,000 characters'),
});
export type CloudAuthDraft = z.infer<typeof CloudAuthDraft>;

// Control, format, surrogate, private-use and unassigned code points (as the keychain's key rule).
const UNPRINTABLE = /\p{C}/u;

/** Both fields together, trimmed, within their limits, printable. */
export function cloudAuthProblems(d: CloudAuthDraft): FieldProblem[] {
  const p: FieldProblem[] = [];
  const check = (field: keyof CloudAuthDraft, label: string, max: number, other: string) => {
    const v = d[field].trim();
    const otherSet = d[other as keyof CloudAuthDraft].trim() !== '';
    if (!v)
      p.push({
        field,
        message: otherSet
          ? `${label} is mandatory with the ${field === 'clientId' ? 'Client secret' : 'Client ID'}: fill both fields.`
          : `${label} is mandatory: fill both Client ID and Client secret.`,
      });
    else if (v.length > max) p.push({ field, message: `${label} is at most ${max} characters.` });
    else if (UNPRINTABLE.test(v)) p.push({ field, message: `${label} cannot contain control characters.` });
  };
  check('clientId', 'Client ID', CLIENT_ID_MAX, 'clientSecret');
  check('clientSecret', 'Client secret', CLIENT_SECRET_MAX, 'clientId');
  return p;
}

// ---------------------------------------------------------------- Web server settings

export const WEB_URL_MAX = 2000;

export const WebServerDoc = z.object({
  /** The custom base URL; null: the default is used. */
  baseUrl: z.string().nullable(),
  /** https://<this computer's name>. */
  defaultUrl: z.string(),
  ...Meta,
});
export type WebServerDoc = z.infer<typeof WebServerDoc>;

/** The default when no base URL is saved (the manual: https://<servercomputername>). */
export const defaultBaseUrl = (hostname: string) => `https://${hostname.toLowerCase()}`;

/** The rules of Web server base URL, each with its own message naming the field. */
export function webServerProblems(text: string): FieldProblem[] {
  const field = 'baseUrl';
  const bad = (message: string) => [{ field, message: `Web server base URL ${message}` }];
  const v = text.trim();
  if (!v) return bad('is mandatory: enter it in this order: https://example.com/... (Forget reverts to the default).');
  if (v.length > WEB_URL_MAX) return bad(`is at most ${WEB_URL_MAX} characters.`);
  if (/[\s\p{C}]/u.test(v)) return bad('cannot contain spaces or control characters.');
  if (!/^https:\/\//i.test(v))
    return bad('must be an absolute https:// URL, entered in this order: https://example.com/...');
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return bad('is not a valid URL: enter it in this order: https://example.com/...');
  }
  if (!u.hostname) return bad('must name a server: https://example.com/...');
  if (u.username || u.password || v.slice(8).split(/[/?#]/)[0]!.includes('@'))
    return bad('cannot contain a user name or password (user@server).');
  if (v.includes('#')) return bad('cannot contain a fragment (#…).');
  if (v.includes('?')) return bad('cannot contain a query (?…): it is the base the paths are added to.');
  return [];
}

// ---------------------------------------------------------------- methods

export const nodeMethods = {
  getSecureCertificate: method({
    args: z.object({}),
    result: SecureCertificateDoc,
    permission: canRead('system'),
    summary: "The installation's secure communications certificate (public part only)",
  }),
  exportSecureCertificate: method({
    args: z.object({}),
    result: z.object({ fileName: z.string(), text: z.string() }),
    permission: canRead('system'),
    summary: 'Download: the secure communications certificate as a .pem file (public part only)',
  }),
  generateSecureCertificate: method({
    args: z.object({ expectedVersion: Version }),
    result: SecureCertificateDoc,
    permission: canWrite('system'),
    summary:
      'Generate the secure communications certificate (first time) or regenerate it for another 5 years ' +
      '(host administrator; refused when stale)',
  }),
  getCloudAuth: method({
    args: z.object({}),
    result: CloudAuthDoc,
    permission: canRead('system'),
    summary: 'Cloud services authentication data (the Client secret only as set / not set)',
  }),
  saveCloudAuth: method({
    args: z.object({ expectedVersion: Version, draft: CloudAuthDraft }),
    result: CloudAuthDoc,
    permission: canWrite('system'),
    summary: 'Save the Client ID and Client secret (secret to the keychain; host administrator; Forget first)',
  }),
  forgetCloudAuth: method({
    args: z.object({ expectedVersion: Version }),
    result: CloudAuthDoc,
    permission: canWrite('system'),
    summary: 'Forget the cloud services credentials (both; host administrator)',
  }),
  getWebServer: method({
    args: z.object({}),
    result: WebServerDoc,
    permission: canRead('system'),
    summary: 'Web server settings: the base URL and its default',
  }),
  saveWebServer: method({
    args: z.object({
      expectedVersion: Version,
      baseUrl: z.string().max(4000, 'Web server base URL: at most 4,000 characters'),
    }),
    result: WebServerDoc,
    permission: canWrite('system'),
    summary: 'Save the web server base URL (host administrator; refused when stale)',
  }),
  forgetWebServer: method({
    args: z.object({ expectedVersion: Version }),
    result: WebServerDoc,
    permission: canWrite('system'),
    summary: 'Forget the web server base URL: back to https://<computer name> (host administrator)',
  }),
};
