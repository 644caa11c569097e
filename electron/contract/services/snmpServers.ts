import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS } from './alarms';

/**
 * Alarms › Servers: the MiCC Enterprise servers whose Windows SNMP service sends the traps.
 * Per server: how the console queries its SNMP agent (seed 001, CHECK WINDOWS SNMP AGENT WITH
 * SNMP QUERY TOOLS) and the SNMP service configuration a technician applies on it (AGENT
 * CONFIGURATION: Agent, Traps and Security tabs; WINDOWS EVENT CONFIGURATION; the
 * BaseEnterpriseOID of MICC ENTERPRISE EVENT MIB), generated as a .reg file and an evntcmd
 * configuration file. Community and SNMPv3 keys for queries live in the OS keychain only,
 * bound to the host and port they were entered for.
 */

/** Security tab › Accepted community names › Rights, as the SNMP Service shows them. */
export const SNMP_COMMUNITY_RIGHTS = ['NONE', 'NOTIFY', 'READ ONLY', 'READ WRITE', 'READ CREATE'] as const;
export const SnmpCommunityRights = z.enum(SNMP_COMMUNITY_RIGHTS);
export type SnmpCommunityRights = z.infer<typeof SnmpCommunityRights>;

/** MiCC Enterprise's BaseEnterpriseOID (seed 001: must be "1.3.6.1.4.1.193.132.5.1"). */
export const MICC_BASE_ENTERPRISE_OID = '1.3.6.1.4.1.193.132.5.1';

const NO_CONTROL = /^\P{Cc}*$/u;
/** A community is also a registry key name (TrapConfiguration\<community>): no \ or brackets. */
export const CommunityName = z
  .string()
  .trim()
  .min(1, 'a community name cannot be empty')
  .max(64, 'a community name is at most 64 characters')
  .regex(/^[\x20-\x7e]+$/, 'a community name is printable ASCII')
  .regex(/^[^\\[\]]+$/, 'a community name cannot contain \\ [ or ] (it is also a registry key name)');
export const SnmpHost = z
  .string()
  .trim()
  .min(1, 'Host is required')
  .max(255)
  .regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address');

