import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import snmp from 'net-snmp';
import {
  BerError,
  decodeMessage,
  informResponse,
  MAX_VARBINDS,
  peekV3,
  peekVersion,
  type MalformedReason,
  type Varbind,
  type VarbindType,
} from '../../domain/alarms/ber';
import { fromV2Varbinds, toTrap, type Trap } from '../../domain/alarms/trap';
import { NET_SNMP_AUTH, NET_SNMP_PRIV } from './netSnmpProtocols';

/**
 * The socket receive buffer asked for: 16 MB, so a burst survives while the receiver thread
 * waits for a CPU. Linux caps it at net.core.rmem_max (and reports twice that; Debian's
 * default is 208 KB, this machine's 4 MB): raise it with sysctl -w net.core.rmem_max=16777216
 * where bursts are dropped (the status shows the size granted). The issue's floor is 4 MB.
 */
export const RECV_BUFFER_BYTES = 16 * 1024 * 1024;

export type AuthProtocol = 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export type PrivProtocol = 'des' | 'aes' | 'aes256b' | 'aes256r';
export type SecurityLevel = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';

export interface V3User {
  name: string;
  level: SecurityLevel;
  authProtocol: AuthProtocol;
  privProtocol: PrivProtocol;
  /** From the keychain, never from the database. */
  authKey?: string | undefined;
  privKey?: string | undefined;
}

export interface ListenerConfig {
  address: string;
  port: number;
  /** Accepted community names (case-sensitive). None = every v1/v2c packet is refused (as Windows does). */
  communities: string[];
  acceptAnyHost: boolean;
  /** "Only accept SNMP packets from these hosts": names or addresses. */
  acceptHosts: string[];
  v3Users: V3User[];
  /** Hex, persisted: informs sent to us are authoritative at this engine. */
  engineId: string;
  /** The v3 replay cache and engine clocks from before a restart (the database keeps them). */
  replay?: ReplayState | undefined;
}

/** What the v3 replay and time-window checks remember; `at` is this computer's clock (ms). */
export interface ReplayState {
  digests: { digest: string; at: number }[];
  clocks: { engineId: string; boots: number; time: number; at: number }[];
}

/** Why a packet was not turned into a trap. Refusals are counted apart from malformed packets. */
export type RefusalReason = 'unknown-community' | 'host-not-accepted';
/**
 * SNMPv3 refusals that are authentication failures (raised as authenticationFailure alarms, like a wrong community).
 */
export const V3_AUTH_FAILURES = ['unknown-user', 'security-level', 'auth-failure', 'decrypt-failure'] as const;
export type V3AuthFailure = (typeof V3_AUTH_FAILURES)[number];
export type DropReason =
  MalformedReason | RefusalReason | V3AuthFailure | 'replayed' | 'not-in-time-window' | 'v3-invalid';

/** The time window of RFC 3414 §3.2 step 7b: 150 seconds. */
export const TIME_WINDOW_S = 150;

export interface ListenerHandlers {
  trap(trap: Trap): void;
  refused(source: string, reason: RefusalReason, version: string): void;
  /** A drop that is not a refusal; detail never holds a community or key. */
  dropped(source: string, reason: DropReason, detail: string): void;
  /** An authenticated v3 message was accepted: what the replay cache must keep across a restart. */
  v3Accepted?(seen: { digest: string; engineId: string; boots: number; time: number; at: number }): void;
}

export class ListenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** EACCES / EADDRINUSE / EADDRNOTAVAIL said plainly, with the fix. */
export function explainBindError(err: NodeJS.ErrnoException, address: string, port: number): ListenError {
  const where = `UDP ${address}:${port}`;
  if (err.code === 'EACCES') {
    return new ListenError(
      'EACCES',
      `Cannot listen on ${where}: ports below 1024 (such as 162, the standard trap port) need administrator rights. ` +
        `On Linux grant the console the right once (sudo setcap cap_net_bind_service=+ep <path to the console ` +
        `executable>), or listen on a port above 1024 such as 10162 and redirect 162 to it (sudo iptables -t nat ` +
        `-A PREROUTING -p udp --dport 162 -j REDIRECT --to-ports 10162); on Windows run the console as ` +
        `administrator.`,
    );
  }
  if (err.code === 'EADDRINUSE') {
    return new ListenError(
      'EADDRINUSE',
      `Cannot listen on ${where}: another program already holds the port. On Windows it is usually the SNMP Trap ` +
        `service: stop it and set its startup type to Disabled (services.msc › SNMP Trap, or "sc stop SNMPTRAP" and ` +
        `"sc config SNMPTRAP start= disabled"). On Linux it is usually snmptrapd (sudo systemctl disable --now ` +
        `snmptrapd). Or listen on another port and send the traps there.`,
    );
  }
  if (err.code === 'EADDRNOTAVAIL') {
    return new ListenError(
      'EADDRNOTAVAIL',
      `Cannot listen on ${where}: ${address} is not an address of this computer. Use 0.0.0.0 (every interface) or ` +
        `one of its own addresses.`,
    );
  }
  return new ListenError(err.code ?? 'ERROR', `Cannot listen on ${where}: ${err.message}`);
}

