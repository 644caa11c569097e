import dgram from 'node:dgram';
import snmp from 'net-snmp';
import { encodeTrapV1, encodeTrapV2, type OutVarbind, responseRequestId } from '../../domain/alarms/ber';
import type { AuthProtocol, PrivProtocol, SecurityLevel } from './trapListener';

export interface SendTrapOptions {
  host: string;
  port: number;
  version: 'v1' | 'v2c' | 'v3';
  inform?: boolean;
  community?: string;
  /** v2c/v3 notification OID; for v1 it is split into enterprise + specific (…enterprise.0.specific). */
  trapOid: string;
  varbinds: OutVarbind[];
  /** v1 only: the agent address field. */
  agentAddr?: string;
  uptime?: number;
  user?: {
    name: string;
    level: SecurityLevel;
    authProtocol: AuthProtocol;
    authKey?: string;
    privProtocol: PrivProtocol;
    privKey?: string;
    engineId?: string;
  };
  timeoutMs?: number;
}

const SNMP_TRAPS = '1.3.6.1.6.3.1.1.5.';

/** v1 fields for a v2 notification OID (RFC 3584 §3.2, the reverse of the listener's rule). */
export function v1Fields(trapOid: string): { enterprise: string; generic: number; specific: number } {
  if (trapOid.startsWith(SNMP_TRAPS)) {
    const n = Number(trapOid.slice(SNMP_TRAPS.length));
    if (n >= 1 && n <= 6) return { enterprise: '1.3.6.1.6.3.1.1.5', generic: n - 1, specific: 0 };
  }
  const m = /^(.*)\.0\.(\d+)$/.exec(trapOid) ?? /^(.*)\.(\d+)$/.exec(trapOid);
  if (!m) throw new Error(`${trapOid} cannot be sent as a v1 trap`);
  // specific-trap is a 32-bit INTEGER: an event ID with the top bit set (Windows Error/Warning
  // severity bits) goes on the wire as a negative number, as the Windows translator sends it.
  return { enterprise: m[1]!, generic: 6, specific: Number(m[2]) | 0 };
}

/** Sends one trap or inform; an inform resolves when it is acknowledged (or rejects on timeout). */
export async function sendTrap(o: SendTrapOptions): Promise<{ acknowledged: boolean }> {
  const uptime = o.uptime ?? Math.floor(process.uptime() * 100);
  if (o.version === 'v3') return sendV3(o, uptime);
  const requestId = Math.floor(Math.random() * 0x7fffffff);
  const buf =
    o.version === 'v1'
      ? encodeTrapV1({
          community: o.community ?? 'public',
          agentAddr: o.agentAddr ?? '127.0.0.1',
          uptime,
          varbinds: o.varbinds,
          ...v1Fields(o.trapOid),
        })
      : encodeTrapV2({
          community: o.community ?? 'public',
          requestId,
          uptime,
          trapOid: o.trapOid,
          varbinds: o.varbinds,
          inform: o.inform,
        });
  const socket = dgram.createSocket(o.host.includes(':') ? 'udp6' : 'udp4');
  try {
    if (!o.inform || o.version === 'v1') {
      await new Promise<void>((res, rej) => socket.send(buf, o.port, o.host, (e) => (e ? rej(e) : res())));
      return { acknowledged: false };
    }
    return await new Promise((res, rej) => {
      const timeout = o.timeoutMs ?? 2000;
      let tries = 0;
      const send = () => {
        tries++;
        socket.send(buf, o.port, o.host);
      };
      const timer = setInterval(() => {
        if (tries >= 3) {
          clearInterval(timer);
          rej(new Error(`the inform to ${o.host}:${o.port} was not acknowledged (${tries} tries)`));
        } else send();
      }, timeout / 3);
      socket.on('message', (m) => {
        if (responseRequestId(m) === requestId) {
          clearInterval(timer);
          res({ acknowledged: true });
        }
      });
      send();
    });
  } finally {
    socket.close();
  }
}

async function sendV3(o: SendTrapOptions, uptime: number): Promise<{ acknowledged: boolean }> {
  const u = o.user;
  if (!u) throw new Error('an SNMPv3 trap needs a user');
  const AP = snmp.AuthProtocols as unknown as Record<string, unknown>;
  const PP = snmp.PrivProtocols as unknown as Record<string, unknown>;
  const session = snmp.createV3Session(
    o.host,
    {
      name: u.name,
      level: snmp.SecurityLevel[u.level],
      authProtocol: AP[u.authProtocol],
      authKey: u.authKey,
      privProtocol: PP[u.privProtocol],
      privKey: u.privKey,
    } as never,
    {
      port: o.port,
      trapPort: o.port,
      version: snmp.Version3,
      timeout: o.timeoutMs ?? 2000,
      retries: 1,
      engineID: u.engineId,
    } as never,
  );
  session.on('error', () => {});
  const varbinds = o.varbinds.map((v) => ({
    oid: v.oid,
    type: typeToNetSnmp(v.type),
    value: v.type === 'OctetString' && !Buffer.isBuffer(v.value) ? String(v.value) : v.value,
  }));
  try {
    return await new Promise((res, rej) => {
      if (o.inform)
        session.inform(o.trapOid, varbinds as never, { upTime: uptime } as never, (err: Error | null) =>
          err ? rej(err) : res({ acknowledged: true }),
        );
      else
        session.trap(o.trapOid, varbinds as never, { upTime: uptime } as never, (err: Error | null) =>
          err ? rej(err) : res({ acknowledged: false }),
        );
    });
  } finally {
    session.close();
  }
}

function typeToNetSnmp(t: OutVarbind['type']): number {
  const T = snmp.ObjectType as unknown as Record<string, number>;
  const map: Record<string, string> = {
    OctetString: 'OctetString',
    Integer: 'Integer',
    OID: 'OID',
    IpAddress: 'IpAddress',
    Counter32: 'Counter',
    Gauge32: 'Gauge',
    TimeTicks: 'TimeTicks',
    Null: 'Null',
    Counter64: 'Counter64',
    Opaque: 'Opaque',
  };
  return T[map[t] ?? 'OctetString'] ?? 4;
}