export const SnmpEventRow = z.object({
  /** The event log: Application, System, Security or an application log's name. */
  log: z
    .string()
    .trim()
    .min(1, 'Event log is required')
    .max(100)
    .regex(/^[^"\r\n]+$/, 'an event log name without quotes'),
  source: z
    .string()
    .trim()
    .min(1, 'Event source is required')
    .max(256)
    .regex(/^[^"\r\n]+$/, 'an event source name without quotes'),
  /** The full 32-bit event ID as the message file defines it (severity bits included). */
  eventId: z.number().int().min(0, 'Event ID is 0–4294967295').max(0xffffffff, 'Event ID is 0–4294967295'),
  /** Traps only after the event occurred this many times… */
  count: z.number().int().min(1, 'Count is 1–1000').max(1000, 'Count is 1–1000'),
  /** …within this many seconds (0: no period). */
  period: z.number().int().min(0, 'Period is 0–86400 seconds').max(86400, 'Period is 0–86400 seconds'),
});
export type SnmpEventRow = z.infer<typeof SnmpEventRow>;

export const SnmpAgentConfig = z
  .object({
    /** Agent tab. */
    contact: z.string().max(255).regex(NO_CONTROL, 'Contact is one line'),
    location: z.string().max(255).regex(NO_CONTROL, 'Location is one line'),
    /** Services: Applications and End-to-end are always on (seed: "should always be enabled"). */
    physical: z.boolean(),
    datalink: z.boolean(),
    internet: z.boolean(),
    /** Traps tab: community name → trap destinations (this console first). */
    trapCommunities: z.array(z.object({ community: CommunityName, destinations: z.array(SnmpHost).max(20) })).max(20),
    /** Security tab. */
    sendAuthenticationTraps: z.boolean(),
    acceptedCommunities: z.array(z.object({ community: CommunityName, rights: SnmpCommunityRights })).max(50),
    acceptAnyHost: z.boolean(),
    permittedManagers: z.array(SnmpHost).max(50),
    /** HKLM\SOFTWARE\Microsoft\SNMP_EVENTS\EventLog\Parameters BaseEnterpriseOID. */
    baseEnterpriseOid: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+){1,40}$/, 'BaseEnterpriseOID: a numeric OID such as 1.3.6.1.4.1.193.132.5.1'),
    /** WINDOWS EVENT CONFIGURATION: the events to translate (evntcmd #pragma add). */
    events: z.array(SnmpEventRow).max(2000),
  })
  .superRefine((c, ctx) => {
    const dup = (rows: string[], path: string, what: string) => {
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        const k = r.toLowerCase();
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [path, i], message: `${what} ${r} is listed twice` });
        seen.add(k);
      });
    };
    // Registry key and value names ignore case.
    dup(
      c.trapCommunities.map((t) => t.community),
      'trapCommunities',
      'Community',
    );
    dup(
      c.acceptedCommunities.map((t) => t.community),
      'acceptedCommunities',
      'Community',
    );
    dup(c.permittedManagers, 'permittedManagers', 'Host');
    if (!c.acceptAnyHost && c.permittedManagers.length === 0) {
      // An empty PermittedManagers key is what "Accept SNMP packets from any host" is in the registry.
      ctx.addIssue({
        code: 'custom',
        path: ['permittedManagers'],
        message: 'Only accept SNMP packets from these hosts needs at least one host (an empty list accepts any host)',
      });
    }
    const events = new Set<string>();
    c.events.forEach((e, i) => {
      const k = `${e.log.toLowerCase()}|${e.source.toLowerCase()}|${e.eventId}`;
      if (events.has(k))
        ctx.addIssue({
          code: 'custom',
          path: ['events', i, 'eventId'],
          message: `Event ${e.eventId} of ${e.source} in ${e.log} is listed twice`,
        });
      events.add(k);
    });
  });
export type SnmpAgentConfig = z.infer<typeof SnmpAgentConfig>;

export const SNMP_QUERY_VERSIONS = ['v1', 'v2c', 'v3'] as const;

const SnmpServerFields = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  host: SnmpHost,
  port: z.number().int().min(1, 'Port is 1–65535').max(65535, 'Port is 1–65535'),
  snmpVersion: z.enum(SNMP_QUERY_VERSIONS),
  /** SNMPv3 user for queries (keys in the keychain). */
  v3User: z.string().trim().max(32),
  v3Level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']),
  v3AuthProtocol: z.enum(SNMP_AUTH_PROTOCOLS),
  v3PrivProtocol: z.enum(SNMP_PRIV_PROTOCOLS),
  timeoutMs: z.number().int().min(100, 'Timeout is 100–60000 ms').max(60000, 'Timeout is 100–60000 ms'),
  retries: z.number().int().min(0, 'Retries are 0–5').max(5, 'Retries are 0–5'),
  agent: SnmpAgentConfig,
});
export const SnmpServerInput = SnmpServerFields.superRefine((s, ctx) => {
  if (s.snmpVersion === 'v3' && s.v3User === '')
    ctx.addIssue({ code: 'custom', path: ['v3User'], message: 'SNMPv3 user is required for SNMPv3 queries' });
});
export type SnmpServerInput = z.infer<typeof SnmpServerInput>;
/** A new server's starting point: name and host still to be filled in. */
export const SnmpServerDraft = SnmpServerFields.extend({ name: z.string().max(100), host: z.string().max(255) });

export const SnmpServerRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  server: SnmpServerInput,
  /** Whether the keychain holds the query community / SNMPv3 keys for this server's host and port. */
  communitySet: z.boolean(),
  authKeySet: z.boolean(),
  privKeySet: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type SnmpServerRow = z.infer<typeof SnmpServerRow>;

export const SnmpServerWarning = z.object({ field: z.string(), message: z.string() });
export type SnmpServerWarning = z.infer<typeof SnmpServerWarning>;

