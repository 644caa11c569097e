import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/** SNMP trap listener, MIBs, event configuration and the alarm browser (issue 8). */
export const ALARM_SEVERITIES = ['Normal', 'Warning', 'Minor', 'Major', 'Critical', 'Cleared'] as const;
export const AlarmSeverity = z.enum(ALARM_SEVERITIES);
export type AlarmSeverity = z.infer<typeof AlarmSeverity>;

export const AlarmFilter = z.object({
  severities: z.array(AlarmSeverity).max(6).optional(),
  /** Substring of the source (host or address). */
  source: z.string().max(200).optional(),
  /** Words in name/message/notes; a word starting with "!" or "-" must NOT appear. */
  text: z.string().max(500).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  category: z.string().max(100).optional(),
  ack: z.enum(['all', 'acknowledged', 'unacknowledged']).optional(),
  includeCleared: z.boolean().optional(),
});
export type AlarmFilter = z.infer<typeof AlarmFilter>;

export const AlarmRow = z.object({
  id: z.number().int(),
  acknowledged: z.boolean(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  count: z.number().int(),
  severity: AlarmSeverity,
  firstSeen: z.string(),
  lastSeen: z.string(),
  source: z.string(),
  name: z.string(),
  category: z.string(),
  message: z.string(),
  trapOid: z.string(),
  notes: z.string(),
  cleared: z.boolean(),
  clearedBy: z.string().nullable(),
  clearedAt: z.string().nullable(),
  dedupeKey: z.string(),
  snmpVersion: z.string(),
  /** sysUpTime.0 of the last trap (v1: its time-stamp), in hundredths of a second. */
  uptime: z.number().nullable(),
  /** Varbinds past the cap (256) that were not stored. */
  leftOut: z.number().int(),
});
export type AlarmRow = z.infer<typeof AlarmRow>;

/**
 * value is exact (a Windows event text keeps its CR LF); hex = the bytes were not UTF-8 text and value holds them as
 * hex digits.
 */
export const AlarmVarbind = z.object({
  oid: z.string(),
  name: z.string(),
  type: z.string(),
  value: z.string(),
  hex: z.boolean(),
  description: z.string().nullable(),
});
export type AlarmVarbind = z.infer<typeof AlarmVarbind>;

export const AlarmDetail = z.object({
  alarm: AlarmRow,
  trapName: z.string(),
  trapDescription: z.string().nullable(),
  varbinds: z.array(AlarmVarbind),
  /** A Windows event (event-to-trap translator): its number, source and the severity of its ID's bits. */
  windowsEvent: z
    .object({
      base: z.string(),
      source: z.string(),
      eventId: z.number(),
      eventCode: z.number().int(),
      severity: z.enum(['Success', 'Informational', 'Warning', 'Error']).nullable(),
    })
    .nullable(),
  occurrences: z.array(z.object({ receivedAt: z.string(), message: z.string() })),
});
export type AlarmDetail = z.infer<typeof AlarmDetail>;

export const AlarmCounters = z.object({
  received: z.number(),
  decoded: z.number(),
  stored: z.number(),
  queued: z.number(),
  dropped: z.record(z.string(), z.number()),
  /** Traps per second, one sample per second, oldest first (up to 120). */
  rate: z.array(z.number()),
});
export type AlarmCounters = z.infer<typeof AlarmCounters>;

export const AlarmListenerStatus = z.object({
  state: z.enum(['disabled', 'starting', 'listening', 'error', 'no-database']),
  address: z.string(),
  port: z.number().int(),
  message: z.string().nullable(),
  recvBufferBytes: z.number().int(),
  demo: z.boolean(),
  counters: AlarmCounters,
});
export type AlarmListenerStatus = z.infer<typeof AlarmListenerStatus>;

const Pattern = z
  .string()
  .trim()
  .min(1, 'Trap OID is required')
  .max(300)
  .regex(
    /^([A-Za-z][\w-]*(::[A-Za-z][\w-]*)?|\d+|\*)(\.(\d+|\*))*$/,
    'Trap OID: an OID such as 1.3.6.1.4.1.193.132.5.1.0.1 or a MIB name; * stands for any sub-identifiers',
  );

export const AlarmEventConfigInput = z.object({
  oidPattern: Pattern,
  /** Empty: named by the MIB, or "Event <n> from <source>" for a Windows event. */
  name: z.string().trim().max(200),
  category: z.string().trim().min(1, 'Category is required').max(100),
  severity: AlarmSeverity,
  /**
   * Severity from a Windows event ID's bits (Error → Major, Warning → Warning, else Normal); severity applies
   * otherwise.
   */
  severityFromEvent: z.boolean().optional(),
  messageFormat: z.string().max(1000),
  dedupeKey: z.string().max(500),
  clearKey: z.string().max(500),
});
export type AlarmEventConfigInput = z.infer<typeof AlarmEventConfigInput>;
export const AlarmEventConfigRow = AlarmEventConfigInput.extend({
  severityFromEvent: z.boolean(),
  id: z.number().int(),
  version: z.number().int(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  oidName: z.string(),
});
export type AlarmEventConfigRow = z.infer<typeof AlarmEventConfigRow>;

/** How a correlation rule matches the resolution to its problem (besides being the same event pair). */
export const CorrelationMatch = z.discriminatedUnion('on', [
  z.object({ on: z.literal('source') }),
  z.object({
    on: z.literal('varbind'),
    position: z
      .number()
      .int('Varbind: a whole number')
      .min(1, 'Varbind: 1 or more ($1 is the first varbind after sysUpTime and snmpTrapOID)')
      .max(256, 'Varbind: at most 256'),
  }),
]);
export type CorrelationMatch = z.infer<typeof CorrelationMatch>;

/** One event of a rule: its configuration row. */
export const CorrelationEvent = z.object({
  id: z.number().int(),
  version: z.number().int(),
  oidPattern: z.string(),
  oidName: z.string(),
  name: z.string(),
  updatedBy: z.string(),
});
export const CorrelationRow = z.object({
  clears: CorrelationEvent,
  cleared: CorrelationEvent,
  /** null: keys written by hand in Event configuration (shown here, changed there). */
  match: CorrelationMatch.nullable(),
  /** Both rows as the console shipped them. */
  shipped: z.boolean(),
});
export type CorrelationRow = z.infer<typeof CorrelationRow>;
/** The two rows of an existing rule with the versions the caller saw (stale → CONFLICT). */
export const CorrelationRef = z.object({
  clearsId: z.number().int(),
  clearsVersion: z.number().int(),
  clearedId: z.number().int(),
  clearedVersion: z.number().int(),
});
export const CorrelationInput = z.object({
  /** The resolution event (e.g. linkUp, 1.3.6.1.4.1.*.0.47001). */
  clears: Pattern,
  /** The problem it clears (e.g. linkDown, 1.3.6.1.4.1.*.0.47000). */
  cleared: Pattern,
  match: CorrelationMatch,
});
export type CorrelationInput = z.infer<typeof CorrelationInput>;

export const AlarmMibModule = z.object({
  module: z.string(),
  fileName: z.string(),
  builtIn: z.boolean(),
  importedAt: z.string().nullable(),
  importedBy: z.string().nullable(),
  notifications: z.number().int(),
});
export type AlarmMibModule = z.infer<typeof AlarmMibModule>;

const Host = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address');
export const AlarmListenerSettings = z.object({
  enabled: z.boolean(),
  address: z
    .string()
    .trim()
    .min(1, 'Address is required')
    .max(100)
    .regex(/^[0-9A-Fa-f.:]+$/, 'an IP address of this computer, or 0.0.0.0 for every interface'),
  port: z.number().int().min(0, 'Port is 1–65535 (0 = any free port)').max(65535, 'Port is 1–65535'),
  communities: z.array(z.string().min(1, 'a community name cannot be empty').max(64)).max(50),
  acceptAnyHost: z.boolean(),
  acceptHosts: z.array(Host).max(200),
  retentionDays: z.number().int().min(1, 'Keep traps 1–3650 days').max(3650, 'Keep traps 1–3650 days'),
  maxTrapRows: z.number().int().min(1000, 'At least 1,000 traps').max(100_000_000),
  notifyDesktop: z.boolean(),
});
export type AlarmListenerSettings = z.infer<typeof AlarmListenerSettings>;

export const SNMP_AUTH_PROTOCOLS = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export const SNMP_PRIV_PROTOCOLS = ['des', 'aes', 'aes256b', 'aes256r'] as const;
export const SnmpV3UserRow = z.object({
  name: z.string(),
  level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']),
  authProtocol: z.enum(SNMP_AUTH_PROTOCOLS),
  privProtocol: z.enum(SNMP_PRIV_PROTOCOLS),
  authKeySet: z.boolean(),
  privKeySet: z.boolean(),
});
export type SnmpV3UserRow = z.infer<typeof SnmpV3UserRow>;

export const AlarmListenerDoc = z.object({
  version: z.number().int(),
  settings: AlarmListenerSettings,
  engineId: z.string(),
  v3Users: z.array(SnmpV3UserRow),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type AlarmListenerDoc = z.infer<typeof AlarmListenerDoc>;

/** Why packets were dropped, as the listener counts them (the keys of AlarmCounters.dropped). */
export const DROP_REASON_LABELS: Record<string, string> = {
  'bad-length': 'length error',
  truncated: 'truncated',
  'wrong-version': 'unsupported version',
  'unsupported-pdu': 'not a trap or inform',
  'bad-value': 'bad value',
  'not-ber': 'not BER',
  'too-large': 'too large',
  'unknown-community': 'unknown community',
  'host-not-accepted': 'host not accepted',
  'security-level': 'security level',
  'unknown-user': 'unknown user',
  'auth-failure': 'wrong digest',
  'decrypt-failure': 'decryption failed',
  'not-in-time-window': 'not in time window',
  replayed: 'replay',
  'v3-invalid': 'invalid SNMPv3 message',
  'queue-full': 'queue full',
  'store-failed': 'storing failed',
  ignored: 'ignored by configuration',
};

const Ids = z.array(z.number().int()).min(1).max(10_000);
const Key = z.string().min(8, 'SNMPv3 keys (passphrases) are at least 8 characters').max(128);

export const alarmsService = service({
  methods: {
    status: method({
      args: z.object({}),
      result: AlarmListenerStatus,
      permission: canRead('alarms'),
      summary: 'Listener state and live counters',
    }),
    list: method({
      args: z.object({
        filter: AlarmFilter,
        limit: z.number().int().min(1).max(5000),
        offset: z.number().int().min(0),
      }),
      result: z.object({ rows: z.array(AlarmRow), total: z.number().int() }),
      permission: canRead('alarms'),
      summary: 'Alarms (one row per deduplication key), newest first',
    }),
    get: method({
      args: z.object({ id: z.number().int() }),
      result: AlarmDetail,
      permission: canRead('alarms'),
      summary: 'An alarm with every varbind translated',
    }),
    acknowledge: method({
      args: z.object({ ids: Ids, acknowledged: z.boolean() }),
      result: z.object({ count: z.number().int() }),
      permission: canWrite('alarms'),
      summary: 'Acknowledge or unacknowledge alarms (audited)',
    }),
    clear: method({
      args: z.object({ ids: Ids }),
      result: z.object({ count: z.number().int() }),
      permission: canWrite('alarms'),
      summary: 'Clear alarms (audited)',
    }),
    setNotes: method({
      args: z.object({ id: z.number().int(), notes: z.string().max(4000) }),
      result: AlarmRow,
      permission: canWrite('alarms'),
      summary: 'An alarm’s notes (audited)',
    }),
    exportCsv: method({
      args: z.object({ filter: AlarmFilter }),
      result: z.object({ fileName: z.string(), text: z.string(), rows: z.number().int() }),
      permission: canRead('alarms'),
      summary: 'The filtered alarms as CSV',
    }),
    eventConfigs: method({
      args: z.object({}),
      result: z.array(AlarmEventConfigRow),
      permission: canRead('alarms'),
      summary: 'Event configuration',
    }),
    saveEventConfig: method({
      args: z.object({
        id: z.number().int().nullable(),
        expectedVersion: z.number().int(),
        config: AlarmEventConfigInput,
      }),
      result: AlarmEventConfigRow,
      permission: canWrite('alarms'),
      summary: 'Create or change an event configuration (refused when stale)',
    }),
    deleteEventConfig: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int() }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('alarms'),
      summary: 'Delete an event configuration',
    }),
    correlations: method({
      args: z.object({}),
      result: z.array(CorrelationRow),
      permission: canRead('alarms'),
      summary: 'Correlation rules: which event clears which, matched on what',
    }),
    saveCorrelation: method({
      args: z.object({ original: CorrelationRef.nullable(), rule: CorrelationInput }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('alarms'),
      summary: 'Create or change a correlation rule (the two events’ keys, in one transaction; refused when stale)',
    }),
    deleteCorrelation: method({
      args: CorrelationRef,
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('alarms'),
      summary: 'Delete a correlation rule (the resolution event is then logged only)',
    }),
    mibs: method({
      args: z.object({}),
      result: z.array(AlarmMibModule),
      permission: canRead('alarms'),
      summary: 'Loaded MIB modules',
    }),
    importMibs: method({
      args: z.object({
        files: z
          .array(z.object({ name: z.string().min(1).max(300), text: z.string().max(2_000_000) }))
          .min(1)
          .max(50),
      }),
      result: z.object({ modules: z.array(z.string()) }),
      permission: canWrite('alarms'),
      summary: 'Import MIB files (all or nothing; errors name file, line and reason)',
    }),
    removeMib: method({
      args: z.object({ module: z.string().min(1).max(200) }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('alarms'),
      summary: 'Remove an imported MIB module',
    }),
    translate: method({
      args: z.object({ oids: z.array(z.string().max(300)).max(1000) }),
      result: z.array(z.string()),
      permission: canRead('alarms'),
      summary: 'OIDs to MIB names',
    }),
    settings: method({
      args: z.object({}),
      result: AlarmListenerDoc,
      permission: canRead('alarms'),
      summary: 'Listener settings and SNMPv3 users (no keys)',
    }),
    saveSettings: method({
      args: z.object({ expectedVersion: z.number().int(), settings: AlarmListenerSettings }),
      result: AlarmListenerDoc,
      permission: canWrite('alarms'),
      summary: 'Save listener settings (restarts the listener)',
    }),
    saveV3User: method({
      args: z.object({
        name: z.string().trim().min(1, 'User name is required').max(32),
        level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']),
        authProtocol: z.enum(SNMP_AUTH_PROTOCOLS),
        privProtocol: z.enum(SNMP_PRIV_PROTOCOLS),
        authKey: Key.optional(),
        privKey: Key.optional(),
      }),
      result: AlarmListenerDoc,
      permission: canWrite('alarms'),
      summary: 'Add or change an SNMPv3 user (keys to the OS keychain)',
    }),
    deleteV3User: method({
      args: z.object({ name: z.string().min(1).max(32) }),
      result: AlarmListenerDoc,
      permission: canWrite('alarms'),
      summary: 'Remove an SNMPv3 user and its keys',
    }),
    sendTestTrap: method({
      args: z.object({
        version: z.enum(['v1', 'v2c', 'inform']),
        trapOid: z.string().max(300).optional(),
        message: z.string().max(500).optional(),
      }),
      result: z.object({ acknowledged: z.boolean(), target: z.string() }),
      permission: canWrite('alarms'),
      summary: 'Send a test trap to this console’s own listener',
    }),
  },
  events: {
    /** Alarms were stored or changed: re-read (throttled in main to a few a second). */
    changed: z.object({ at: z.string() }),
    /** Live counters, at most twice a second. */
    stats: AlarmListenerStatus,
    /** A new Critical or Major alarm (for the optional desktop notification). */
    raised: z.object({ severity: AlarmSeverity, source: z.string(), message: z.string() }),
  },
});
