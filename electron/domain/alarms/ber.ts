/**
 * SNMP v1/v2c message codec (BER, RFC 1157 / RFC 3416) for the trap listener's hot path.
 * net-snmp's receiver builds a Message/PDU object graph per packet and throws plain errors;
 * this reader walks the buffer once, answers typed varbinds and names *why* a packet is bad
 * (the listener counts drops by that reason). v3 is only peeked at here (header fields for
 * replay checks); net-snmp does USM authentication and decryption.
 */

export type VarbindType =
  | 'Integer'
  | 'OctetString'
  | 'Null'
  | 'OID'
  | 'IpAddress'
  | 'Counter32'
  | 'Gauge32'
  | 'TimeTicks'
  | 'Opaque'
  | 'Counter64'
  | 'NoSuchObject'
  | 'NoSuchInstance'
  | 'EndOfMibView';

export interface Varbind {
  oid: string;
  type: VarbindType;
  /**
   * Text for strings that are printable UTF-8, else the bytes as hex digits (with hex set); numbers as decimal text.
   */
  value: string;
  /**
   * Set when value holds bytes as hex digits (not valid/printable UTF-8, or Opaque): never text that looks like hex.
   */
  hex?: true;
}

/** Varbinds kept per trap; a valid trap with more is stored with these and a count of the rest. */
export const MAX_VARBINDS = 256;

export type PduKind = 'trap-v1' | 'trap-v2' | 'inform';

export interface DecodedMessage {
  version: 0 | 1; // 0 = v1, 1 = v2c (the wire values)
  community: string;
  kind: PduKind;
  requestId: number;
  /** v1 trap fields (RFC 1157); absent for v2 traps and informs. */
  v1?: { enterprise: string; agentAddr: string; generic: number; specific: number; timestamp: number };
  varbinds: Varbind[];
  /** Varbinds beyond MAX_VARBINDS: checked (well-formed BER) but not kept. */
  leftOut: number;
  /** Offset of the PDU tag byte (an inform's answer is the same bytes with the tag changed). */
  pduOffset: number;
}

/** Why a packet was dropped; the listener keeps one counter per reason. */
export type MalformedReason =
  'not-ber' | 'truncated' | 'bad-length' | 'wrong-version' | 'unsupported-pdu' | 'bad-value' | 'too-large';

export class BerError extends Error {
  constructor(
    readonly reason: MalformedReason,
    message: string,
  ) {
    super(message);
  }
}

const TAG = {
  INTEGER: 0x02,
  OCTETS: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQ: 0x30,
  IP: 0x40,
  C32: 0x41,
  G32: 0x42,
  TT: 0x43,
  OPAQUE: 0x44,
  C64: 0x46,
} as const;
export const PDU_TAG = { GET_RESPONSE: 0xa2, TRAP_V1: 0xa4, INFORM: 0xa6, TRAP_V2: 0xa7, REPORT: 0xa8 } as const;

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  /** Reads a tag + length; answers the content's [start, end). */
  header(expect?: number): { tag: number; start: number; end: number } {
    if (this.pos + 2 > this.end) throw new BerError('truncated', 'packet ends inside a BER header');
    const tag = this.buf[this.pos++]!;
    if (expect !== undefined && tag !== expect)
      throw new BerError('not-ber', `expected tag 0x${expect.toString(16)}, found 0x${tag.toString(16)}`);
    let len = this.buf[this.pos++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0) throw new BerError('bad-length', 'indefinite length is not allowed in SNMP');
      if (n > 4) throw new BerError('bad-length', `length of ${n} bytes`);
      if (this.pos + n > this.end) throw new BerError('truncated', 'packet ends inside a length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + this.buf[this.pos++]!;
    }
    const start = this.pos;
    const end = start + len;
    if (end > this.end) throw new BerError('truncated', `element of ${len} bytes overruns its container`);
    this.pos = end;
    return { tag, start, end };
  }

  int(): number {
    const h = this.header(TAG.INTEGER);
    return readInt(this.buf, h.start, h.end);
  }
}

