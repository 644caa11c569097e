import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';
import { ciscoMethods } from './systemParametersCisco';
import { miscMethods } from './systemParametersMisc';
import { nodeMethods } from './systemParametersNode';
import { setupConfigMethods } from './systemParametersSetup';

export * from './systemParametersCisco';
export * from './systemParametersMisc';
export * from './systemParametersNode';
export * from './systemParametersSetup';

/**
 * System › System parameters (the System Parameters manual and the MiCC Enterprise manual's
 * USING CUSTOMER AUTHENTICATION). One page per setting, each stored as one versioned row:
 * - Proxy settings: installation-wide (the console's own outbound connections, whatever the
 *   tenant): read with System read, changed and tested only by a host administrator. Passwords
 *   in the OS keychain, bound to the proxy's address, port and username.
 * - Numbering Plan, Users Authentication Settings, Customer Authentication: per tenant (a
 *   tenant's extensions, its users' sessions, its service accesses): System write in the tenant;
 *   another tenant only for a host administrator.
 * The rules are pure functions here, so main (which refuses) and the pages (which show the
 * problem beside the field as the user types) say the same thing.
 */

export interface FieldProblem {
  /** The field's path in the page's draft, e.g. "http.port", "internalPatterns.2". */
  field: string;
  message: string;
}

// ---------------------------------------------------------------- Proxy settings

export const SOCKS_VERSIONS = ['v4', 'v5'] as const;
/** Local addresses reached directly unless removed (Windows' <local> = a name without a dot). */
export const DEFAULT_PROXY_BYPASS = ['<local>', 'localhost', '127.0.0.0/8', '::1'];

const Text = (max: number) => z.string().max(max, `at most ${max} characters`);

export const ProxyEndpointDraft = z.object({
  address: Text(255),
  /** null: not entered. */
  port: z.number().int().nullable(),
  username: Text(128),
  /** null: keep the stored password; '' none; text: the new one (never sent back). */
  password: Text(128).nullable(),
});
export type ProxyEndpointDraft = z.infer<typeof ProxyEndpointDraft>;

export const ProxyDraft = z.object({
  http: ProxyEndpointDraft,
  socks: ProxyEndpointDraft.extend({ version: z.enum(SOCKS_VERSIONS) }),
  bypass: z.array(Text(255)).max(100, 'at most 100 bypass entries'),
});
export type ProxyDraft = z.infer<typeof ProxyDraft>;

const ProxyEndpointDoc = z.object({
  address: z.string(),
  port: z.number().int().nullable(),
  username: z.string(),
  passwordSet: z.boolean(),
});
export const ProxyDoc = z.object({
  http: ProxyEndpointDoc,
  socks: ProxyEndpointDoc.extend({ version: z.enum(SOCKS_VERSIONS) }),
  bypass: z.array(z.string()),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Whether the caller may change and test it (a host administrator). */
  mayChange: z.boolean(),
});
export type ProxyDoc = z.infer<typeof ProxyDoc>;

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

/** Whether a proxy section is in use: anything entered in it. */
export const proxyInUse = (e: ProxyEndpointDraft) =>
  e.address.trim() !== '' || e.port !== null || e.username !== '' || (e.password ?? '') !== '';

/** The proxy's host as the console connects to it: a host name or IP, from a bare name or an http:// URL. */
export function proxyHost(address: string): string {
  return address
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '')
    .replace(/^\[|\]$/g, '');
}

/** A bypass entry: <local>, a host name, *.domain or .domain, an IP address or an IPv4 network (a.b.c.d/n). */
export function bypassProblem(entry: string): string | null {
  const e = entry.trim();
  if (e === '') return 'a bypass entry cannot be empty';
  if (e.toLowerCase() === '<local>') return null;
  const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(e);
  if (cidr) {
    if (!IPV4.test(cidr[1]!) || Number(cidr[2]) > 32)
      return `${e}: a network is an IPv4 address and 0–32, e.g. 10.0.0.0/8`;
    return null;
  }
  const name = e.replace(/^\*\./, '').replace(/^\./, '');
  if (IPV4.test(name) || HOST_NAME.test(name) || (name.includes(':') && IPV6.test(name))) return null;
  return `${e}: not a host name, *.domain, IP address or network`;
}

/**
 * The Proxy page's rules (System Parameters › Proxy settings), for each of HTTP/HTTPS and SOCKS:
 * Address mandatory; Port mandatory when an address is entered (1–65535); Username and Password
 * cannot include "@"; Password mandatory when a username is entered. `storedPassword` tells
 * whether a password is kept for the same address, port and username (a null draft password).
 */
