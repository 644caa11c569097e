import { describe, expect, it } from 'vitest';
import { SnmpAgentConfig, type SnmpEventRow } from '../../contract/services/snmpServers';
import { decodeRegFile, encodeRegFile, parseRegText } from '../registry';
import { MICC_BASE_OID, windowsEnterprise, windowsEventOf } from './trap';
import {
  eventIdParts,
  eventsFromEvntcmd,
  eventsToEvntcmd,
  serverCnfFileName,
  serverConfigFromReg,
  serverConfigToReg,
  serverConfigWarnings,
  serverRegFileName,
  SNMP_KEYS,
  sysServices,
} from './serverConfig';

const events: SnmpEventRow[] = [
  { log: 'Application', source: 'Solidus eCare Router Service', eventId: 0xc0000bb9, count: 1, period: 0 },
  { log: 'Application', source: 'SeCBroker', eventId: 1001, count: 3, period: 600 },
  { log: 'System', source: 'Service Control Manager', eventId: 0x80001b7b, count: 1, period: 0 },
];

const config = (over: Partial<SnmpAgentConfig> = {}): SnmpAgentConfig => ({
  contact: 'Jürgen Müller, "Ops" \\ +49 30 1234',
  location: 'Düsseldorf DC, Rack 14',
  physical: false,
  datalink: true,
  internet: true,
  trapCommunities: [
    { community: 'micc-traps', destinations: ['console01.example.com', '10.1.2.3'] },
    { community: 'nms traps', destinations: ['nms.example.com'] },
  ],
  sendAuthenticationTraps: true,
  acceptedCommunities: [
    { community: 'ccm-read', rights: 'READ ONLY' },
    { community: 'monitor', rights: 'NOTIFY' },
    { community: 'blocked', rights: 'NONE' },
    { community: 'admin', rights: 'READ WRITE' },
    { community: 'create', rights: 'READ CREATE' },
  ],
  acceptAnyHost: false,
  permittedManagers: ['console01.example.com', 'localhost'],
  baseEnterpriseOid: '1.3.6.1.4.1.193.132.5.1',
  events,
  ...over,
});

const PARAMS = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SNMP\\Parameters';