function readInt(buf: Buffer, start: number, end: number): number {
  const n = end - start;
  if (n < 1 || n > 5) throw new BerError('bad-value', `INTEGER of ${n} bytes`);
  let v = buf[start]! & 0x80 ? -1 : 0;
  for (let i = start; i < end; i++) v = v * 256 + buf[i]!;
  return v;
}

function readUnsigned(buf: Buffer, start: number, end: number): string {
  const n = end - start;
  if (n < 1 || n > 9) throw new BerError('bad-value', `unsigned of ${n} bytes`);
  if (n > 6) {
    let v = 0n;
    for (let i = start; i < end; i++) v = v * 256n + BigInt(buf[i]!);
    return v.toString();
  }
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + buf[i]!;
  return String(v);
}

// Traps repeat the same few OIDs (sysUpTime.0, snmpTrapOID.0, the varbinds): remember their text
// by their bytes. Bounded: cleared when full, so a flood of distinct OIDs costs nothing extra.
const oidCache = new Map<string, string>();

export function readOid(buf: Buffer, start: number, end: number): string {
  if (end <= start) throw new BerError('bad-value', 'empty OBJECT IDENTIFIER');
  if (end - start > 512) throw new BerError('too-large', 'OBJECT IDENTIFIER longer than 512 bytes');
  if (end - start <= 64) {
    const key = buf.toString('latin1', start, end);
    const hit = oidCache.get(key);
    if (hit !== undefined) return hit;
    const oid = decodeOid(buf, start, end);
    if (oidCache.size >= 10_000) oidCache.clear();
    oidCache.set(key, oid);
    return oid;
  }
  return decodeOid(buf, start, end);
}

function decodeOid(buf: Buffer, start: number, end: number): string {
  const parts: number[] = [];
  let v = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    v = v * 128 + (b & 0x7f);
    if (v > 0xffffffff) throw new BerError('bad-value', 'OBJECT IDENTIFIER sub-identifier above 2^32');
    if (!(b & 0x80)) {
      if (first) {
        const x = v < 40 ? 0 : v < 80 ? 1 : 2;
        parts.push(x, v - x * 40);
        first = false;
      } else parts.push(v);
      v = 0;
    } else if (i === end - 1) throw new BerError('truncated', 'OBJECT IDENTIFIER ends inside a sub-identifier');
  }
  return parts.join('.');
}

/** Printable UTF-8 text (tabs, CR, LF allowed) or null. */
function asText(buf: Buffer, start: number, end: number): string | null {
  let ascii = true;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) return null;
    if (b === 0x7f) return null;
    if (b > 0x7f) ascii = false;
  }
  if (ascii) return buf.toString('latin1', start, end);
  const s = buf.toString('utf8', start, end);
  return s.includes('\ufffd') ? null : s;
}

function readValue(buf: Buffer, r: Reader): { type: VarbindType; value: string; hex?: true } {
  const h = r.header();
  const { start, end } = h;
  switch (h.tag) {
    case TAG.INTEGER:
      return { type: 'Integer', value: String(readInt(buf, start, end)) };
    case TAG.OCTETS: {
      const text = asText(buf, start, end);
      return text !== null
        ? { type: 'OctetString', value: text }
        : { type: 'OctetString', value: buf.toString('hex', start, end), hex: true };
    }
    case TAG.NULL:
      return { type: 'Null', value: '' };
    case TAG.OID:
      return { type: 'OID', value: readOid(buf, start, end) };
    case TAG.IP:
      if (end - start !== 4) throw new BerError('bad-value', 'IpAddress is not 4 bytes');
      return { type: 'IpAddress', value: `${buf[start]}.${buf[start + 1]}.${buf[start + 2]}.${buf[start + 3]}` };
    case TAG.C32:
      return { type: 'Counter32', value: readUnsigned(buf, start, end) };
    case TAG.G32:
      return { type: 'Gauge32', value: readUnsigned(buf, start, end) };
    case TAG.TT:
      return { type: 'TimeTicks', value: readUnsigned(buf, start, end) };
    case TAG.OPAQUE:
      return { type: 'Opaque', value: buf.toString('hex', start, end), hex: true };
    case TAG.C64:
      return { type: 'Counter64', value: readUnsigned(buf, start, end) };
    case 0x80:
      return { type: 'NoSuchObject', value: '' };
    case 0x81:
      return { type: 'NoSuchInstance', value: '' };
    case 0x82:
      return { type: 'EndOfMibView', value: '' };
    default:
      throw new BerError('bad-value', `unknown value type 0x${h.tag.toString(16)}`);
  }
}