export const SnmpQueryResult = z.object({
  oid: z.string(),
  /** Through the loaded MIBs, e.g. system.sysDescr.0. */
  name: z.string(),
  type: z.string(),
  value: z.string(),
  /** The value is the bytes in hex: they are not printable UTF-8 (never text that merely looks like hex). */
  hex: z.boolean(),
  exception: z.enum(['noSuchObject', 'noSuchInstance', 'endOfMibView']).nullable(),
});
export type SnmpQueryResult = z.infer<typeof SnmpQueryResult>;

const Secret = z.string().min(1).max(128);
const V3Key = z.string().min(8, 'SNMPv3 keys (passphrases) are at least 8 characters').max(128);
const Oid = z.string().trim().min(1, 'OID is required').max(300);

export const snmpServersService = service({
  methods: {
    list: method({
      args: z.object({}),
      result: z.array(SnmpServerRow),
      permission: canRead('alarms'),
      summary: 'Servers of the Alarms area (no secrets)',
    }),
    template: method({
      args: z.object({}),
      result: SnmpServerDraft,
      permission: canRead('alarms'),
      summary: 'A new server’s settings: this console as trap destination, MiCC’s BaseEnterpriseOID',
    }),
    save: method({
      args: z.object({
        id: z.number().int().nullable(),
        expectedVersion: z.number().int(),
        server: SnmpServerInput,
        /** Only when changed; '' is not allowed (clearSecrets clears). */
        community: Secret.optional(),
        authKey: V3Key.optional(),
        privKey: V3Key.optional(),
      }),
      result: SnmpServerRow,
      permission: canWrite('alarms'),
      summary: 'Create or change a server (refused when stale; secrets to the keychain for this host and port)',
    }),
    delete: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int() }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('alarms'),
      summary: 'Delete a server and its keychain entries',
    }),
    query: method({
      args: z.object({
        id: z.number().int(),
        operation: z.enum(['get', 'getNext', 'walk']),
        /** Numeric OIDs or MIB names (sysDescr.0, SNMPv2-MIB::sysContact.0, system). */
        oids: z.array(Oid).min(1, 'at least one OID').max(20, 'at most 20 OIDs at once'),
        maxRows: z.number().int().min(1, 'Walk 1–1000 objects').max(1000, 'Walk 1–1000 objects').optional(),
      }),
      result: z.object({
        target: z.string(),
        results: z.array(SnmpQueryResult),
        truncated: z.boolean(),
        elapsedMs: z.number(),
      }),
      // Write: the request carries the stored community/keys, and a refused one makes the agent send an authentication
      // trap.
      permission: canWrite('alarms'),
      summary: 'GET, GETNEXT or a bounded WALK against the server’s SNMP agent',
    }),
    check: method({
      args: z.object({ id: z.number().int() }),
      result: z.object({
        target: z.string(),
        sysDescr: z.string().nullable(),
        sysContact: z.string().nullable(),
        sysLocation: z.string().nullable(),
        sysUpTime: z.string().nullable(),
        results: z.array(SnmpQueryResult),
        elapsedMs: z.number(),
      }),
      permission: canWrite('alarms'),
      summary: 'Check this server: sysDescr, sysContact, sysLocation, sysUpTime',
    }),
    preview: method({
      args: z.object({ server: SnmpServerInput }),
      result: z.object({
        regFileName: z.string(),
        regText: z.string(),
        /** The .reg as saved: UTF-16LE with a byte-order mark (regedit's own format), base64. */
        regBase64: z.string(),
        cnfFileName: z.string(),
        cnfText: z.string(),
        warnings: z.array(SnmpServerWarning),
      }),
      permission: canRead('alarms'),
      summary: 'The .reg file and the evntcmd configuration file for these settings (nothing is saved)',
    }),
    parseEventFile: method({
      args: z.object({ text: z.string().max(2_000_000) }),
      result: z.object({ events: z.array(SnmpEventRow) }),
      permission: canRead('alarms'),
      summary: 'Read an evntcmd configuration file (such as Solidus_eCare_events.cnf) into event rows',
    }),
  },
  events: {},
});