const OBJECT_TYPE: Record<number, VarbindType> = {
  2: 'Integer',
  4: 'OctetString',
  5: 'Null',
  6: 'OID',
  64: 'IpAddress',
  65: 'Counter32',
  66: 'Gauge32',
  67: 'TimeTicks',
  68: 'Opaque',
  70: 'Counter64',
  128: 'NoSuchObject',
  129: 'NoSuchInstance',
  130: 'EndOfMibView',
};

function fromNetSnmp(vb: { oid: string; type: number; value: unknown }): Varbind {
  const type = OBJECT_TYPE[vb.type] ?? 'Opaque';
  const v = vb.value;
  let value: string;
  if (Buffer.isBuffer(v)) {
    if (type === 'Counter64') value = v.length ? BigInt('0x' + v.toString('hex')).toString() : '0';
    else {
      const text = v.toString('utf8');
      if (type === 'Opaque' || !/^[\t\r\n\x20-\x7e\u00a0-\uffff]*$/.test(text) || text.includes('\ufffd'))
        return { oid: vb.oid, type, value: v.toString('hex'), hex: true };
      value = text;
    }
  } else value = v == null ? '' : String(v);
  return { oid: vb.oid, type, value };
}

const stripV4Mapped = (a: string) => (a.startsWith('::ffff:') ? a.slice(7) : a);

// One ISO time string per millisecond, not per packet (tens of thousands a second in a storm).
let lastMs = 0;
let lastIso = '';
const nowIso = () => {
  const t = Date.now();
  if (t !== lastMs) {
    lastMs = t;
    lastIso = new Date(t).toISOString();
  }
  return lastIso;
};

/**
 * The trap receiver. v1/v2c (the volume) are decoded here on a plain dgram socket with a
 * 4 MB receive buffer; v3 packets go to net-snmp's receiver (USM authentication, privacy,
 * discovery reports), fed from the same socket, with replay and time-window checks added
 * here (net-snmp does not do them for traps). Nothing a sender puts in a packet can throw
 * out of the message handler.
 */
export class TrapListener {
  private socket: dgram.Socket | null = null;
  private v3: ReturnType<typeof snmp.createReceiver> | null = null;
  private allowed = new Set<string>();
  private readonly v3Levels: Map<string, number>;
  private readonly seenDigests = new Map<string, number>();
  private readonly engineClock = new Map<string, { boots: number; time: number; at: number }>();
  private current: { source: string; header: ReturnType<typeof peekV3>; ok: boolean } | null = null;
  recvBufferBytes = 0;

  constructor(
    private readonly cfg: ListenerConfig,
    private readonly on: ListenerHandlers,
  ) {
    this.v3Levels = new Map(
      cfg.v3Users.map((u) => [u.name, u.level === 'authPriv' ? 3 : u.level === 'authNoPriv' ? 1 : 0]),
    );
    const now = Date.now();
    for (const d of cfg.replay?.digests ?? []) if (now - d.at < REPLAY_KEEP_MS) this.seenDigests.set(d.digest, d.at);
    for (const c of cfg.replay?.clocks ?? [])
      this.engineClock.set(c.engineId, { boots: c.boots, time: c.time, at: c.at });
  }

  /** The replay cache and engine clocks now (what a restart must start from). */
  replayState(): ReplayState {
    const now = Date.now();
    return {
      digests: [...this.seenDigests]
        .filter(([, at]) => now - at < REPLAY_KEEP_MS)
        .map(([digest, at]) => ({ digest, at })),
      clocks: [...this.engineClock].map(([engineId, c]) => ({ engineId, ...c })),
    };
  }

