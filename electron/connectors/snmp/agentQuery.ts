import snmp from 'net-snmp';
import type { AuthProtocol, PrivProtocol, SecurityLevel } from './trapListener';
import { NET_SNMP_AUTH, NET_SNMP_PRIV } from './netSnmpProtocols';

/**
 * SNMP manager side of the agent check (seed 001, CHECK WINDOWS SNMP AGENT WITH SNMP QUERY
 * TOOLS: `snmputil getnext localhost public .1.3`): GET, GETNEXT and a bounded WALK of one
 * subtree against an agent, over net-snmp sessions (v1/v2c community or a v3 USM user).
 * One session per call, closed when the call ends. Failures are AgentQueryError with a
 * code and a sentence a technician can act on; the secret (community, keys) is never in it.
 */

export interface AgentV3User {
  name: string;
  level: SecurityLevel;
  authProtocol: AuthProtocol;
  authKey?: string;
  privProtocol: PrivProtocol;
  privKey?: string;
}

export type AgentTarget = {
  host: string;
  port: number;
  /** Per try. */
  timeoutMs: number;
  /** Extra tries after the first. */
  retries: number;
} & ({ version: 'v1' | 'v2c'; community: string } | { version: 'v3'; user: AgentV3User });

export interface AgentVarbind {
  oid: string;
  /** net-snmp's ObjectType name: OctetString, Integer, TimeTicks, OID, IpAddress, Counter, Gauge, Counter64 … */
  type: string;
  /** Strings as UTF-8 when they are, else the bytes in hex (`hex`); TimeTicks as "(hundredths) d days, h:mm:ss.cc". */
  value: string;
  /**
   * Set when `value` is the bytes in hex because they are not printable UTF-8 — as the trap decoder does
   * (ber.ts), so a string that merely looks like hex ("c0ffee") is never taken for bytes, or bytes for text.
   */
  hex?: true;
  /** SNMPv2 exceptions (RFC 3416 §4.2.1): the agent answered, but this OID has no value. */
  exception?: 'noSuchObject' | 'noSuchInstance' | 'endOfMibView';
}

export type AgentErrorCode =
  'timeout' | 'noSuchName' | 'authorization' | 'authentication' | 'badValue' | 'tooBig' | 'genErr' | 'host' | 'invalid';

export class AgentQueryError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AgentQueryError';
  }
}

const OBJECT_TYPE_NAMES: Record<number, string> = {
  1: 'Boolean',
  2: 'Integer',
  3: 'BitString',
  4: 'OctetString',
  5: 'Null',
  6: 'OID',
  64: 'IpAddress',
  65: 'Counter',
  66: 'Gauge',
  67: 'TimeTicks',
  68: 'Opaque',
  70: 'Counter64',
  128: 'noSuchObject',
  129: 'noSuchInstance',
  130: 'endOfMibView',
};