describe('the .reg file for a server’s SNMP Service', () => {
  const text = serverConfigToReg('micc01', config());
  const lines = text.split('\r\n');
  const section = (path: string) => {
    const at = lines.indexOf(`[${path}]`);
    expect(at, path).toBeGreaterThan(0);
    return lines.slice(at + 1, lines.indexOf('', at));
  };

  it('uses the exact registry paths', () => {
    expect(SNMP_KEYS).toEqual({
      parameters: PARAMS,
      agent: `${PARAMS}\\RFC1156Agent`,
      traps: `${PARAMS}\\TrapConfiguration`,
      communities: `${PARAMS}\\ValidCommunities`,
      managers: `${PARAMS}\\PermittedManagers`,
      events: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SNMP_EVENTS\\EventLog\\Parameters',
    });
  });

  it('is a version 5.00 file with CRLF only', () => {
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('Agent tab: sysContact and sysLocation as REG_SZ (escaped), sysServices as a DWORD with Applications and End-to-end on', () => {
    expect(section(SNMP_KEYS.agent)).toEqual([
      '"sysContact"="Jürgen Müller, \\"Ops\\" \\\\ +49 30 1234"',
      '"sysLocation"="Düsseldorf DC, Rack 14"',
      '"sysServices"=dword:0000004e',
    ]);
    expect(sysServices({ physical: false, datalink: false, internet: false })).toBe(0x48);
    expect(sysServices({ physical: true, datalink: true, internet: true })).toBe(0x4f);
  });

  it('Traps tab: TrapConfiguration is replaced, one key per community with numbered REG_SZ destinations', () => {
    expect(lines).toContain(`[-${SNMP_KEYS.traps}]`);
    expect(lines.indexOf(`[-${SNMP_KEYS.traps}]`)).toBeLessThan(lines.indexOf(`[${SNMP_KEYS.traps}\\micc-traps]`));
    expect(section(`${SNMP_KEYS.traps}\\micc-traps`)).toEqual(['"1"="console01.example.com"', '"2"="10.1.2.3"']);
    expect(section(`${SNMP_KEYS.traps}\\nms traps`)).toEqual(['"1"="nms.example.com"']);
  });

  it('Security tab: ValidCommunities as DWORD rights (NONE 1, NOTIFY 2, READ ONLY 4, READ WRITE 8, READ CREATE 16), PermittedManagers numbered, EnableAuthenticationTraps', () => {
    expect(section(SNMP_KEYS.communities)).toEqual([
      '"ccm-read"=dword:00000004',
      '"monitor"=dword:00000002',
      '"blocked"=dword:00000001',
      '"admin"=dword:00000008',
      '"create"=dword:00000010',
    ]);
    expect(section(SNMP_KEYS.managers)).toEqual(['"1"="console01.example.com"', '"2"="localhost"']);
    expect(section(SNMP_KEYS.parameters)).toEqual(['"EnableAuthenticationTraps"=dword:00000001']);
  });

  it('Accept SNMP packets from any host: PermittedManagers is emptied', () => {
    const any = serverConfigToReg('micc01', config({ acceptAnyHost: true })).split('\r\n');
    const at = any.indexOf(`[${SNMP_KEYS.managers}]`);
    expect(any[at + 1]).toBe('');
    expect(any).toContain(`[-${SNMP_KEYS.managers}]`);
  });

  it('BaseEnterpriseOID is a REG_SZ under SNMP_EVENTS\\EventLog\\Parameters', () => {
    expect(section(SNMP_KEYS.events)).toEqual(['"BaseEnterpriseOID"="1.3.6.1.4.1.193.132.5.1"']);
  });

  it('parses with the registry reader and round-trips through regedit’s UTF-16LE bytes', () => {
    expect(parseRegText(text).ok).toBe(true);
    const bytes = encodeRegFile(text);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const back = decodeRegFile(bytes);
    expect(back.encoding).toBe('utf-16le');
    expect(back.text).toBe(text);
    const read = serverConfigFromReg(back.text, events);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.config).toEqual(config());
    expect(SnmpAgentConfig.parse(read.config)).toEqual(config());
  });

  it('round-trips the "any host" form and no authentication traps', () => {
    const c = config({
      acceptAnyHost: true,
      permittedManagers: [],
      sendAuthenticationTraps: false,
      physical: true,
      datalink: false,
      internet: false,
    });
    const read = serverConfigFromReg(serverConfigToReg('x', c), events);
    expect(read.ok && read.config).toEqual(c);
  });

  it('names the line of a value it cannot read', () => {
    const bad = serverConfigToReg('x', config()).replace('"ccm-read"=dword:00000004', '"ccm-read"=dword:00000003');
    const read = serverConfigFromReg(bad);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problems[0]!.message).toMatch(/ValidCommunities/);
      expect(bad.split('\r\n')[read.problems[0]!.line - 1]).toBe('"ccm-read"=dword:00000003');
    }
  });

  it('file names are safe', () => {
    expect(serverRegFileName('micc 01/a')).toBe('SNMP-micc_01_a.reg');
    expect(serverCnfFileName('micc01')).toBe('micc01_events.cnf');
  });
});

