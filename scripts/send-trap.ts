/**
 * npm run send-trap -- [options]   Sends SNMP traps or informs, like Net-SNMP's snmptrap.
 *
 *   --host H          destination (default 127.0.0.1)
 *   --port N          destination port (default 10162, the demo listener; 162 is standard)
 *   --version V       v1 | v2c | v3 (default v2c)
 *   --inform          send an InformRequest and wait for the acknowledgement (v2c, v3)
 *   --community C     v1/v2c community (default public)
 *   --oid X           notification: an OID or a name from the shipped MIBs
 *                     (default secBrokerConFailed)
 *   --message T       $1: secEventMessage (default "Fail to connect to Broker.")
 *   --varbind O=T:V   more varbinds, T one of s (string) i (integer) o (OID) a (IP) t (timeticks) c (counter)
 *   --agent A         v1 agent-addr / snmpTrapAddress.0 (the source the console shows)
 *   --count N         send N times (default 1), --interval MS between them (default 0)
 *   --user U --auth PROTO:KEY [--priv PROTO:KEY]   SNMPv3 USM (e.g. --auth sha:authpass --priv aes:privpass)
 *
 * Examples:
 *   npm run send-trap -- --oid secRouterOASConLost --message "Router Service lost connection to OAS."
 *   npm run send-trap -- --version v1 --oid 1.3.6.1.4.1.311.1.13.1.18.73.110.116.101.114.97.99.116.105.111.110.32.67.101.110.116.101.114.0.47000 --message "Genesys Cloud connection lost."
 *   npm run send-trap -- --port 162 --version v3 --user micc --auth sha:authpass123 --priv aes:privpass123 --inform
 */
import { sendTrap, type SendTrapOptions } from '../electron/connectors/snmp/sender';
import type { AuthProtocol, PrivProtocol } from '../electron/connectors/snmp/trapListener';
import type { OutVarbind, VarbindType } from '../electron/domain/alarms/ber';
import { MICC_BASE_OID } from '../electron/domain/alarms/trap';
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

const TYPES: Record<string, VarbindType> = { s: 'OctetString', i: 'Integer', o: 'OID', a: 'IpAddress', t: 'TimeTicks', c: 'Counter32', g: 'Gauge32' };

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
  const varbinds: OutVarbind[] = [{ oid: `${MICC_BASE_OID}.100.1`, type: 'OctetString', value: one('message', 'Fail to connect to Broker.')! }];
  for (const vb of a.get('varbind') ?? []) {
    const m = /^([^=]+)=([a-z]):(.*)$/.exec(vb);
    if (!m || !TYPES[m[2]!]) throw new Error(`--varbind ${vb}: expected OID=TYPE:VALUE with TYPE one of ${Object.keys(TYPES).join(' ')}`);
    varbinds.push({ oid: oidOf(m[1]!), type: TYPES[m[2]!]!, value: m[3]! });
  }
  const agent = one('agent');
  if (agent && version !== 'v1') varbinds.push({ oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: agent });
  const proto = (s: string | undefined) => (s ? { p: s.split(':')[0]!, k: s.split(':').slice(1).join(':') } : undefined);
  const auth = proto(one('auth'));
  const priv = proto(one('priv'));
  const opts: SendTrapOptions = {
    host: one('host', '127.0.0.1')!,
    port: Number(one('port', '10162')),
    version,
    inform: a.has('inform'),
    community: one('community', 'public'),
    trapOid: oidOf(one('oid', 'secBrokerConFailed')!),
    varbinds,
    ...(agent ? { agentAddr: agent } : {}),
    ...(version === 'v3'
      ? { user: { name: one('user') ?? '', level: priv ? 'authPriv' : auth ? 'authNoPriv' : 'noAuthNoPriv', authProtocol: (auth?.p ?? 'sha') as AuthProtocol, authKey: auth?.k, privProtocol: (priv?.p ?? 'aes') as PrivProtocol, privKey: priv?.k } }
      : {}),
  } as SendTrapOptions;
  if (version === 'v3' && !opts.user?.name) throw new Error('--version v3 needs --user');
  const count = Number(one('count', '1'));
  const interval = Number(one('interval', '0'));
  for (let i = 0; i < count; i++) {
    const r = await sendTrap(opts);
    if (count === 1 || i === count - 1) console.log(`${count > 1 ? `${count} × ` : ''}${version}${opts.inform ? ' inform' : ' trap'} ${mib.name(opts.trapOid)} → ${opts.host}:${opts.port}${r.acknowledged ? ' (acknowledged)' : ''}`);
    if (interval > 0) await new Promise((r) => setTimeout(r, interval));
  }
}

main().catch((err) => {
  console.error(`send-trap: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
