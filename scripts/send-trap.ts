/**
 * npm run send-trap -- [options]   Sends SNMP traps or informs, like Net-SNMP's snmptrap.
 *
 *   --host H          destination (default 127.0.0.1)
 *   --port N          destination port (default 10162, the demo listener; 162 is standard)
 *   --version V       v1 | v2c | v3 (default v2c)
 *   --inform          send an InformRequest and wait for the acknowledgement (v2c, v3)
 *   --community C     v1/v2c community (default public)
 *   --event N         a MiCC Enterprise event as the Windows event-to-trap translator sends it
 *                     (the default: event 3000): enterprise = BaseEnterpriseOID
 *                     1.3.6.1.4.1.193.132.5.1 + the event source, specific = the event ID
 *   --source S        the event source (default "Router Service"); --source "" = plain form
 *   --severity X      error | warning | informational | success | none: the event ID's top
 *                     two bits (default error: 0xC0000000 + N, a negative INTEGER in v1)
 *   --base OID        another BaseEnterpriseOID (default 1.3.6.1.4.1.193.132.5.1)
 *   --oid X           instead of --event: any notification, an OID or a name from the
 *                     shipped MIBs (e.g. linkDown, coldStart)
 *   --message T       $1, the event text (default "Fail to connect to Broker."; events get
 *                     Windows' trailing CR LF)
 *   --varbind O=T:V   more varbinds, T one of s (string) i (integer) o (OID) a (IP) t (timeticks) c (counter)
 *   --agent A         v1 agent-addr / snmpTrapAddress.0 (the source the console shows)
 *   --count N         send N times (default 1), --interval MS between them (default 0)
 *   --user U --auth PROTO:KEY [--priv PROTO:KEY]   SNMPv3 USM (e.g. --auth sha:authpass --priv aes:privpass)
 *
 * Examples:
 *   npm run send-trap -- --version v1 --event 3010 --message "Router Service lost connection to OAS."
 *   npm run send-trap -- --version v1 --base 1.3.6.1.4.1.311.1.13.1 --source "Interaction Center" --event 47000
 * --message "Genesys Cloud connection lost."
 *   npm run send-trap -- --version v1 --oid linkDown --varbind ifIndex.3=i:3
 *   npm run send-trap -- --port 162 --version v3 --user micc --auth sha:authpass123 --priv aes:privpass123 --inform
 */
import { sendTrap, type SendTrapOptions } from '../electron/connectors/snmp/sender';
import type { AuthProtocol, PrivProtocol } from '../electron/connectors/snmp/trapListener';
import type { OutVarbind, VarbindType } from '../electron/domain/alarms/ber';
import { MICC_BASE_OID, windowsEnterprise } from '../electron/domain/alarms/trap';
import { indexFor } from '../electron/services/alarms/mibs';

function args(argv: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a} (options start with --)`);
    const key = a.slice(2);
    const flag = key === 'inform' || key === 'help';
    const v = flag ? 'true' : argv[++i];
    if (v === undefined) throw new Error(`--${key} needs a value`);
    out.set(key, [...(out.get(key) ?? []), v]);
  }
  return out;
}

const TYPES: Record<string, VarbindType> = {
  s: 'OctetString',
  i: 'Integer',
  o: 'OID',
  a: 'IpAddress',
  t: 'TimeTicks',
  c: 'Counter32',
  g: 'Gauge32',
};

async function main() {
  const a = args(process.argv.slice(2));
  const one = (k: string, d?: string) => a.get(k)?.[a.get(k)!.length - 1] ?? d;
  if (a.has('help')) {
    console.log('See the comment at the top of scripts/send-trap.ts for the options.');
    return;
  }
  const mib = indexFor([]).index;
  const oidOf = (x: string) => {
    const o = mib.oidOf(x);
    if (!o) throw new Error(`${x} is neither an OID nor a name in the shipped MIBs`);
    return o;
  };
  const version = one('version', 'v2c') as 'v1' | 'v2c' | 'v3';
  if (!['v1', 'v2c', 'v3'].includes(version)) throw new Error('--version is v1, v2c or v3');
  const SEVERITY_BITS: Record<string, number> = {
    error: 0xc0000000,
    warning: 0x80000000,
    informational: 0x40000000,
    success: 0,
    none: 0,
  };
  const sev = (one('severity', 'error') ?? 'error').toLowerCase();
  if (!(sev in SEVERITY_BITS)) throw new Error('--severity is error, warning, informational, success or none');
  const asEvent = !a.has('oid');
  const base = one('base', MICC_BASE_OID)!;
  const eventSource = one('source', 'Router Service')!;
  const eventNumber = Number(one('event', '3000'));
  if (asEvent && !(Number.isInteger(eventNumber) && eventNumber >= 0 && eventNumber <= 0xffff))
    throw new Error('--event is an event number 0-65535');
  const eventBase = eventSource ? windowsEnterprise(base, eventSource) : base;
  const eventOid = `${eventBase}.0.${(SEVERITY_BITS[sev]! + eventNumber) >>> 0}`;
  const text = one('message', 'Fail to connect to Broker.')!;
  const varbinds: OutVarbind[] = [
    { oid: `${base}.9999.1.0`, type: 'OctetString', value: asEvent ? `${text}\r\n` : text },
  ];
  for (const vb of a.get('varbind') ?? []) {
    const m = /^([^=]+)=([a-z]):(.*)$/.exec(vb);
    if (!m || !TYPES[m[2]!])
      throw new Error(`--varbind ${vb}: expected OID=TYPE:VALUE with TYPE one of ${Object.keys(TYPES).join(' ')}`);
    varbinds.push({ oid: oidOf(m[1]!), type: TYPES[m[2]!]!, value: m[3]! });
  }
  const agent = one('agent');
  if (agent && version !== 'v1') varbinds.push({ oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: agent });
  const proto = (s: string | undefined) =>
    s ? { p: s.split(':')[0]!, k: s.split(':').slice(1).join(':') } : undefined;
  const auth = proto(one('auth'));
  const priv = proto(one('priv'));
  const opts: SendTrapOptions = {
    host: one('host', '127.0.0.1')!,
    port: Number(one('port', '10162')),
    version,
    inform: a.has('inform'),
    community: one('community', 'public'),
    trapOid: asEvent ? eventOid : oidOf(one('oid')!),
    varbinds,
    ...(agent ? { agentAddr: agent } : {}),
    ...(version === 'v3'
      ? {
          user: {
            name: one('user') ?? '',
            level: priv ? 'authPriv' : auth ? 'authNoPriv' : 'noAuthNoPriv',
            authProtocol: (auth?.p ?? 'sha') as AuthProtocol,
            authKey: auth?.k,
            privProtocol: (priv?.p ?? 'aes') as PrivProtocol,
            privKey: priv?.k,
          },
        }
      : {}),
  } as SendTrapOptions;
  if (version === 'v3' && !opts.user?.name) throw new Error('--version v3 needs --user');
  const count = Number(one('count', '1'));
  const interval = Number(one('interval', '0'));
  for (let i = 0; i < count; i++) {
    const r = await sendTrap(opts);
    if (count === 1 || i === count - 1)
      console.log(
        `${count > 1 ? `${count} × ` : ''}${version}${opts.inform ? ' inform' : ' trap'} ${mib.name(opts.trapOid)} → ` +
          `${opts.host}:${opts.port}${r.acknowledged ? ' (acknowledged)' : ''}`,
      );
    if (interval > 0) await new Promise((r) => setTimeout(r, interval));
  }
}

main().catch((err) => {
  console.error(`send-trap: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
