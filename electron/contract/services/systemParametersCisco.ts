import { z } from 'zod';
import { method } from '../define';
import { canRead, canWrite } from '../permissions';
import type { FieldProblem } from './systemParameters';

/**
 * Cisco IP Telephony System Parameters, CuCM CTI Configuration and Enable AXL access to Cisco UCM
 * (per tenant: the PBX is the tenant's telephony system). The rules are pure functions so main
 * (which refuses) and the page say the same thing.
 */

/** The Application User's roles (Access Control Group "Imagicle Applications") and what each is for. */
export const AXL_ROLES = [
  {
    id: 'axlApi',
    name: 'Standard AXL API Access',
    purpose: 'Access to the AXL API, for getting the list of users and devices using the AXL protocol.',
  },
  {
    id: 'ccmAdminUsers',
    name: 'Standard CCM Admin Users',
    purpose: 'Needed to log in to Cisco Unified Communications Manager Administration (for AXL API access).',
  },
  {
    id: 'ctiCallMonitoring',
    name: 'Standard CTI Allow Call Monitoring',
    purpose:
      'Monitor the status of the CUCM device using CTI (attendant console, ACD, phone lock, ' +
      'recording, and information shared among the applications).',
  },
  {
    id: 'ctiCallParkMonitoring',
    name: 'Standard CTI Allow Call Park Monitoring',
    purpose:
      'Monitor the status of the CUCM park resources (shown in the attendant console). ' +
      'Configure no more than 500 park ports on CUCM, to avoid CTI service overload.',
  },
  {
    id: 'ctiCallRecording',
    name: 'Standard CTI Allow Call Recording',
    purpose: 'Lets the call recording application record calls.',
  },
  {
    id: 'ctiEnabled',
    name: 'Standard CTI Enabled',
    purpose: 'CTI application control, needed by the attendant console, recorder, ACD and phone lock.',
  },
  {
    id: 'ctiConnectedXfer',
    name: 'Standard CTI Allow Control of Phones supporting Connected Xfer and conf',
    purpose: 'As Standard CTI Enabled, for devices that support connected transfer and conferencing.',
  },
  {
    id: 'ctiRollover',
    name: 'Standard CTI Allow Control of Phones supporting Rollover Mode',
    purpose: 'As Standard CTI Enabled, for devices that support rollover mode.',
  },
  {
    id: 'serviceabilityReadOnly',
    name: 'Standard SERVICEABILITY Read Only',
    purpose:
      'View the SOAP Serviceability AXL APIs, the SOAP Call Record APIs and the SOAP Diagnostic Portal ' +
      '(Analysis Manager) Database Service: information about phones and devices in real time.',
  },
] as const;
export const AXL_ROLE_IDS = AXL_ROLES.map((r) => r.id) as unknown as readonly [
  (typeof AXL_ROLES)[number]['id'],
  ...(typeof AXL_ROLES)[number]['id'][],
];
export const AxlRole = z.enum(AXL_ROLE_IDS);
export type AxlRole = z.infer<typeof AxlRole>;

/** A server certificate the administrator looked at (download the server's TLS certificate). */
export const CiscoCertificate = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** SHA-256 of the DER certificate, upper-case hex pairs separated by ':'. */
  sha256: z.string(),
});
export type CiscoCertificate = z.infer<typeof CiscoCertificate>;

export const SHA256_FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

export const CiscoTelephony = z.object({
  systemName: z.string().max(100),
  pbxAddress: z.string().max(255),
  failoverAddress: z.string().max(255),
  voicemailNumber: z.string().max(40),
  mwiAddress: z.string().max(40),
  /** CallManager Username: the CUCM Application User for AXL (typically ImagicleCTI). */
  axlUsername: z.string().max(100),
  /** The AXL service's HTTPS port on the PBX address (CUCM: 8443). */
  axlPort: z.number().int().nullable(),
  /** The AXL schema version the requests name ("CUCM:DB ver=12.5"). */
  axlVersion: z.string().max(10),
  /** Roles the administrator has assigned to the Application User's access control group. */
  roles: z.array(AxlRole).max(AXL_ROLES.length),
  /** The certificate the administrator trusted: later Tests accept only this one for host:port. */
  trusted: z
    .object({
      host: z.string().max(255),
      port: z.number().int(),
      sha256: z.string().max(95),
      subject: z.string().max(500),
    })
    .nullable(),
});
export type CiscoTelephony = z.infer<typeof CiscoTelephony>;

export const DEFAULT_CISCO: CiscoTelephony = Object.freeze({
  systemName: '',
  pbxAddress: '',
  failoverAddress: '',
  voicemailNumber: '',
  mwiAddress: '',
  axlUsername: '',
  axlPort: 8443,
  axlVersion: '12.5',
  roles: [],
  trusted: null,
}) as CiscoTelephony;