// Event traps repeat the same text varbinds (the event text, the server's name, its address):
// a decoded OctetString / OID / IpAddress varbind is remembered by its bytes, with its JSON text
// (what trap_log stores), so a repeat costs one lookup instead of a decode, a new object and a
// JSON.stringify at packing. Numbers (counters, TimeTicks) change from trap to trap: not kept.
// Bounded like the OID cache. The objects are shared between traps and never changed.
const varbindCache = new Map<string, Varbind>();
const varbindJson = new WeakMap<Varbind, string>();
const CACHED_VARBIND_BYTES = 512;

// A v1 event trap's whole variable-bindings list repeats byte for byte (the v1 timestamp is
// outside it): the decoded list and its JSON text are remembered by its bytes too, when every
// varbind in it is of a kind kept above. A v2c list starts with sysUpTime.0 and is never kept.
const listCache = new Map<string, Varbind[]>();
const listJson = new WeakMap<readonly Varbind[], string>();
const CACHED_LIST_BYTES = 1024;

/** JSON.stringify(varbinds), from the texts remembered at decoding where there are some. */
export function varbindsJson(varbinds: readonly Varbind[]): string {
  const whole = listJson.get(varbinds);
  if (whole !== undefined) return whole;
  let out = '[';
  for (let i = 0; i < varbinds.length; i++) {
    const j = varbindJson.get(varbinds[i]!);
    if (j === undefined) return JSON.stringify(varbinds);
    out += i === 0 ? j : ',' + j;
  }
  return out + ']';
}

function readVarbinds(buf: Buffer, r: Reader): { varbinds: Varbind[]; leftOut: number } {
  const list = r.header(TAG.SEQ);
  const listKey = list.end - list.start <= CACHED_LIST_BYTES ? buf.toString('latin1', list.start, list.end) : '';
  if (listKey) {
    const hit = listCache.get(listKey);
    if (hit !== undefined) return { varbinds: hit, leftOut: 0 };
  }
  let allCached = listKey !== '';
  const inner = new Reader(buf, list.start, list.end);
  const out: Varbind[] = [];
  let leftOut = 0;
  while (inner.pos < list.end) {
    const vb = inner.header(TAG.SEQ);
    const v = new Reader(buf, vb.start, vb.end);
    const o = v.header(TAG.OID);
    if (out.length >= MAX_VARBINDS) {
      // Past the cap: still well-formed BER (a varbind is an OID and one value), not decoded or kept.
      v.header();
      leftOut++;
      continue;
    }
    const tag = buf[v.pos];
    const cacheable =
      (tag === TAG.OCTETS || tag === TAG.OID || tag === TAG.IP) && vb.end - vb.start <= CACHED_VARBIND_BYTES;
    if (!cacheable) allCached = false;
    const key = cacheable ? buf.toString('latin1', vb.start, vb.end) : '';
    if (cacheable) {
      const hit = varbindCache.get(key);
      if (hit !== undefined) {
        out.push(hit);
        continue;
      }
    }
    const oid = readOid(buf, o.start, o.end);
    const val = readValue(buf, v);
    const decoded: Varbind = val.hex
      ? { oid, type: val.type, value: val.value, hex: true }
      : { oid, type: val.type, value: val.value };
    if (cacheable) {
      if (varbindCache.size >= 10_000) varbindCache.clear();
      varbindCache.set(key, decoded);
      varbindJson.set(decoded, JSON.stringify(decoded));
    }
    out.push(decoded);
  }
  if (allCached && leftOut === 0) {
    if (listCache.size >= 5_000) listCache.clear();
    listCache.set(listKey, out);
    listJson.set(out, varbindsJson(out));
  }
  return { varbinds: out, leftOut };
}