export function proxyProblems(
  d: ProxyDraft,
  storedPassword: { http: boolean; socks: boolean } = { http: false, socks: false },
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const section = (key: 'http' | 'socks', label: string) => {
    const e = d[key];
    if (!proxyInUse(e)) return;
    const host = proxyHost(e.address);
    if (host === '') out.push({ field: `${key}.address`, message: `${label} Address is mandatory` });
    else if (!(IPV4.test(host) || HOST_NAME.test(host) || (host.includes(':') && IPV6.test(host))))
      out.push({ field: `${key}.address`, message: `${label} Address: a host name or IP address, e.g. 10.0.0.2` });
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(e.address.trim()) && !/^(https?|socks[45]?):\/\//i.test(e.address.trim()))
      out.push({ field: `${key}.address`, message: `${label} Address: only http:// or socks:// URLs` });
    if (e.port === null) {
      if (host !== '')
        out.push({ field: `${key}.port`, message: `${label} Port is mandatory when an address is entered` });
    } else if (e.port < 1 || e.port > 65535)
      out.push({ field: `${key}.port`, message: `${label} Port is a TCP port, 1–65535` });
    if (e.username.includes('@'))
      out.push({ field: `${key}.username`, message: `${label} Username can't include the "@" character` });
    if (e.password !== null && e.password.includes('@'))
      out.push({ field: `${key}.password`, message: `${label} Password can't include the "@" character` });
    const hasPassword = e.password === null ? storedPassword[key] : e.password !== '';
    if (e.username !== '' && !hasPassword)
      out.push({ field: `${key}.password`, message: `${label} Password is mandatory when a username is entered` });
  };
  section('http', 'HTTP/HTTPS');
  section('socks', 'SOCKS');
  const seen = new Set<string>();
  d.bypass.forEach((b, i) => {
    const p = bypassProblem(b);
    if (p) out.push({ field: `bypass.${i}`, message: p });
    const k = b.trim().toLowerCase();
    if (!p && seen.has(k)) out.push({ field: `bypass.${i}`, message: `${b.trim()} is listed twice` });
    seen.add(k);
  });
  return out;
}

export const ProxyTestResult = z.object({
  ok: z.boolean(),
  url: z.string(),
  /** How the request went: directly (bypass list or no proxy), or through which proxy. */
  route: z.enum(['direct', 'http', 'socks']),
  status: z.number().int().nullable(),
  /** What failed: the proxy (unreachable, credentials), the target, or TLS with the target. */
  failed: z.enum(['proxy', 'credentials', 'target', 'tls']).nullable(),
  message: z.string(),
  elapsedMs: z.number(),
});
export type ProxyTestResult = z.infer<typeof ProxyTestResult>;

// ---------------------------------------------------------------- Numbering Plan

export const NumberingPlan = z.object({
  useDefaults: z.boolean(),
  /** Checked top-down; the first that matches decides. */
  internalPatterns: z.array(Text(50)).max(50, 'at most 50 patterns'),
  e164: z.boolean(),
  localCountryCode: Text(8),
  internationalPrefix: Text(8),
  incomingPrefix: Text(10),
  eccIncomingIncludesPrefix: z.boolean(),
  outgoingPrefix: Text(10),
  outgoingSuffix: Text(5),
  tapiIncludesPrefix: z.boolean(),
  eccOutgoingIncludesPrefix: z.boolean(),
});
export type NumberingPlan = z.infer<typeof NumberingPlan>;

export const DEFAULT_NUMBERING_PLAN: NumberingPlan = Object.freeze({
  useDefaults: true,
  internalPatterns: ['XXXX'],
  e164: false,
  localCountryCode: '',
  internationalPrefix: '00',
  incomingPrefix: '',
  eccIncomingIncludesPrefix: false,
  outgoingPrefix: '',
  outgoingSuffix: '',
  tapiIncludesPrefix: false,
  eccOutgoingIncludesPrefix: false,
}) as NumberingPlan;

/**
 * An Internal Phone Number Pattern: digits, * and # match themselves; X any one digit;
 * [1-5] or [135] one digit of the set; a final ! one or more digits. E.g. 2XXX, [1-5]XXX, 9!.
 */