const where = (t: AgentTarget) => `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;

/** TimeTicks (hundredths of a second) the way snmpget prints them: "(150) 0:00:01.50". */
export function formatTimeTicks(ticks: number): string {
  const cs = ticks % 100;
  let s = Math.floor(ticks / 100);
  const days = Math.floor(s / 86400);
  s %= 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `(${ticks}) ${days > 0 ? `${days} day${days === 1 ? '' : 's'}, ` : ''}${h}:${two(m)}:${two(sec)}.${two(cs)}`;
}

const PRINTABLE = /^[\P{C}\t\r\n]*$/u;

function bufferText(b: Buffer): { value: string; hex?: true } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    if (PRINTABLE.test(text)) return { value: text };
  } catch {
    // not UTF-8: hex below
  }
  return { value: b.toString('hex'), hex: true };
}

type RawVarbind = { oid: string; type?: number; value?: unknown };

function toVarbind(raw: RawVarbind): AgentVarbind {
  const vb = { oid: raw.oid, type: raw.type ?? 0, value: raw.value };
  const type = OBJECT_TYPE_NAMES[vb.type] ?? `type ${vb.type}`;
  if (vb.type === 128 || vb.type === 129 || vb.type === 130) {
    return { oid: vb.oid, type, value: '', exception: type as AgentVarbind['exception'] };
  }
  let value: string;
  if (Buffer.isBuffer(vb.value)) {
    if (vb.type !== 70) return { oid: vb.oid, type, ...bufferText(vb.value) };
    value = BigInt(`0x${vb.value.toString('hex') || '0'}`).toString();
  } else if (vb.type === 67 && typeof vb.value === 'number') value = formatTimeTicks(vb.value);
  else if (vb.value === null || vb.value === undefined) value = '';
  else value = String(vb.value);
  return { oid: vb.oid, type, value };
}

type Session = ReturnType<typeof snmp.createSession>;

function open(t: AgentTarget): Session {
  const options = {
    port: t.port,
    retries: t.retries,
    timeout: t.timeoutMs,
    transport: t.host.includes(':') ? 'udp6' : 'udp4',
    backwardsGetNexts: false,
  };
  if (t.version === 'v3') {
    const u = t.user;
    return snmp.createV3Session(
      t.host,
      {
        name: u.name,
        level: snmp.SecurityLevel[u.level],
        authProtocol: NET_SNMP_AUTH[u.authProtocol],
        authKey: u.authKey,
        privProtocol: NET_SNMP_PRIV[u.privProtocol],
        privKey: u.privKey,
      } as never,
      { ...options, version: snmp.Version3 } as never,
    );
  }
  return snmp.createSession(t.host, t.community, {
    ...options,
    version: t.version === 'v1' ? snmp.Version1 : snmp.Version2c,
  } as never);
}

/** A sentence for what went wrong, never quoting the community or keys. */
export function explain(t: AgentTarget, err: unknown): AgentQueryError {
  const e = err as { name?: string; message?: string; status?: number; code?: unknown };
  const tries = t.retries + 1;
  if (e?.name === 'RequestTimedOutError' || e?.message === 'Request timed out') {
    const who =
      t.version === 'v3'
        ? `Check the host and port, that the SNMP service runs there, and that it knows the SNMPv3 user ${t.user.name}.`
        : `Check the host and port, that the SNMP service runs there, and the community: an agent does not answer a ` +
          `community it does not accept (Security tab, Accepted community names) or a manager it does not accept ` +
          `(Only accept SNMP packets from these hosts).`;
    return new AgentQueryError(
      'timeout',
      `No answer from ${where(t)} after ${tries} ${tries === 1 ? 'try' : 'tries'} of ${t.timeoutMs} ms. ${who}`,
    );
  }
  if (e?.name === 'RequestFailedError' && typeof e.status === 'number') {
    const S = snmp.ErrorStatus as unknown as Record<string, number>;
    switch (e.status) {
      case S.NoSuchName:
        return new AgentQueryError(
          'noSuchName',
          `${where(t)} answered noSuchName: the agent has no such ` +
            `object${t.version === 'v1' ? ' (SNMPv1 also says this at the end of the MIB)' : ''}, or the community ` +
            `may not read it.`,
        );
      case S.AuthorizationError:
      case S.NoAccess:
        return new AgentQueryError(
          'authorization',
          `${where(t)} refused the request (${e.status === S.NoAccess ? 'noAccess' : 'authorizationError'}): this ` +
            `${t.version === 'v3' ? 'user' : 'community'} may not read that object.`,
        );
      case S.TooBig:
        return new AgentQueryError('tooBig', `${where(t)} answered tooBig: ask for fewer objects at once.`);
      case S.BadValue:
        return new AgentQueryError('badValue', `${where(t)} answered badValue.`);
      default:
        return new AgentQueryError(
          'genErr',
          `${where(t)} answered error status ${e.status} ` +
            `(${(snmp.ErrorStatus as unknown as Record<number, string>)[e.status] ?? 'unknown'}).`,
        );
    }
  }
  if (e?.name === 'ResponseInvalidError') {
    const reason = String(e.message ?? 'invalid response');
    if (
      e.code === (snmp as unknown as { ResponseInvalidCode: Record<string, number> }).ResponseInvalidCode?.EAuthFailure
    ) {
      return new AgentQueryError(
        'authentication',
        `${where(t)} refused SNMPv3 user ${t.version === 'v3' ? t.user.name : ''}: ${reason}.`.replace(/\.\.$/, '.'),
      );
    }
    return new AgentQueryError('invalid', `${where(t)} sent an answer the console cannot use: ${reason}.`);
  }
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new AgentQueryError('host', `The host name ${t.host} cannot be resolved.`);
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH')
    return new AgentQueryError('host', `${where(t)} cannot be reached from this computer (${code}).`);
  return new AgentQueryError('invalid', `The request to ${where(t)} failed: ${e?.message ?? String(err)}`);
}

function run<T>(t: AgentTarget, body: (s: Session, done: (err: unknown, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let session: Session;
    try {
      session = open(t);
    } catch (err) {
      reject(explain(t, err));
      return;
    }
    let settled = false;
    const done = (err: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      try {
        session.close();
      } catch {
        // already closed
      }
      if (err) reject(explain(t, err));
      else resolve(value as T);
    };
    // Socket errors (DNS, unreachable network) arrive here, not in the request callback.
    session.on('error', (err: unknown) => done(err));
    try {
      body(session, done);
    } catch (err) {
      done(err);
    }
  });
}

export const OID_TEXT = /^\.?\d+(\.\d+)*$/;
const bare = (oid: string) => oid.replace(/^\./, '');

/** GET: the values of these OIDs (a v2c/v3 agent answers noSuchObject/noSuchInstance per OID). */
export function agentGet(t: AgentTarget, oids: string[]): Promise<AgentVarbind[]> {
  return run(t, (s, done) =>
    s.get(oids.map(bare), (err: unknown, vbs?: RawVarbind[]) =>
      done(err, err ? undefined : (vbs ?? []).map(toVarbind)),
    ),
  );
}

/** GETNEXT: the object after each OID (seed: "snmputil getnext localhost public .1.3" → system.sysDescr.0). */
export function agentGetNext(t: AgentTarget, oids: string[]): Promise<AgentVarbind[]> {
  return run(t, (s, done) =>
    s.getNext(oids.map(bare), (err: unknown, vbs?: RawVarbind[]) =>
      done(err, err ? undefined : (vbs ?? []).map(toVarbind)),
    ),
  );
}

/**
 * WALK of one subtree, at most maxRows objects (GETNEXT for v1, GETBULK for v2c/v3). truncated
 * says the subtree has more. An SNMPv1 noSuchName at the end of the subtree ends the walk.
 */
export function agentWalk(
  t: AgentTarget,
  oid: string,
  maxRows: number,
): Promise<{ varbinds: AgentVarbind[]; truncated: boolean }> {
  const rows: AgentVarbind[] = [];
  let truncated = false;
  return run(t, (s, done) => {
    s.subtree(
      bare(oid),
      Math.min(20, maxRows),
      ((vbs: RawVarbind[]) => {
        for (const vb of vbs) {
          if (rows.length >= maxRows) {
            truncated = true;
            return true;
          }
          rows.push(toVarbind(vb));
        }
        return false;
      }) as never,
      (err: unknown) => done(err, { varbinds: rows, truncated }),
    );
  });
}