// A v1 agent-addr: one text per address (a storm comes from a handful of servers).
const ipCache = new Map<number, string>();
function ipText(buf: Buffer, at: number): string {
  const n = buf.readUInt32BE(at);
  let s = ipCache.get(n);
  if (s === undefined) {
    s = `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`;
    if (ipCache.size >= 10_000) ipCache.clear();
    ipCache.set(n, s);
  }
  return s;
}

/** The message version without decoding the rest (0 = v1, 1 = v2c, 3 = v3), or null. */
export function peekVersion(buf: Buffer): number | null {
  try {
    const r = new Reader(buf, 0, buf.length);
    r.header(TAG.SEQ);
    r.pos = 0;
    const seq = r.header(TAG.SEQ);
    const inner = new Reader(buf, seq.start, seq.end);
    return inner.int();
  } catch {
    return null;
  }
}

/** Decodes a v1/v2c trap or inform; throws BerError with the reason otherwise. */
export function decodeMessage(buf: Buffer): DecodedMessage {
  if (buf.length > 65507) throw new BerError('too-large', 'datagram above the UDP maximum');
  const top = new Reader(buf, 0, buf.length);
  if (buf[0] !== TAG.SEQ) throw new BerError('not-ber', 'not an SNMP message (no SEQUENCE)');
  const seq = top.header(TAG.SEQ);
  const r = new Reader(buf, seq.start, seq.end);
  const version = r.int();
  if (version !== 0 && version !== 1)
    throw new BerError(
      'wrong-version',
      `SNMP version ${version === 3 ? '3 without a v3 decoder' : `value ${version}`}`,
    );
  const c = r.header(TAG.OCTETS);
  const community = buf.toString('latin1', c.start, c.end);
  const pduOffset = r.pos;
  const pdu = r.header();
  const p = new Reader(buf, pdu.start, pdu.end);
  if (pdu.tag === PDU_TAG.TRAP_V1) {
    if (version !== 0) throw new BerError('wrong-version', 'a v1 Trap-PDU in a v2c message');
    const e = p.header(TAG.OID);
    const enterprise = readOid(buf, e.start, e.end);
    const a = p.header(TAG.IP);
    if (a.end - a.start !== 4) throw new BerError('bad-value', 'agent-addr is not 4 bytes');
    const agentAddr = ipText(buf, a.start);
    const generic = p.int();
    const specific = p.int();
    const t = p.header(TAG.TT);
    const timestamp = Number(readUnsigned(buf, t.start, t.end));
    const { varbinds, leftOut } = readVarbinds(buf, p);
    return {
      version: 0,
      community,
      kind: 'trap-v1',
      requestId: 0,
      v1: { enterprise, agentAddr, generic, specific, timestamp },
      varbinds,
      leftOut,
      pduOffset,
    };
  }
  if (pdu.tag === PDU_TAG.TRAP_V2 || pdu.tag === PDU_TAG.INFORM) {
    if (version !== 1)
      throw new BerError(
        'wrong-version',
        `a ${pdu.tag === PDU_TAG.INFORM ? 'InformRequest' : 'SNMPv2-Trap'} PDU in a v1 message`,
      );
    const requestId = p.int();
    p.int();
    p.int();
    const { varbinds, leftOut } = readVarbinds(buf, p);
    return {
      version: 1,
      community,
      kind: pdu.tag === PDU_TAG.INFORM ? 'inform' : 'trap-v2',
      requestId,
      varbinds,
      leftOut,
      pduOffset,
    };
  }
  throw new BerError('unsupported-pdu', `PDU type 0x${pdu.tag.toString(16)} is not a trap or inform`);
}

