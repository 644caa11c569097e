import { SNMP_TRAP_OID, SYS_UPTIME, type DecodedMessage, type Varbind } from './ber';

/** The MiCC Enterprise event-to-trap base (seed 001: BaseEnterpriseOID must be 1.3.6.1.4.1.193.132.5.1). */
export const MICC_BASE_OID = '1.3.6.1.4.1.193.132.5.1';
export const SNMP_TRAPS = '1.3.6.1.6.3.1.1.5';
export const AUTH_FAILURE_OID = `${SNMP_TRAPS}.5`;
const SNMP_TRAP_ADDRESS = '1.3.6.1.6.3.18.1.3.0';
const SNMP_TRAP_ENTERPRISE = '1.3.6.1.6.3.1.1.4.3.0';

/** A received notification in the v2 shape, whatever version it came in. */
export interface Trap {
  receivedAt: string;
  /** Where it came from: snmpTrapAddress.0, a v1 agent-addr, else the UDP sender. */
  source: string;
  version: 'v1' | 'v2c' | 'v3';
  kind: 'trap' | 'inform';
  trapOid: string;
  uptime: number | null;
  /** The varbinds after sysUpTime.0 and snmpTrapOID.0 ($1 is the first of these). */
  varbinds: Varbind[];
  /** How many varbinds past the cap were left out (not stored); absent or 0 = none. */
  leftOut?: number;
  /** Set for traps from the Windows event-to-trap translator. */
  windowsEvent?: WindowsEvent;
}

export type WindowsSeverity = 'Success' | 'Informational' | 'Warning' | 'Error';

/** A Windows event forwarded by the event-to-trap translator (evntagnt), in any of its forms. */
export interface WindowsEvent {
  /** The BaseEnterpriseOID it was sent under (1.3.6.1.4.1.193.132.5.1 for MiCC Enterprise). */
  base: string;
  /** The event source spelled in the enterprise (…<length>.<characters>), '' for the plain form. */
  source: string;
  /** The specific-trap as sent: the plain event number or the 32-bit event ID (unsigned). */
  eventId: number;
  /** The event number (the low 16 bits: what the Event Viewer shows), without severity bits. */
  eventCode: number;
  /** From the top two bits of a 32-bit event ID; null when only the plain number was sent. */
  severity: WindowsSeverity | null;
}

/** Bases whose traps count as Windows events even without the event-source suffix. */
export const WINDOWS_BASES = [MICC_BASE_OID, '1.3.6.1.4.1.311.1.13.1'];
const SEVERITY_BITS: WindowsSeverity[] = ['Success', 'Informational', 'Warning', 'Error'];

/**
 * The one definition of a Windows event ID's parts (winerror.h layout): bits 31–30 severity,
 * bit 29 customer, bit 28 reserved, bits 27–16 facility, bits 15–0 the code. The event number
 * is the code — what the Event Viewer shows as "Event ID" (0xE0000BB8 → 3000). The listener,
 * the event configuration and the evntcmd file all use these, so the console never names one
 * event by two numbers.
 */
export const eventNumberOf = (eventId: number): number => (eventId >>> 0) & 0xffff;
/** The severity of the top two bits (a plain number ≤ 0xffff has 00 = Success). */
export const eventSeverityOf = (eventId: number): WindowsSeverity => SEVERITY_BITS[(eventId >>> 0) >>> 30]!;

/**
 * RFC 3584 §3.1: a v1 trap's snmpTrapOID is snmpTraps.(generic+1) for the generic traps,
 * else enterprise.0.specific; the v1 enterprise travels as snmpTrapEnterprise.0.
 */
export function toTrap(msg: DecodedMessage, sender: string, receivedAt: string): Trap {
  if (msg.v1) {
    const { enterprise, agentAddr, generic, specific, timestamp } = msg.v1;
    const trapOid = generic < 6 ? `${SNMP_TRAPS}.${generic + 1}` : enterpriseTrapOid(enterprise, specific >>> 0);
    const source = agentAddr && agentAddr !== '0.0.0.0' ? agentAddr : sender;
    const t: Trap = {
      receivedAt,
      source,
      version: 'v1',
      kind: 'trap',
      trapOid,
      uptime: timestamp,
      varbinds: msg.varbinds,
    };
    if (msg.leftOut) t.leftOut = msg.leftOut;
    return withWindowsEvent(t);
  }
  const t = fromV2Varbinds(msg.varbinds, sender, receivedAt, 'v2c', msg.kind === 'inform' ? 'inform' : 'trap');
  if (msg.leftOut) t.leftOut = msg.leftOut;
  return t;
}