describe('the evntcmd configuration file', () => {
  const text = eventsToEvntcmd('micc01', events);

  it('writes one #pragma add per event, quoting names with spaces, with the full 32-bit event ID', () => {
    const pragmas = text.split('\r\n').filter((l) => l.startsWith('#pragma'));
    expect(pragmas).toEqual([
      '#pragma add Application "Solidus eCare Router Service" 3221228473 1 0',
      '#pragma add Application SeCBroker 1001 3 600',
      '#pragma add System "Service Control Manager" 2147490683 1 0',
    ]);
    expect(text).toContain('# Event 3001 (Error)');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('tells the technician the real evntcmd command line: the file name last, /s only for a computer name', () => {
    // evntcmd [/s computername] [/v verbositylevel] [/n] FileName
    const head = text.split('\r\n').filter((l) => l.startsWith('# ') && l.includes('evntcmd'));
    expect(head).toEqual([
      '# On the server, run:  evntcmd micc01_events.cnf   (then restart the SNMP Service)',
      '# From another computer:  evntcmd /s micc01 micc01_events.cnf',
    ]);
    expect(text).not.toMatch(/evntcmd -s/);
    expect(eventsToEvntcmd('MiCC 01', events, '10.20.1.11')).toContain('evntcmd /s 10.20.1.11 MiCC_01_events.cnf');
    // Whatever the host field holds, the command never carries text evntcmd would read as another argument.
    expect(eventsToEvntcmd('micc01', events, 'a b')).toContain('evntcmd /s <server> micc01_events.cnf');
    // The header stays comments: the file still reads back as the same events.
    expect(eventsFromEvntcmd(eventsToEvntcmd('MiCC 01', events, '10.20.1.11'))).toEqual({ ok: true, events });
  });

  it('names an event by the same number as the listener does (0xE0000BB8 is Event 3000 in both)', () => {
    const id = 0xe0000bb8;
    const cnf = eventsToEvntcmd('micc01', [
      { log: 'Application', source: 'Router Service', eventId: id, count: 1, period: 0 },
    ]);
    expect(cnf).toContain('# Event 3000 (Error)');
    expect(cnf).toContain(`#pragma add Application "Router Service" ${id} 1 0`);
    const w = windowsEventOf(`${windowsEnterprise(MICC_BASE_OID, 'Router Service')}.0.${id}`)!;
    expect(w.eventCode).toBe(eventIdParts(id).number);
    expect(w.severity).toBe(eventIdParts(id).severity);
  });

  it('round-trips', () => {
    const back = eventsFromEvntcmd(text);
    expect(back).toEqual({ ok: true, events });
  });

  it('reads a hand-written file: count and period default to 1 and 0, comments and blank lines are skipped', () => {
    const r = eventsFromEvntcmd(
      '\uFEFF# MiCC events\n\n#pragma add Application "SeC Broker" 3221226473\n#PRAGMA ADD System Eventlog 2147489653 2\n',
    );
    expect(r).toEqual({
      ok: true,
      events: [
        { log: 'Application', source: 'SeC Broker', eventId: 3221226473, count: 1, period: 0 },
        { log: 'System', source: 'Eventlog', eventId: 2147489653, count: 2, period: 0 },
      ],
    });
  });

  it('refuses what it cannot keep, naming the line', () => {
    const r = eventsFromEvntcmd(
      '#pragma add Application SeCBroker 1001\n#pragma delete Application SeCBroker 1002\n#pragma add_TRAP_DEST public nms\n#pragma add Application "Open 12\n#pragma add Application X 99999999999\nhello\n',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
      expect(r.problems[0]!.message).toMatch(/#pragma delete is not imported/);
      expect(r.problems[3]!.message).toMatch(/event ID must be a number 0–4294967295/);
    }
  });

  it('event ID parts: the severity bits and the event number', () => {
    expect(eventIdParts(0xc0000bb9)).toEqual({ number: 3001, severity: 'Error' });
    expect(eventIdParts(0x80000001)).toEqual({ number: 1, severity: 'Warning' });
    expect(eventIdParts(0x40000002)).toEqual({ number: 2, severity: 'Informational' });
    expect(eventIdParts(1001)).toEqual({ number: 1001, severity: 'Success' });
    // Customer bit (29) and facility bits (27–16) are not part of the number the Event Viewer shows.
    expect(eventIdParts(0xe0000bb8)).toEqual({ number: 3000, severity: 'Error' });
    expect(eventIdParts(0xc00a0bb8)).toEqual({ number: 3000, severity: 'Error' });
  });
});

describe('contract rules and warnings', () => {
  it('refuses "only these hosts" with no host, naming the field', () => {
    const r = SnmpAgentConfig.safeParse(config({ permittedManagers: [] }));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['permittedManagers']);
  });
  it('refuses a community with a backslash (it is also a key name)', () => {
    const r = SnmpAgentConfig.safeParse(config({ trapCommunities: [{ community: 'a\\b', destinations: [] }] }));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['trapCommunities', 0, 'community']);
  });
  it('refuses the same community twice ignoring case', () => {
    const r = SnmpAgentConfig.safeParse(
      config({
        acceptedCommunities: [
          { community: 'Read', rights: 'READ ONLY' },
          { community: 'read', rights: 'NONE' },
        ],
      }),
    );
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['acceptedCommunities', 1]);
  });
  it('warns about write rights, port not 162, and a console that is not a destination', () => {
    const w = serverConfigWarnings(config(), { listenerPort: 10162, consoleHosts: ['other-host'] });
    expect(w.map((x) => x.field)).toEqual(
      expect.arrayContaining(['acceptedCommunities.3.rights', 'acceptedCommunities.4.rights', 'trapCommunities']),
    );
    expect(w.some((x) => /port 162; this console listens on port 10162/.test(x.message))).toBe(true);
    expect(w.some((x) => /other-host\) is not a trap destination/.test(x.message))).toBe(true);
    expect(
      serverConfigWarnings(config(), { listenerPort: 162, consoleHosts: ['console01.example.com'] }).filter(
        (x) => x.field === 'trapCommunities',
      ),
    ).toEqual([]);
  });
});