/** The Response-PDU acknowledging an inform (RFC 3416 §4.2.7): same request-id and varbinds. */
export function informResponse(buf: Buffer, msg: DecodedMessage): Buffer {
  const out = Buffer.from(buf);
  out[msg.pduOffset] = PDU_TAG.GET_RESPONSE;
  return out;
}

/** The v3 header fields the listener checks for replays (RFC 3414 §3.2), or null. */
export interface V3Header {
  msgId: number;
  flags: number;
  engineId: string; // hex
  engineBoots: number;
  engineTime: number;
  userName: string;
  authParams: string; // hex
}

export function peekV3(buf: Buffer): V3Header | null {
  try {
    const top = new Reader(buf, 0, buf.length);
    const seq = top.header(TAG.SEQ);
    const r = new Reader(buf, seq.start, seq.end);
    if (r.int() !== 3) return null;
    const g = r.header(TAG.SEQ);
    const gr = new Reader(buf, g.start, g.end);
    const msgId = gr.int();
    gr.int(); // max size
    const f = gr.header(TAG.OCTETS);
    const flags = f.end > f.start ? buf[f.start]! : 0;
    const sp = r.header(TAG.OCTETS);
    const s = new Reader(buf, sp.start, sp.end);
    const usm = s.header(TAG.SEQ);
    const u = new Reader(buf, usm.start, usm.end);
    const e = u.header(TAG.OCTETS);
    const engineBoots = u.int();
    const engineTime = u.int();
    const n = u.header(TAG.OCTETS);
    const a = u.header(TAG.OCTETS);
    return {
      msgId,
      flags,
      engineId: buf.toString('hex', e.start, e.end),
      engineBoots,
      engineTime,
      userName: buf.toString('utf8', n.start, n.end),
      authParams: buf.toString('hex', a.start, a.end),
    };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- encoding (sender, tests, bench)

function encLen(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  if (n < 0x10000) return Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.from([0x83, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}
const tlv = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), encLen(content.length), content]);

function encInt(v: number): Buffer {
  const bytes: number[] = [];
  let x = Math.trunc(v);
  for (;;) {
    bytes.unshift(x & 0xff);
    const more = x >= 0 ? x > 0x7f : x < -0x80;
    x = Math.floor(x / 256);
    if (!more) break;
  }
  return Buffer.from(bytes);
}
function encUnsigned(v: number | bigint): Buffer {
  let x = BigInt(v);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(x & 0xffn));
    x >>= 8n;
  } while (x > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return Buffer.from(bytes);
}
export function encOid(oid: string): Buffer {
  const parts = oid.replace(/^\./, '').split('.').map(Number);
  if (parts.length < 2 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 0xffffffff))
    throw new Error(`not an OID: ${oid}`);
  const out: number[] = [];
  const sub = (n: number) => {
    const b: number[] = [n & 0x7f];
    n = Math.floor(n / 128);
    while (n > 0) {
      b.unshift((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(...b);
  };
  sub(parts[0]! * 40 + parts[1]!);
  for (const p of parts.slice(2)) sub(p);
  return Buffer.from(out);
}

export interface OutVarbind {
  oid: string;
  type: VarbindType;
  /** OctetString/Opaque: a Buffer is sent as those bytes, a string as its UTF-8 text (even when it looks like hex). */
  value: string | number | Buffer;
}

function encValue(v: OutVarbind): Buffer {
  switch (v.type) {
    case 'Integer':
      return tlv(TAG.INTEGER, encInt(Number(v.value)));
    case 'OctetString':
      return tlv(TAG.OCTETS, Buffer.isBuffer(v.value) ? v.value : Buffer.from(String(v.value), 'utf8'));
    case 'Null':
      return Buffer.from([TAG.NULL, 0]);
    case 'OID':
      return tlv(TAG.OID, encOid(String(v.value)));
    case 'IpAddress':
      return tlv(TAG.IP, Buffer.from(String(v.value).split('.').map(Number)));
    case 'Counter32':
      return tlv(TAG.C32, encUnsigned(Number(v.value)));
    case 'Gauge32':
      return tlv(TAG.G32, encUnsigned(Number(v.value)));
    case 'TimeTicks':
      return tlv(TAG.TT, encUnsigned(Number(v.value)));
    case 'Counter64':
      return tlv(TAG.C64, encUnsigned(BigInt(v.value as string | number)));
    case 'Opaque':
      return tlv(
        TAG.OPAQUE,
        Buffer.isBuffer(v.value) ? v.value : Buffer.from(String(v.value).replace(/^0x/, ''), 'hex'),
      );
    default:
      return Buffer.from([0x80 + ['NoSuchObject', 'NoSuchInstance', 'EndOfMibView'].indexOf(v.type), 0]);
  }
}

const encVarbinds = (vbs: OutVarbind[]) =>
  tlv(TAG.SEQ, Buffer.concat(vbs.map((v) => tlv(TAG.SEQ, Buffer.concat([tlv(TAG.OID, encOid(v.oid)), encValue(v)])))));

export const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
export const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';

/** An SNMPv2-Trap or InformRequest: sysUpTime.0 and snmpTrapOID.0 first, then the varbinds. */
export function encodeTrapV2(o: {
  community: string;
  requestId: number;
  uptime: number;
  trapOid: string;
  varbinds: OutVarbind[];
  inform?: boolean;
}): Buffer {
  const vbs: OutVarbind[] = [
    { oid: SYS_UPTIME, type: 'TimeTicks', value: o.uptime },
    { oid: SNMP_TRAP_OID, type: 'OID', value: o.trapOid },
    ...o.varbinds,
  ];
  const pdu = tlv(
    o.inform ? PDU_TAG.INFORM : PDU_TAG.TRAP_V2,
    Buffer.concat([
      tlv(TAG.INTEGER, encInt(o.requestId)),
      tlv(TAG.INTEGER, encInt(0)),
      tlv(TAG.INTEGER, encInt(0)),
      encVarbinds(vbs),
    ]),
  );
  return tlv(
    TAG.SEQ,
    Buffer.concat([tlv(TAG.INTEGER, encInt(1)), tlv(TAG.OCTETS, Buffer.from(o.community, 'latin1')), pdu]),
  );
}

export function encodeTrapV1(o: {
  community: string;
  enterprise: string;
  agentAddr: string;
  generic: number;
  specific: number;
  uptime: number;
  varbinds: OutVarbind[];
}): Buffer {
  const pdu = tlv(
    PDU_TAG.TRAP_V1,
    Buffer.concat([
      tlv(TAG.OID, encOid(o.enterprise)),
      tlv(TAG.IP, Buffer.from(o.agentAddr.split('.').map(Number))),
      tlv(TAG.INTEGER, encInt(o.generic)),
      tlv(TAG.INTEGER, encInt(o.specific)),
      tlv(TAG.TT, encUnsigned(o.uptime)),
      encVarbinds(o.varbinds),
    ]),
  );
  return tlv(
    TAG.SEQ,
    Buffer.concat([tlv(TAG.INTEGER, encInt(0)), tlv(TAG.OCTETS, Buffer.from(o.community, 'latin1')), pdu]),
  );
}

/** The request-id of a v2c Response-PDU (an inform's acknowledgement), or null. */
export function responseRequestId(buf: Buffer): number | null {
  try {
    const top = new Reader(buf, 0, buf.length);
    const seq = top.header(TAG.SEQ);
    const r = new Reader(buf, seq.start, seq.end);
    r.int();
    r.header(TAG.OCTETS);
    const pdu = r.header(PDU_TAG.GET_RESPONSE);
    return new Reader(buf, pdu.start, pdu.end).int();
  } catch {
    return null;
  }
}