export function patternProblem(pattern: string): string | null {
  const p = pattern.trim();
  if (p === '') return 'a pattern cannot be empty';
  const body = p.endsWith('!') ? p.slice(0, -1) : p;
  if (body.includes('!')) return `${p}: ! (one or more digits) only at the end`;
  if (!/^(?:[0-9*#Xx+]|\[(?:\d(?:-\d)?)+\])*$/.test(body))
    return `${p}: use digits, * #, X (any digit), [1-5] or [135] (one of), and a final ! (more digits)`;
  for (const m of body.matchAll(/\[([^\]]*)\]/g))
    for (const r of m[1]!.matchAll(/(\d)-(\d)/g)) if (r[1]! > r[2]!) return `${p}: the range ${r[0]} goes downwards`;
  if (body === '' && !p.endsWith('!')) return 'a pattern cannot be empty';
  return null;
}

export function patternRegex(pattern: string): RegExp {
  const p = pattern.trim();
  const bang = p.endsWith('!');
  const body = (bang ? p.slice(0, -1) : p).replace(/\[[^\]]*\]|./g, (t) =>
    t.startsWith('[') ? t : t === 'X' || t === 'x' ? '\\d' : t.replace(/[*+#]/g, (c) => `\\${c}`),
  );
  return new RegExp(`^${body}${bang ? '\\d+' : ''}$`);
}

/** The first internal pattern (top-down) that matches the number, or null. */
export function matchInternal(plan: NumberingPlan, number: string): number | null {
  const n = number.trim();
  for (let i = 0; i < plan.internalPatterns.length; i++) {
    const p = plan.internalPatterns[i]!;
    if (!patternProblem(p) && patternRegex(p).test(n)) return i;
  }
  return null;
}

const DIAL = /^[0-9*#]*$/;

/** The Numbering Plan page's rules. */
export function numberingProblems(plan: NumberingPlan): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  plan.internalPatterns.forEach((p, i) => {
    const problem = patternProblem(p);
    if (problem) out.push({ field: `internalPatterns.${i}`, message: problem });
    else if (seen.has(p.trim().toUpperCase()))
      out.push({ field: `internalPatterns.${i}`, message: `${p.trim()} is listed twice` });
    seen.add(p.trim().toUpperCase());
  });
  const lcc = plan.localCountryCode.trim();
  if (lcc && !/^\+?\d{1,4}$/.test(lcc))
    out.push({
      field: 'localCountryCode',
      message: /[,;\s]/.test(lcc)
        ? 'Local Country Code: you can specify only one prefix'
        : 'Local Country Code: + and 1–4 digits, e.g. +44',
    });
  const intl = plan.internationalPrefix.trim();
  if (intl && !/^\+?\d{1,4}$/.test(intl))
    out.push({ field: 'internationalPrefix', message: 'International Dialling Prefix: 1–4 digits, e.g. 00 (or +1)' });
  if (!DIAL.test(plan.incomingPrefix.trim()))
    out.push({ field: 'incomingPrefix', message: 'Prefix for incoming calls: digits, * and # only' });
  if (!DIAL.test(plan.outgoingPrefix.trim()))
    out.push({ field: 'outgoingPrefix', message: 'Prefix for outgoing calls: digits, * and # only' });
  if (!DIAL.test(plan.outgoingSuffix.trim()))
    out.push({ field: 'outgoingSuffix', message: 'Suffix for outgoing calls: digits, * and # only, e.g. #' });
  return out;
}

export const NormalizeResult = z.object({
  input: z.string(),
  result: z.string(),
  internal: z.boolean(),
  /** Index of the internal pattern that matched (top-down), or null. */
  pattern: z.number().int().nullable(),
  steps: z.array(z.string()),
});
export type NormalizeResult = z.infer<typeof NormalizeResult>;

/**
 * How the plan treats a number.
 * - incoming (a caller's number, looked up in the directories): the incoming prefix is
 *   stripped first, then the Local Country Code (also written with the international prefix
 *   instead of +, e.g. 0044 for +44).
 * - outgoing (a number dialled): an internal number is dialled as it is; an external one gets
 *   + replaced by the International Dialling Prefix unless the PBX supports E.164, then the
 *   outgoing prefix in front and the suffix after.
 */
export function normalizeNumber(
  plan: NumberingPlan,
  input: string,
  direction: 'incoming' | 'outgoing',
): NormalizeResult {
  const steps: string[] = [];
  let n = input.replace(/[\s().-]/g, '');
  if (n !== input) steps.push(`Separators removed: ${n}`);
  const intl = plan.internationalPrefix.trim();
  if (direction === 'incoming') {
    const inPrefix = plan.incomingPrefix.trim();
    if (inPrefix && n.startsWith(inPrefix)) {
      n = n.slice(inPrefix.length);
      steps.push(`Incoming prefix ${inPrefix} stripped: ${n}`);
    }
    const lcc = plan.localCountryCode.trim();
    if (lcc) {
      const digits = lcc.replace(/^\+/, '');
      const forms = [lcc.startsWith('+') ? lcc : `+${lcc}`, ...(intl && !intl.startsWith('+') ? [intl + digits] : [])];
      const form = forms.find((f) => n.startsWith(f));
      if (form) {
        n = n.slice(form.length);
        steps.push(`Local Country Code ${form} stripped: ${n}`);
      }
    }
    const pattern = matchInternal(plan, n);
    if (pattern !== null) steps.push(`Internal: matches pattern ${pattern + 1} (${plan.internalPatterns[pattern]})`);
    return { input, result: n, internal: pattern !== null, pattern, steps };
  }
  const pattern = matchInternal(plan, n);
  if (pattern !== null) {
    steps.push(`Internal: matches pattern ${pattern + 1} (${plan.internalPatterns[pattern]}); dialled as it is`);
    return { input, result: n, internal: true, pattern, steps };
  }
  steps.push('External: no internal pattern matches');
  if (n.startsWith('+')) {
    if (plan.e164) steps.push('The PBX supports E.164 dialling: + kept');
    else if (intl) {
      n = intl + n.slice(1);
      steps.push(`+ replaced by the International Dialling Prefix ${intl}: ${n}`);
    }
  }
  const outPrefix = plan.outgoingPrefix.trim();
  if (outPrefix) {
    n = outPrefix + n;
    steps.push(`Outgoing prefix ${outPrefix} added: ${n}`);
  }
  const suffix = plan.outgoingSuffix.trim();
  if (suffix) {
    n += suffix;
    steps.push(`Suffix ${suffix} added: ${n}`);
  }
  return { input, result: n, internal: false, pattern: null, steps };
}

// ---------------------------------------------------------------- Users Authentication Settings

/** The authentication authorities, in the orders the manual lists (Local is always last). */
export const AUTHORITY_ORDERS = [
  'sso-ldap-local',
  'sso-cucm-local',
  'sso-local',
  'sso-ldap-cucm-local',
  'sso-cucm-ldap-local',
] as const;
export const AuthorityOrder = z.enum(AUTHORITY_ORDERS);
export type AuthorityOrder = z.infer<typeof AuthorityOrder>;
export const AUTHORITY_ORDER_LABELS: Record<AuthorityOrder, string> = {
  'sso-ldap-local': 'SSO > AD/LDAP > Local',
  'sso-cucm-local': 'SSO > Cisco UCM > Local',
  'sso-local': 'SSO > Local',
  'sso-ldap-cucm-local': 'SSO > AD/LDAP > Cisco UCM > Local',
  'sso-cucm-ldap-local': 'SSO > Cisco UCM > AD/LDAP > Local',
};

export const MAX_INACTIVITY_DAYS = 30;
export const UserAuthSettings = z.object({
  authorityOrder: AuthorityOrder,
  rememberLoggedInUser: z.boolean(),
  /** The console signs a user out after this many days without a call. */
  inactivityDays: z.number().int(),
});
export type UserAuthSettings = z.infer<typeof UserAuthSettings>;
export const DEFAULT_USER_AUTH: UserAuthSettings = Object.freeze({
  authorityOrder: 'sso-local',
  rememberLoggedInUser: true,
  inactivityDays: 8,
}) as UserAuthSettings;

export function userAuthProblems(s: UserAuthSettings): FieldProblem[] {
  if (s.inactivityDays < 1 || s.inactivityDays > MAX_INACTIVITY_DAYS)
    return [{ field: 'inactivityDays', message: `Inactivity timeout is 1–${MAX_INACTIVITY_DAYS} days` }];
  return [];
}

// ---------------------------------------------------------------- Customer Authentication

export const CustomerAuth = z.object({
  /** Must equal an existing service access's BVD number (checked in main). Empty: not configured. */
  numberToCall: Text(50),
  maxReserveSeconds: z.number().int(),
  sendDnFromAgent: z.boolean(),
});
export type CustomerAuth = z.infer<typeof CustomerAuth>;
export const DEFAULT_CUSTOMER_AUTH: CustomerAuth = Object.freeze({
  numberToCall: '',
  maxReserveSeconds: 120,
  sendDnFromAgent: true,
}) as CustomerAuth;

/** The rules that need no database (the BVD check is main's). */
export function customerAuthProblems(s: CustomerAuth): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (s.maxReserveSeconds <= 0 || s.maxReserveSeconds > 0x7fffffff)
    out.push({ field: 'maxReserveSeconds', message: 'Maximum Time to Reserve Agent is a number of seconds above 0' });
  if (s.numberToCall.trim() !== '' && !/^[0-9*#+]+$/.test(s.numberToCall.trim()))
    out.push({ field: 'numberToCall', message: 'Number to Call for Authentication: digits, * # and + only' });
  return out;
}

// ---------------------------------------------------------------- documents and the service

const Meta = {
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
};
const TenantArg = { tenantId: z.number().int().positive().optional() };

export const NumberingDoc = z.object({ tenantId: z.number().int(), settings: NumberingPlan, ...Meta });
export const UserAuthDoc = z.object({ tenantId: z.number().int(), settings: UserAuthSettings, ...Meta });
export const CustomerAuthDoc = z.object({
  tenantId: z.number().int(),
  settings: CustomerAuth,
  /** The tenant's service accesses, for the Number to Call list. */
  serviceAccesses: z.array(z.object({ name: z.string(), bvd: z.string() })),
  ...Meta,
});
export type NumberingDoc = z.infer<typeof NumberingDoc>;
export type UserAuthDoc = z.infer<typeof UserAuthDoc>;
export type CustomerAuthDoc = z.infer<typeof CustomerAuthDoc>;

const Version = z.number().int().min(0);

export const WsdlCheckResult = z.object({
  applied: z.boolean(),
  message: z.string(),
  line: z.number().int().nullable(),
});
export type WsdlCheckResult = z.infer<typeof WsdlCheckResult>;

export const systemParametersService = service({
  methods: {
    getProxy: method({
      args: z.object({}),
      result: ProxyDoc,
      permission: canRead('system'),
      summary: 'Proxy settings (installation-wide; passwords only as set / not set)',
    }),
    saveProxy: method({
      args: z.object({ expectedVersion: Version, draft: ProxyDraft }),
      result: ProxyDoc,
      permission: canWrite('system'),
      summary: 'Save the proxy settings (host administrator; refused when stale)',
    }),
    testProxy: method({
      args: z.object({ draft: ProxyDraft, url: z.string().max(2000) }),
      result: ProxyTestResult,
      permission: canWrite('system'),
      summary: 'Fetch a URL through the proxy settings as entered (host administrator)',
    }),
    getNumbering: method({
      args: z.object(TenantArg),
      result: NumberingDoc,
      permission: canRead('system'),
      summary: "The tenant's Numbering Plan",
    }),
    saveNumbering: method({
      args: z.object({ ...TenantArg, expectedVersion: Version, settings: NumberingPlan }),
      result: NumberingDoc,
      permission: canWrite('system'),
      summary: "Save the tenant's Numbering Plan (refused when stale)",
    }),
    normalize: method({
      args: z.object({
        ...TenantArg,
        number: z.string().max(60),
        direction: z.enum(['incoming', 'outgoing']),
        /** A plan being edited (preview before saving); absent: the saved one. */
        settings: NumberingPlan.optional(),
      }),
      result: NormalizeResult,
      permission: canRead('system'),
      summary: 'How the Numbering Plan treats a number',
    }),
    getUserAuth: method({
      args: z.object(TenantArg),
      result: UserAuthDoc,
      permission: canRead('system'),
      summary: "The tenant's Users Authentication Settings",
    }),
    saveUserAuth: method({
      args: z.object({ ...TenantArg, expectedVersion: Version, settings: UserAuthSettings }),
      result: UserAuthDoc,
      permission: canWrite('system'),
      summary: "Save the tenant's Users Authentication Settings (refused when stale)",
    }),
    getCustomerAuth: method({
      args: z.object(TenantArg),
      result: CustomerAuthDoc,
      permission: canRead('system'),
      summary: "The tenant's Customer Authentication parameters",
    }),
    saveCustomerAuth: method({
      args: z.object({ ...TenantArg, expectedVersion: Version, settings: CustomerAuth }),
      result: CustomerAuthDoc,
      permission: canWrite('system'),
      summary: "Save the tenant's Customer Authentication parameters (refused when stale)",
    }),
    exportCustomerAuthReg: method({
      args: z.object(TenantArg),
      result: z.object({ fileName: z.string(), text: z.string() }),
      permission: canRead('system'),
      summary: 'The Customer Authentication parameters as a Windows .reg file',
    }),
    checkWsdlSuppression: method({
      args: z.object({ text: z.string().max(1_000_000, 'at most 1,000,000 characters') }),
      result: WsdlCheckResult,
      permission: canRead('system'),
      summary: 'Whether a web.config / machine.config suppresses the WSDL (WSDL SUPPRESSION, IIS)',
    }),
    ...miscMethods,
    ...ciscoMethods,
    ...setupConfigMethods,
    ...nodeMethods,
  },
  events: {},
});
