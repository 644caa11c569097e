import { sendTrap } from '../../connectors/snmp/sender';
import type { OutVarbind } from '../../domain/alarms/ber';
import { MICC_BASE_OID, windowsEnterprise } from '../../domain/alarms/trap';

const N = `${MICC_BASE_OID}.0`;
const MSG = `${MICC_BASE_OID}.100.1`;
const COMPUTER = `${MICC_BASE_OID}.100.2`;
const SERVICE = `${MICC_BASE_OID}.100.3`;
const TRAP_ADDRESS = '1.3.6.1.6.3.18.1.3.0';

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

/** Windows puts "\r\n" after the event text; the seed's alarm browser shows it as \015\n. */
const micc = (specific: number, server: DemoServer, text: string, service: string) => ({
  version: 'v2c' as const,
  trapOid: `${N}.${specific}`,
  varbinds: [
    { oid: MSG, type: 'OctetString', value: `${text}\r\n` },
    { oid: COMPUTER, type: 'OctetString', value: server.host },
    { oid: SERVICE, type: 'OctetString', value: service },
    { oid: TRAP_ADDRESS, type: 'IpAddress', value: server.address },
  ] as OutVarbind[],
});

/** Genesys Cloud Bridge on a CIC server, through the Windows event-to-trap translator (a v1 trap). */
const genesys = (eventId: 47000 | 47001) => ({
  version: 'v1' as const,
  agentAddr: CIC.address,
  trapOid: `${windowsEnterprise('1.3.6.1.4.1.311.1.13.1', 'Interaction Center')}.0.${eventId}`,
  varbinds: [{ oid: '1.3.6.1.4.1.311.1.13.1.9999.1.0', type: 'OctetString', value: eventId === 47000 ? 'Genesys Cloud connection lost.\r\n' : 'Genesys Cloud connection restored.\r\n' }] as OutVarbind[],
});

type DemoTrap = ReturnType<typeof micc> | ReturnType<typeof genesys>;

/** The seed's own alarm browser sequence first, then a realistic trickle. */
const OPENING: DemoTrap[] = [
  micc(1, SERVERS[0]!, 'Fail to connect to Broker.', 'Router Service'),
  micc(1, SERVERS[0]!, 'Fail to connect to Broker.', 'Router Service'),
  micc(1, SERVERS[0]!, 'Fail to connect to Broker.', 'Router Service'),
  micc(2, SERVERS[0]!, 'Router Service lost connection to OAS.', 'Router Service'),
  micc(3, SERVERS[0]!, 'Router Service reconnected to OAS.', 'Router Service'),
  micc(2, SERVERS[1]!, 'Router Service lost connection to OAS.', 'Router Service'),
  genesys(47000),
  micc(4, SERVERS[2]!, 'The Telephony Application Service stopped.', 'Telephony Application Service'),
];

function randomTrap(): DemoTrap {
  const s = SERVERS[Math.floor(Math.random() * SERVERS.length)]!;
  const r = Math.random();
  if (r < 0.3) return micc(1, s, 'Fail to connect to Broker.', 'Router Service');
  if (r < 0.45) return micc(2, s, 'Router Service lost connection to OAS.', 'Router Service');
  if (r < 0.65) return micc(3, s, 'Router Service reconnected to OAS.', 'Router Service');
  if (r < 0.75) return genesys(47000);
  if (r < 0.85) return genesys(47001);
  if (r < 0.92) return micc(4, s, 'The Report Service stopped.', 'Report Service');
  return micc(5, s, 'The Report Service started.', 'Report Service');
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