// <enterprise>.0.<specific>, one string per pair: a storm repeats a handful of events, and the
// same string object lets every later lookup by trap OID (Windows event, event configuration,
// names) reuse its hash. Bounded like the other caches.
const v1TrapOids = new Map<string, Map<number, string>>();
let v1TrapOidCount = 0;
function enterpriseTrapOid(enterprise: string, specific: number): string {
  let oid = v1TrapOids.get(enterprise)?.get(specific);
  if (oid === undefined) {
    if (v1TrapOidCount >= 10_000) {
      v1TrapOids.clear();
      v1TrapOidCount = 0;
    }
    let bySpecific = v1TrapOids.get(enterprise);
    if (!bySpecific) v1TrapOids.set(enterprise, (bySpecific = new Map()));
    oid = `${enterprise}.0.${specific}`;
    bySpecific.set(specific, oid);
    v1TrapOidCount++;
  }
  return oid;
}

export function fromV2Varbinds(
  all: Varbind[],
  sender: string,
  receivedAt: string,
  version: Trap['version'],
  kind: Trap['kind'],
): Trap {
  let uptime: number | null = null;
  let trapOid = '';
  let source = sender;
  const rest: Varbind[] = [];
  for (const v of all) {
    if (v.oid === SYS_UPTIME && uptime === null) {
      const n = Number(v.value);
      uptime = v.type === 'TimeTicks' && Number.isFinite(n) ? n : null;
    } else if (v.oid === SNMP_TRAP_OID && !trapOid) trapOid = v.value;
    else {
      if (v.oid === SNMP_TRAP_ADDRESS && v.type === 'IpAddress') source = v.value;
      if (v.oid === SNMP_TRAP_ENTERPRISE) continue;
      rest.push(v);
    }
  }
  return withWindowsEvent({ receivedAt, source, version, kind, trapOid: trapOid || '0.0', uptime, varbinds: rest });
}

/**
 * The Windows event-to-trap translator (evntwin/evntcmd) sends enterprise = BaseEnterpriseOID,
 * alone or (its default) followed by the length of the event source and its characters as
 * arcs; specific-trap = the event ID, the plain number or the full 32-bit value whose top two
 * bits are the severity (a negative INTEGER on the wire; unsigned here). RFC 3584 turns both
 * into <enterprise>.0.<specific>, so v1 and v2c/v3 forwards look the same from here on.
 */
export function windowsEventOf(trapOid: string): WindowsEvent | undefined {
  const m = /^(.*)\.0\.(\d+)$/.exec(trapOid);
  if (!m) return undefined;
  const eventId = Number(m[2]);
  if (!(eventId <= 0xffffffff)) return undefined;
  const eventCode = eventNumberOf(eventId);
  // Only the 32-bit form carries severity bits; a plain number says nothing about severity.
  const severity = eventId > 0xffff ? eventSeverityOf(eventId) : null;
  const entText = m[1]!;
  if (WINDOWS_BASES.includes(entText)) return { base: entText, source: '', eventId, eventCode, severity };
  const ent = entText.split('.').map(Number);
  // Any enterprise of at least 7 arcs (1.3.6.1.4.1.<n>) ending in <len>.<len chars> of printable ASCII with a letter
  // counts.
  for (let i = 7; i < ent.length - 1; i++) {
    const len = ent[i]!;
    if (len > 1 && len < 128 && i + 1 + len === ent.length) {
      const chars = ent.slice(i + 1);
      if (chars.every((c) => c >= 0x20 && c < 0x7f) && chars.some((c) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a))
        return { base: ent.slice(0, i).join('.'), source: String.fromCharCode(...chars), eventId, eventCode, severity };
    }
  }
  return undefined;
}

/** The form every version of one Windows event shares: <base>.0.<event number>. */
export const canonicalEventOid = (w: WindowsEvent) => `${w.base}.0.${w.eventCode}`;

/** "Event 3000 from Router Service" (the plain form names the sending host instead). */
export const windowsEventName = (w: WindowsEvent, host: string) => `Event ${w.eventCode} from ${w.source || host}`;

// One answer per trap OID (a storm repeats a handful); bounded like the OID cache.
const windowsCache = new Map<string, WindowsEvent | null>();

/** windowsEventOf, remembered per trap OID (the same object for the same OID). */
export function cachedWindowsEvent(trapOid: string): WindowsEvent | undefined {
  if (!trapOid.startsWith('1.3.6.1.4.1.')) return undefined;
  let w = windowsCache.get(trapOid);
  if (w === undefined) {
    w = windowsEventOf(trapOid) ?? null;
    if (windowsCache.size >= 10_000) windowsCache.clear();
    windowsCache.set(trapOid, w);
  }
  return w ?? undefined;
}

function withWindowsEvent(t: Trap): Trap {
  const w = cachedWindowsEvent(t.trapOid);
  if (w) t.windowsEvent = w;
  return t;
}

/** The enterprise OID a Windows event source gets under a base (the translator's rule). */
export function windowsEnterprise(base: string, source: string): string {
  return `${base}.${source.length}.${[...source].map((c) => c.charCodeAt(0)).join('.')}`;
}