/** What the page sends: the settings and the CallManager Password (null = keep the stored one). */
export const CiscoDraft = CiscoTelephony.extend({ password: z.string().max(200).nullable() });
export type CiscoDraft = z.infer<typeof CiscoDraft>;

const HOST =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]+\]?$/;
export const isHostName = (v: string) => IPV4.test(v) || HOST.test(v) || (v.includes(':') && IPV6.test(v));

/** The manual's rules, each with its own message naming the field. `passwordKept`: a stored one applies. */
export function ciscoProblems(d: CiscoDraft, passwordKept: boolean): FieldProblem[] {
  const p: FieldProblem[] = [];
  const add = (field: string, message: string) => p.push({ field, message });
  if (!d.systemName.trim()) add('systemName', 'System name is mandatory (any label that identifies the system).');
  const pbx = d.pbxAddress.trim();
  if (!pbx) add('pbxAddress', 'PBX address is mandatory: the IP or DNS name of the Cisco UCM Publisher node.');
  else if (!isHostName(pbx))
    add('pbxAddress', 'PBX address must be an IP address or DNS name only (no scheme, path or port).');
  const fo = d.failoverAddress.trim();
  if (fo && !isHostName(fo))
    add('failoverAddress', 'PBX authentication failover address must be an IP address or DNS name only.');
  else if (fo && fo.toLowerCase() === pbx.toLowerCase())
    add('failoverAddress', 'PBX authentication failover address must be another Cisco UCM node than the PBX address.');
  if (d.voicemailNumber && !/^[0-9*#+]{1,40}$/.test(d.voicemailNumber))
    add('voicemailNumber', 'Voicemail number is the voicemail pilot number: digits, *, # and + only.');
  if (d.mwiAddress && !/^[0-9*#]{1,40}$/.test(d.mwiAddress))
    add('mwiAddress', 'MWI address is the prefix of the MWI pattern on Cisco UCM: digits, * and # only.');
  if (d.axlPort === null || d.axlPort < 1 || d.axlPort > 65535)
    add('axlPort', 'AXL port must be a port number from 1 to 65535 (Cisco UCM: 8443).');
  if (!/^\d{1,2}\.\d$/.test(d.axlVersion))
    add('axlVersion', 'AXL version must be the Cisco UCM schema version, such as 12.5 or 14.0.');
  if (d.axlUsername && !/^[^\s:]+$/.test(d.axlUsername))
    add('axlUsername', 'CallManager Username cannot contain spaces or ":".');
  if (d.axlUsername && !d.password && !passwordKept)
    add('password', 'CallManager Password is mandatory with a CallManager Username.');
  if (new Set(d.roles).size !== d.roles.length) add('roles', 'Each role can be listed once.');
  return p;
}

export const CiscoDoc = z.object({
  tenantId: z.number().int(),
  settings: CiscoTelephony,
  passwordSet: z.boolean(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type CiscoDoc = z.infer<typeof CiscoDoc>;

export const AXL_TEST_STAGES = ['ok', 'address', 'network', 'tls', 'pin', 'auth', 'fault', 'http'] as const;
export const AxlTestResult = z.object({
  ok: z.boolean(),
  stage: z.enum(AXL_TEST_STAGES),
  message: z.string(),
  /** getCCMVersion's componentVersion.version when it answered. */
  version: z.string().nullable(),
});
export type AxlTestResult = z.infer<typeof AxlTestResult>;

const TenantArg = { tenantId: z.number().int().positive().optional() };

export const ciscoMethods = {
  getCiscoTelephony: method({
    args: z.object(TenantArg),
    result: CiscoDoc,
    permission: canRead('system'),
    summary: "The tenant's Cisco IP Telephony / AXL settings (the password only as set or not set)",
  }),
  saveCiscoTelephony: method({
    args: z.object({ ...TenantArg, expectedVersion: z.number().int().min(0), draft: CiscoDraft }),
    result: CiscoDoc,
    permission: canWrite('system'),
    summary: "Save the tenant's Cisco IP Telephony / AXL settings (password to the keychain; refused when stale)",
  }),
  testCiscoAxl: method({
    args: z.object({ ...TenantArg, draft: CiscoDraft }),
    result: AxlTestResult,
    permission: canWrite('system'),
    summary: 'Test: AXL getCCMVersion against the PBX address with these settings',
  }),
  fetchCiscoCertificate: method({
    args: z.object({ ...TenantArg, host: z.string().max(255), port: z.number().int().min(1).max(65535) }),
    result: CiscoCertificate,
    permission: canWrite('system'),
    summary: "Download the server's TLS certificate (subject, issuer, validity, SHA-256) to decide whether to trust it",
  }),
};
