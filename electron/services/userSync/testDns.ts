import { createSocket, type Socket } from 'node:dgram';

/**
 * A small DNS server for tests on 127.0.0.1 (UDP, the real wire format of RFC 1035): it answers SRV queries
 * (RFC 2782) from a table and NXDOMAIN otherwise. Node's Resolver is pointed at it with setServers.
 */
export interface SrvAnswer {
  priority: number;
  weight: number;
  port: number;
  target: string;
}
export interface TestDns {
  server: string;
  /** Names asked for, in order (lower case, no trailing dot). */
  queries: string[];
  stop(): Promise<void>;
}

const labels = (name: string) => {
  const parts = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.from([Buffer.byteLength(p)]), Buffer.from(p)])),
    Buffer.from([0]),
  ]);
};

function answer(query: Buffer, srv: Record<string, SrvAnswer[]>, queries: string[]): Buffer | null {
  if (query.length < 12) return null;
  let o = 12;
  const name: string[] = [];
  while (o < query.length && query[o] !== 0) {
    const len = query[o]!;
    name.push(query.subarray(o + 1, o + 1 + len).toString('ascii'));
    o += 1 + len;
  }
  o += 1;
  const qtype = query.readUInt16BE(o);
  const question = query.subarray(12, o + 4);
  const qname = name.join('.').toLowerCase();
  queries.push(qname);
  const records = qtype === 33 ? srv[qname] : undefined;
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  const rd = query[2]! & 0x01;
  header[2] = 0x80 | 0x04 | rd; // QR, AA, RD as asked
  header[3] = 0x80 | (srv[qname] ? 0 : 3); // RA; NXDOMAIN for an unknown name (NOERROR, no data, for another type)
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records?.length ?? 0, 6);
  const rrs = (records ?? []).map((r) => {
    const target = labels(r.target);
    const rdata = Buffer.alloc(6);
    rdata.writeUInt16BE(r.priority, 0);
    rdata.writeUInt16BE(r.weight, 2);
    rdata.writeUInt16BE(r.port, 4);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    fixed.writeUInt16BE(33, 2);
    fixed.writeUInt16BE(1, 4);
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(rdata.length + target.length, 10);
    return Buffer.concat([fixed, rdata, target]);
  });
  return Buffer.concat([header, question, ...rrs]);
}

export async function startTestDns(srv: Record<string, SrvAnswer[]>): Promise<TestDns> {
  const table = Object.fromEntries(Object.entries(srv).map(([k, v]) => [k.toLowerCase().replace(/\.$/, ''), v]));
  const queries: string[] = [];
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const reply = answer(msg, table, queries);
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  });
  // The server keeps its own socket (port 0 = a free one, no race with another process).
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return {
    server: `127.0.0.1:${socket.address().port}`,
    queries,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