  async start(): Promise<{ address: string; port: number }> {
    if (!this.cfg.acceptAnyHost) {
      for (const h of this.cfg.acceptHosts) {
        try {
          for (const a of await lookup(h, { all: true })) this.allowed.add(stripV4Mapped(a.address));
        } catch {
          // An unresolvable name simply accepts nothing; the settings page shows it.
        }
      }
    }
    if (this.cfg.v3Users.length > 0) this.startV3();
    const type = this.cfg.address.includes(':') ? 'udp6' : 'udp4';
    const socket = dgram.createSocket({ type, recvBufferSize: RECV_BUFFER_BYTES });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (err) => reject(explainBindError(err, this.cfg.address, this.cfg.port)));
      socket.bind(this.cfg.port, this.cfg.address, () => resolve());
    });
    socket.on('error', () => {}); // send errors to vanished senders are not ours to crash on
    try {
      socket.setRecvBufferSize(RECV_BUFFER_BYTES);
      this.recvBufferBytes = socket.getRecvBufferSize();
    } catch {
      this.recvBufferBytes = 0;
    }
    socket.on('message', (buf, rinfo) => this.onMessage(socket, buf, rinfo));
    this.socket = socket;
    const a = socket.address();
    return { address: a.address, port: a.port };
  }

  close(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    return new Promise((r) => (s ? s.close(() => r()) : r()));
  }

  private onMessage(socket: dgram.Socket, buf: Buffer, rinfo: dgram.RemoteInfo): void {
    const source = stripV4Mapped(rinfo.address);
    try {
      if (!this.cfg.acceptAnyHost && !this.allowed.has(source)) {
        this.on.refused(source, 'host-not-accepted', versionName(peekVersion(buf)));
        return;
      }
      let msg;
      try {
        msg = decodeMessage(buf);
      } catch (err) {
        // v3 is rare next to v1/v2c: only a version error costs the extra look.
        if (err instanceof BerError && err.reason === 'wrong-version' && peekVersion(buf) === 3) {
          this.onV3(socket, buf, rinfo, source);
          return;
        }
        throw err;
      }
      if (!this.cfg.communities.includes(msg.community)) {
        this.on.refused(source, 'unknown-community', msg.version === 0 ? 'v1' : 'v2c');
        return;
      }
      if (msg.kind === 'inform') socket.send(informResponse(buf, msg), rinfo.port, rinfo.address);
      this.on.trap(toTrap(msg, source, nowIso()));
    } catch (err) {
      if (err instanceof BerError) this.on.dropped(source, err.reason, err.message);
      else this.on.dropped(source, 'not-ber', err instanceof Error ? err.message.slice(0, 200) : 'undecodable');
    }
  }

  private startV3(): void {
    // net-snmp opens its own socket; give it an inert one and feed it from ours.
    const inert = {
      createSocket: () => ({
        on() {},
        once() {},
        bind() {},
        close(cb?: () => void) {
          cb?.();
        },
        address: () => ({}),
      }),
    };
    const receiver = snmp.createReceiver(
      {
        port: 1,
        address: '127.0.0.1',
        engineID: this.cfg.engineId,
        dgramModule: inert,
        includeAuthentication: true,
      } as never,
      (
        error: Error | null,
        data: { pdu: { varbinds: { oid: string; type: number; value: unknown }[]; type: number } },
      ) => this.onV3Result(error, data),
    );
    const auth = receiver.getAuthorizer();
    for (const u of this.cfg.v3Users) {
      auth.addUser({
        name: u.name,
        level: snmp.SecurityLevel[u.level],
        authProtocol: NET_SNMP_AUTH[u.authProtocol],
        authKey: u.authKey,
        privProtocol: NET_SNMP_PRIV[u.privProtocol],
        privKey: u.privKey,
      } as never);
    }
    this.v3 = receiver;
  }

  private onV3(socket: dgram.Socket, buf: Buffer, rinfo: dgram.RemoteInfo, source: string): void {
    const header = peekV3(buf);
    if (!header) {
      this.on.dropped(source, 'not-ber', 'an SNMPv3 message whose header cannot be read');
      return;
    }
    const reportable = (header.flags & 4) !== 0;
    const discovery = header.userName === '' && reportable;
    const userLevel = this.v3Levels.get(header.userName);
    const name = header.userName.slice(0, 32);
    if (!this.v3 || (!discovery && userLevel === undefined)) {
      this.on.dropped(source, 'unknown-user', `SNMPv3 user "${name}" is not configured (unknown user)`);
      if (!(this.v3 && reportable)) return;
    } else if (userLevel !== undefined && (header.flags & 3) < userLevel) {
      // Below the user's level (e.g. noAuthNoPriv for an authPriv user): refused before any key is used.
      const has = (header.flags & 3) === 3 ? 'authPriv' : (header.flags & 1) === 1 ? 'authNoPriv' : 'noAuthNoPriv';
      const needs = userLevel === 3 ? 'authPriv' : 'authNoPriv';
      this.on.dropped(
        source,
        'security-level',
        `SNMPv3 user "${name}" needs ${needs}; the message is ${has} (security level)`,
      );
      if (!reportable) return;
    }
    const authed = (header.flags & 1) !== 0;
    if (authed) {
      const digest = `${header.engineId}:${header.authParams}:${header.msgId}`;
      if (this.seenDigests.has(digest)) {
        this.on.dropped(
          source,
          'replayed',
          `SNMPv3 message ${header.msgId} from engine ${header.engineId} was already received (replay)`,
        );
        return;
      }
      const clock = this.engineClock.get(header.engineId);
      if (clock) {
        // The sender's clock as last seen, advanced by the time passed here (also across a restart).
        const now = clock.time + Math.floor((Date.now() - clock.at) / 1000);
        if (
          header.engineBoots < clock.boots ||
          (header.engineBoots === clock.boots && header.engineTime < now - TIME_WINDOW_S)
        ) {
          this.on.dropped(
            source,
            'not-in-time-window',
            `SNMPv3 message from engine ${header.engineId} (boots ${header.engineBoots}, time ${header.engineTime}) ` +
              `is outside the ${TIME_WINDOW_S} s time window`,
          );
          return;
        }
      }
    }
    this.current = { source, header, ok: false };
    try {
      this.v3!.onMsg(socket, buf, rinfo);
    } finally {
      const ok = this.current.ok;
      this.current = null;
      if (ok && authed) {
        const at = Date.now();
        const digest = `${header.engineId}:${header.authParams}:${header.msgId}`;
        this.seenDigests.set(digest, at);
        if (this.seenDigests.size > 20_000) {
          // Oldest first (Map keeps insertion order); past the time window a replay fails the clock check anyway.
          let n = 5_000;
          for (const k of this.seenDigests.keys()) {
            this.seenDigests.delete(k);
            if (--n === 0) break;
          }
        }
        const clock = this.engineClock.get(header.engineId);
        const est = clock ? clock.time + Math.floor((at - clock.at) / 1000) : 0;
        if (
          !clock ||
          header.engineBoots > clock.boots ||
          (header.engineBoots === clock.boots && header.engineTime >= est)
        ) {
          this.engineClock.set(header.engineId, { boots: header.engineBoots, time: header.engineTime, at });
        }
        const c = this.engineClock.get(header.engineId)!;
        this.on.v3Accepted?.({ digest, engineId: header.engineId, boots: c.boots, time: c.time, at: c.at });
      }
    }
  }

  private onV3Result(
    error: (Error & { code?: number }) | null,
    data: { pdu: { varbinds: { oid: string; type: number; value: unknown }[]; type: number } },
  ): void {
    const cur = this.current;
    const source = cur?.source ?? 'unknown';
    if (error) {
      const msg = error.message ?? '';
      // net-snmp's messages can quote digests; say the reason only.
      let reason: DropReason = 'v3-invalid';
      let why = 'the message is not a valid SNMPv3 trap or inform';
      if (/Local user not found/i.test(msg)) [reason, why] = ['unknown-user', 'not configured (unknown user)'];
      else if (/requires (authentication|privacy)/i.test(msg))
        [reason, why] = ['security-level', "the message's security level is below the user's (security level)"];
      else if (/decrypt/i.test(msg))
        [reason, why] = ['decrypt-failure', 'decryption failed (wrong privacy key or protocol)'];
      else if (/digest|authentic/i.test(msg))
        [reason, why] = ['auth-failure', 'wrong digest (wrong authentication key or protocol)'];
      else if (/Failure to process/i.test(msg)) [reason, why] = ['not-ber', 'not BER'];
      const user = cur?.header?.userName.slice(0, 32);
      this.on.dropped(source, reason, `SNMPv3 ${user ? `user "${user}"` : 'message'}: ${why}`);
      return;
    }
    if (!cur) return;
    cur.ok = true;
    const kind = data.pdu.type === snmp.PduType.InformRequest ? 'inform' : 'trap';
    if (data.pdu.type === snmp.PduType.Trap) {
      this.on.dropped(source, 'unsupported-pdu', 'a v1 Trap-PDU inside an SNMPv3 message');
      return;
    }
    const all = data.pdu.varbinds;
    // The same cap as v1/v2c: sysUpTime.0 and snmpTrapOID.0 count, as they do on the wire.
    const t = fromV2Varbinds(
      (all.length > MAX_VARBINDS ? all.slice(0, MAX_VARBINDS) : all).map(fromNetSnmp),
      source,
      nowIso(),
      'v3',
      kind,
    );
    if (all.length > MAX_VARBINDS) t.leftOut = all.length - MAX_VARBINDS;
    this.on.trap(t);
  }
}

/** Digests are kept this long: past the time window a replay fails the clock check anyway. */
const REPLAY_KEEP_MS = 10 * 60_000;

const versionName = (v: number | null) => (v === 0 ? 'v1' : v === 1 ? 'v2c' : v === 3 ? 'v3' : 'unknown');
