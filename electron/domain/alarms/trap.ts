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
  /** Set for traps from the Windows event-to-trap translator. */
  windowsEvent?: { source: string; eventId: number; eventCode: number };
}

/**
 * RFC 3584 §3.1: a v1 trap's snmpTrapOID is snmpTraps.(generic+1) for the generic traps,
 * else enterprise.0.specific; the v1 enterprise travels as snmpTrapEnterprise.0.
 */
export function toTrap(msg: DecodedMessage, sender: string, receivedAt: string): Trap {
  if (msg.v1) {
    const { enterprise, agentAddr, generic, specific, timestamp } = msg.v1;
    const trapOid = generic < 6 ? `${SNMP_TRAPS}.${generic + 1}` : `${enterprise}.0.${specific >>> 0}`;
    const source = agentAddr && agentAddr !== '0.0.0.0' ? agentAddr : sender;
    const t: Trap = { receivedAt, source, version: 'v1', kind: 'trap', trapOid, uptime: timestamp, varbinds: msg.varbinds };
    return withWindowsEvent(t);
  }
  return fromV2Varbinds(msg.varbinds, sender, receivedAt, 'v2c', msg.kind === 'inform' ? 'inform' : 'trap');
}

export function fromV2Varbinds(all: Varbind[], sender: string, receivedAt: string, version: Trap['version'], kind: Trap['kind']): Trap {
  let uptime: number | null = null;
  let trapOid = '';
  let source = sender;
  const rest: Varbind[] = [];
  for (const v of all) {
    if (v.oid === SYS_UPTIME && uptime === null) uptime = Number(v.value);
    else if (v.oid === SNMP_TRAP_OID && !trapOid) trapOid = v.value;
    else {
      if (v.oid === SNMP_TRAP_ADDRESS && v.type === 'IpAddress') source = v.value;
      if (v.oid === SNMP_TRAP_ENTERPRISE) continue;
      rest.push(v);
    }
  }
  return withWindowsEvent({ receivedAt, source, version, kind, trapOid: trapOid || '0.0', uptime, varbinds: rest });
}

/**
 * The Windows event-to-trap translator (evntwin/evntcmd) sends enterprise
 * BaseEnterpriseOID.<length of the event source>.<its characters>, specific trap = the
 * event ID (its top bits carry severity/customer flags; the Event Viewer shows the low 16).
 */
export function windowsEventOf(trapOid: string): Trap['windowsEvent'] | undefined {
  const m = /^(.*)\.0\.(\d+)$/.exec(trapOid);
  if (!m) return undefined;
  const ent = m[1]!.split('.').map(Number);
  const base = MICC_BASE_OID.split('.').map(Number);
  // Any enterprise ending in <len>.<len chars> that spell printable ASCII counts.
  for (let i = base.length - 2; i < ent.length - 1; i++) {
    const len = ent[i]!;
    if (len > 0 && len < 128 && i + 1 + len === ent.length) {
      const chars = ent.slice(i + 1);
      if (chars.every((c) => c >= 0x20 && c < 0x7f)) {
        const eventId = Number(m[2]);
        return { source: String.fromCharCode(...chars), eventId, eventCode: eventId & 0xffff };
      }
    }
  }
  return undefined;
}

// One answer per trap OID (a storm repeats a handful); bounded like the OID cache.
const windowsCache = new Map<string, Trap['windowsEvent'] | null>();

function withWindowsEvent(t: Trap): Trap {
  if (!t.trapOid.startsWith('1.3.6.1.4.1.')) return t;
  let w = windowsCache.get(t.trapOid);
  if (w === undefined) {
    w = windowsEventOf(t.trapOid) ?? null;
    if (windowsCache.size >= 10_000) windowsCache.clear();
    windowsCache.set(t.trapOid, w);
  }
  if (w) t.windowsEvent = w;
  return t;
}

/** The enterprise OID a Windows event source gets under a base (the translator's rule). */
export function windowsEnterprise(base: string, source: string): string {
  return `${base}.${source.length}.${[...source].map((c) => c.charCodeAt(0)).join('.')}`;
}
