import { sendTrap, type SendTrapOptions } from '../../connectors/snmp/sender';
import type { OutVarbind } from '../../domain/alarms/ber';
import { MICC_BASE_OID, windowsEnterprise } from '../../domain/alarms/trap';

/** The translator's insertion-string varbinds, by position ($1 = the event text); the seeded history uses them too. */
export const insertionStringOid = (base: string, n: number) => `${base}.9999.${n}.0`;
const STRING = insertionStringOid;
const TRAP_ADDRESS = '1.3.6.1.6.3.18.1.3.0';
const IC_BASE = '1.3.6.1.4.1.311.1.13.1';

// Windows event ID severity bits (the top two bits of the 32-bit ID).
export const ERROR = 0xc0000000;
const WARNING = 0x80000000;
const INFORMATIONAL = 0x40000000;

interface DemoServer {
  host: string;
  address: string;
}
const SERVERS: DemoServer[] = [
  { host: 'micc01.demo.example', address: '10.20.1.11' },
  { host: 'micc02.demo.example', address: '10.20.1.12' },
  { host: 'oas01.demo.example', address: '10.20.1.21' },
];
const CIC = { host: 'cic01.demo.example', address: '10.20.2.31' };

type DemoTrap = Omit<SendTrapOptions, 'host' | 'port' | 'community'>;

/**
 * A MiCC Enterprise event as the Windows event-to-trap translator sends it: an SNMPv1 trap,
 * enterprise = BaseEnterpriseOID + <length>.<characters of the event source>, specific-trap =
 * the 32-bit event ID with its severity bits, the insertion strings as varbinds ($1 = the
 * text with Windows' trailing CR LF, which OpenView shows as \015\n).
 */
const v1Event = (
  server: DemoServer,
  source: string,
  bits: number,
  eventNumber: number,
  text: string,
  ...more: string[]
): DemoTrap => ({
  version: 'v1',
  agentAddr: server.address,
  trapOid: `${windowsEnterprise(MICC_BASE_OID, source)}.0.${(bits + eventNumber) >>> 0}`,
  varbinds: [`${text}\r\n`, ...more].map((v, i) => ({
    oid: STRING(MICC_BASE_OID, i + 1),
    type: 'OctetString',
    value: v,
  })) as OutVarbind[],
});

/** The same event forwarded by a manager or proxy as SNMPv2c (RFC 3584: snmpTrapOID.0 = enterprise.0.specific). */
const v2cForward = (server: DemoServer, source: string, bits: number, eventNumber: number, text: string): DemoTrap => {
  const e = v1Event(server, source, bits, eventNumber, text);
  return {
    version: 'v2c',
    trapOid: e.trapOid,
    varbinds: [...e.varbinds, { oid: TRAP_ADDRESS, type: 'IpAddress', value: server.address }],
  };
};

/** Genesys Cloud Bridge on a CIC server (seed 004: event IDs 47000/47001), Microsoft's default base. */
const genesys = (eventId: 47000 | 47001): DemoTrap => ({
  version: 'v1',
  agentAddr: CIC.address,
  trapOid:
    `${windowsEnterprise(IC_BASE, 'Interaction Center')}.0.` +
    `${((eventId === 47000 ? ERROR : INFORMATIONAL) + eventId) >>> 0}`,
  varbinds: [
    {
      oid: STRING(IC_BASE, 1),
      type: 'OctetString',
      value: eventId === 47000 ? 'Genesys Cloud connection lost.\r\n' : 'Genesys Cloud connection restored.\r\n',
    },
  ],
});

const broker = (s: DemoServer) => v1Event(s, 'Router Service', ERROR, 3000, 'Fail to connect to Broker.');
const oasLost = (s: DemoServer) => v1Event(s, 'Router Service', ERROR, 3010, 'Router Service lost connection to OAS.');
const oasBack = (s: DemoServer) =>
  v2cForward(s, 'Router Service', INFORMATIONAL, 3011, 'Router Service reconnected to OAS.');
const stopped = (s: DemoServer, service: string) =>
  v1Event(
    s,
    'Service Control Manager',
    INFORMATIONAL,
    7036,
    `The ${service} service entered the stopped state.`,
    service,
    'stopped',
  );
const slow = (s: DemoServer) =>
  v2cForward(s, 'Report Service', WARNING, 5102, 'The report database answered slowly (4.2 s).');

/** The seed's own alarm browser sequence first, then a realistic trickle. */
const OPENING: DemoTrap[] = [
  broker(SERVERS[0]!),
  broker(SERVERS[0]!),
  broker(SERVERS[0]!),
  oasLost(SERVERS[0]!),
  oasBack(SERVERS[0]!),
  oasLost(SERVERS[1]!),
  genesys(47000),
  stopped(SERVERS[2]!, 'Telephony Application'),
];

function randomTrap(): DemoTrap {
  const s = SERVERS[Math.floor(Math.random() * SERVERS.length)]!;
  const r = Math.random();
  if (r < 0.3) return broker(s);
  if (r < 0.45) return oasLost(s);
  if (r < 0.65) return oasBack(s);
  if (r < 0.75) return genesys(47000);
  if (r < 0.85) return genesys(47001);
  if (r < 0.92) return slow(s);
  return stopped(s, 'Report');
}

/** Sends realistic MiCC Enterprise traps to the console's own listener (demo database only). */
export class DemoTrapSource {
  private timer: NodeJS.Timeout | null = null;
  private step = 0;

  constructor(private readonly o: { host: string; port: number; community: string; intervalMs?: number | undefined }) {}

  start(): void {
    const tick = () => {
      const t = this.step < OPENING.length ? OPENING[this.step]! : randomTrap();
      this.step++;
      void sendTrap({ host: this.o.host, port: this.o.port, community: this.o.community, ...t }).catch(() => {});
      const wait = this.step < OPENING.length ? 300 : (this.o.intervalMs ?? 5000) * (0.5 + Math.random());
      this.timer = setTimeout(tick, wait);
      this.timer.unref?.();
    };
    this.timer = setTimeout(tick, 500);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
