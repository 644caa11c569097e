import type {
  SnmpAgentConfig,
  SnmpCommunityRights,
  SnmpEventRow,
  SnmpServerWarning,
} from '../../contract/services/snmpServers';
import {
  CRLF,
  formatDword,
  HKLM,
  keyId,
  parseRegText,
  quoteRegString,
  REG_HEADER_V5,
  type RegProblem,
} from '../registry';
import { eventNumberOf, eventSeverityOf, type WindowsSeverity } from './trap';

/**
 * What a technician applies on a MiCC Enterprise server so that its Windows SNMP service sends
 * the event traps to this console (seed 001, AGENT CONFIGURATION, WINDOWS EVENT CONFIGURATION,
 * MICC ENTERPRISE EVENT MIB). Pure: text in, text out.
 *
 * The SNMP service keeps the property pages' settings under
 * HKLM\SYSTEM\CurrentControlSet\Services\SNMP\Parameters:
 *   EnableAuthenticationTraps                 REG_DWORD 0/1   (Security tab › Send authentication trap)
 *   RFC1156Agent  sysContact, sysLocation     REG_SZ          (Agent tab › Contact, Location)
 *                 sysServices                 REG_DWORD       (Agent tab › Service: physical 0x01,
 *                                                              datalink and subnetwork 0x02, internet 0x04,
 *                                                              end-to-end 0x08, applications 0x40)
 *   TrapConfiguration\<community>  "1","2"…   REG_SZ          (Traps tab: destinations per community)
 *   ValidCommunities  <community>             REG_DWORD       (Security tab › Accepted community names:
 *                                                              NONE 1, NOTIFY 2, READ ONLY 4,
 *                                                              READ WRITE 8, READ CREATE 16)
 *   PermittedManagers  "1","2"…               REG_SZ          (Only accept SNMP packets from these hosts;
 *                                                              no values = from any host)
 * and the event-to-trap translator its BaseEnterpriseOID (REG_SZ) under
 * HKLM\SOFTWARE\Microsoft\SNMP_EVENTS\EventLog\Parameters.
 *
 * The lists are replaced, not merged: the file deletes TrapConfiguration, ValidCommunities and
 * PermittedManagers ([-…]) and writes them again, so what the server ends with is exactly the
 * preview. The events go in an evntcmd configuration file (the format of the seed's
 * Solidus_eCare_events.cnf): `#pragma add <log> "<source>" <event id> <count> <period>`; like
 * that file it configures the traps, not their destinations (those are in the .reg).
 */

export const SNMP_PARAMETERS = `${HKLM}\\SYSTEM\\CurrentControlSet\\Services\\SNMP\\Parameters`;
export const SNMP_KEYS = {
  parameters: SNMP_PARAMETERS,
  agent: `${SNMP_PARAMETERS}\\RFC1156Agent`,
  traps: `${SNMP_PARAMETERS}\\TrapConfiguration`,
  communities: `${SNMP_PARAMETERS}\\ValidCommunities`,
  managers: `${SNMP_PARAMETERS}\\PermittedManagers`,
  events: `${HKLM}\\SOFTWARE\\Microsoft\\SNMP_EVENTS\\EventLog\\Parameters`,
} as const;

export const RIGHTS_DWORD: Record<SnmpCommunityRights, number> = {
  NONE: 1,
  NOTIFY: 2,
  'READ ONLY': 4,
  'READ WRITE': 8,
  'READ CREATE': 16,
};
export const SERVICE_BITS = {
  physical: 0x01,
  datalink: 0x02,
  internet: 0x04,
  endToEnd: 0x08,
  applications: 0x40,
} as const;

/** sysServices: Applications and End-to-end always on (seed: "This service should always be enabled"). */
export function sysServices(c: Pick<SnmpAgentConfig, 'physical' | 'datalink' | 'internet'>): number {
  return (
    SERVICE_BITS.applications |
    SERVICE_BITS.endToEnd |
    (c.physical ? SERVICE_BITS.physical : 0) |
    (c.datalink ? SERVICE_BITS.datalink : 0) |
    (c.internet ? SERVICE_BITS.internet : 0)
  );
}

/** A REG_SZ value line: "name"="text" (regedit escapes \ and " in both). */
const sz = (name: string, value: string) => `${quoteRegString(name)}=${quoteRegString(value)}`;
const dword = (name: string, value: number) => `${quoteRegString(name)}=${formatDword(value)}`;

const safeName = (server: string) =>
  server
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^_+|_+$/g, '') || 'server';
export const serverRegFileName = (server: string) => `SNMP-${safeName(server)}.reg`;
export const serverCnfFileName = (server: string) => `${safeName(server)}_events.cnf`;

/** The .reg text (CRLF, version 5.00 header); encode it with encodeRegFile for regedit's UTF-16LE. */
export function serverConfigToReg(server: string, c: SnmpAgentConfig): string {
  const out: string[] = [REG_HEADER_V5, ''];
  out.push(`; SNMP Service settings for ${server.replace(/[\r\n]+/g, ' ')}, written by the Contact Center Console.`);
  out.push('; Restart the SNMP Service after importing. Trap destinations, accepted communities and');
  out.push('; permitted managers are replaced by the lists below.');
  out.push('');
  out.push(`[${SNMP_KEYS.parameters}]`, dword('EnableAuthenticationTraps', c.sendAuthenticationTraps ? 1 : 0), '');
  out.push(
    `[${SNMP_KEYS.agent}]`,
    sz('sysContact', c.contact),
    sz('sysLocation', c.location),
    dword('sysServices', sysServices(c)),
    '',
  );
  out.push(`[-${SNMP_KEYS.traps}]`, '');
  out.push(`[${SNMP_KEYS.traps}]`, '');
  for (const t of c.trapCommunities) {
    out.push(`[${SNMP_KEYS.traps}\\${t.community}]`);
    t.destinations.forEach((d, i) => out.push(sz(String(i + 1), d)));
    out.push('');
  }
  out.push(`[-${SNMP_KEYS.communities}]`, '');
  out.push(`[${SNMP_KEYS.communities}]`);
  for (const v of c.acceptedCommunities) out.push(dword(v.community, RIGHTS_DWORD[v.rights]));
  out.push('');
  out.push(`[-${SNMP_KEYS.managers}]`, '');
  out.push(`[${SNMP_KEYS.managers}]`);
  if (!c.acceptAnyHost) c.permittedManagers.forEach((h, i) => out.push(sz(String(i + 1), h)));
  out.push('');
  out.push(`[${SNMP_KEYS.events}]`, sz('BaseEnterpriseOID', c.baseEnterpriseOid), '');
  return out.join(CRLF) + CRLF;
}

/**
 * Reads a .reg file this console wrote (or regedit exported from those keys) back into the
 * settings it holds; the events are not in it (they are in the evntcmd file) and come from
 * `events`. Problems name the line.
 */
export function serverConfigFromReg(
  text: string,
  events: SnmpEventRow[] = [],
): { ok: true; config: SnmpAgentConfig } | { ok: false; problems: RegProblem[] } {
  const parsed = parseRegText(text);
  if (!parsed.ok) return parsed;
  const problems: RegProblem[] = [];
  const c: SnmpAgentConfig = {
    contact: '',
    location: '',
    physical: false,
    datalink: false,
    internet: false,
    trapCommunities: [],
    sendAuthenticationTraps: false,
    acceptedCommunities: [],
    acceptAnyHost: true,
    permittedManagers: [],
    baseEnterpriseOid: '',
    events,
  };
  const byDword = new Map(Object.entries(RIGHTS_DWORD).map(([k, v]) => [v, k as SnmpCommunityRights]));
  const trapsId = keyId(SNMP_KEYS.traps);
  const numbered = (
    values: { name: string | null; data: { kind: string; value?: unknown }; line: number }[],
    what: string,
  ) =>
    values
      .filter((v) => {
        if (v.data.kind === 'string' && v.name !== null && /^\d+$/.test(v.name)) return true;
        problems.push({
          line: v.line,
          message: `${what}: expected "1"="host", "2"="host" … (REG_SZ values named by number).`,
        });
        return false;
      })
      .sort((a, b) => Number(a.name) - Number(b.name))
      .map((v) => String(v.data.value));
  for (const s of parsed.doc.sections) {
    if (s.delete) continue;
    const id = keyId(s.path);
    const str = (name: string) => s.values.find((v) => v.name?.toLowerCase() === name.toLowerCase());
    if (id === keyId(SNMP_KEYS.parameters)) {
      const v = str('EnableAuthenticationTraps');
      if (v?.data.kind === 'dword') c.sendAuthenticationTraps = v.data.value !== 0;
    } else if (id === keyId(SNMP_KEYS.agent)) {
      const contact = str('sysContact');
      const location = str('sysLocation');
      const services = str('sysServices');
      if (contact?.data.kind === 'string') c.contact = contact.data.value;
      if (location?.data.kind === 'string') c.location = location.data.value;
      if (services?.data.kind === 'dword') {
        c.physical = (services.data.value & SERVICE_BITS.physical) !== 0;
        c.datalink = (services.data.value & SERVICE_BITS.datalink) !== 0;
        c.internet = (services.data.value & SERVICE_BITS.internet) !== 0;
      }
    } else if (id.startsWith(`${trapsId}\\`)) {
      const community = s.path
        .trim()
        .slice(SNMP_KEYS.traps.length + 1)
        .replace(/\\+$/, '');
      c.trapCommunities.push({ community, destinations: numbered(s.values, `TrapConfiguration\\${community}`) });
    } else if (id === keyId(SNMP_KEYS.communities)) {
      for (const v of s.values) {
        const rights = v.data.kind === 'dword' ? byDword.get(v.data.value) : undefined;
        if (v.name === null || !rights) {
          problems.push({
            line: v.line,
            message:
              `ValidCommunities: each value is a community name with a DWORD right (1 NONE, 2 NOTIFY, 4 READ ` +
              `ONLY, 8 READ WRITE, 16 READ CREATE).`,
          });
          continue;
        }
        c.acceptedCommunities.push({ community: v.name, rights });
      }
    } else if (id === keyId(SNMP_KEYS.managers)) {
      c.permittedManagers = numbered(s.values, 'PermittedManagers');
      c.acceptAnyHost = c.permittedManagers.length === 0;
    } else if (id === keyId(SNMP_KEYS.events)) {
      const v = str('BaseEnterpriseOID');
      if (v?.data.kind === 'string') c.baseEnterpriseOid = v.data.value;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: c };
}

// ---- evntcmd configuration file -------------------------------------------------------------

/** A token of a #pragma line: quoted when it holds a space (evntcmd splits on blanks). */
const token = (s: string) => (/[\s#]/.test(s) || s === '' ? `"${s}"` : s);

/** An event ID's number (what the Event Viewer and the alarm browser show) and severity bits: trap.ts's definition. */
export function eventIdParts(eventId: number): { number: number; severity: WindowsSeverity } {
  return { number: eventNumberOf(eventId), severity: eventSeverityOf(eventId) };
}

/**
 * The evntcmd file: comment lines (#, then a space), one `#pragma add` per event. CRLF, ANSI-safe
 * (evntcmd reads the file in the ANSI code page: non-ASCII source names are refused by the
 * caller's warnings rather than mangled silently).
 */
export function eventsToEvntcmd(server: string, events: SnmpEventRow[], host = server): string {
  const file = serverCnfFileName(server);
  // evntcmd [/s computername] [/v verbositylevel] [/n] FileName: /s names the computer to configure, not the file.
  const computer = /^[A-Za-z0-9.:_-]+$/.test(host.trim()) ? host.trim() : '<server>';
  const out = [
    `# Event to trap translation for ${server.replace(/[\r\n]+/g, ' ')}, written by the Contact Center Console.`,
    `# On the server, run:  evntcmd ${file}   (then restart the SNMP Service)`,
    `# From another computer:  evntcmd /s ${computer} ${file}`,
    '# #pragma add <event log> <event source> <event ID> <count> <period in seconds>',
    '',
  ];
  for (const e of events) {
    const { number, severity } = eventIdParts(e.eventId);
    out.push(`# Event ${number} (${severity})`);
    out.push(`#pragma add ${token(e.log)} ${token(e.source)} ${e.eventId} ${e.count} ${e.period}`);
  }
  return out.join(CRLF) + CRLF;
}

export interface EvntcmdProblem {
  line: number;
  message: string;
}

function tokens(s: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i]!)) {
      i++;
      continue;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) return null;
      out.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!)) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * Reads an evntcmd configuration file: `#pragma add` lines become events (count defaults to 1,
 * period to 0, as evntcmd does); other # lines are comments. `#pragma delete` and the trap
 * destination pragmas are refused with the line: this console keeps the full list of events, and
 * destinations are the .reg file's.
 */
export function eventsFromEvntcmd(
  text: string,
): { ok: true; events: SnmpEventRow[] } | { ok: false; problems: EvntcmdProblem[] } {
  const events: SnmpEventRow[] = [];
  const problems: EvntcmdProblem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const t = raw.trim();
      if (t === '') return;
      const m = /^#\s*pragma\s+(\S+)\s*(.*)$/i.exec(t);
      if (!m) {
        if (t.startsWith('#')) return; // comment
        problems.push({ line, message: `Expected "#pragma add …" or a # comment, not "${t.slice(0, 60)}".` });
        return;
      }
      const verb = m[1]!.toLowerCase();
      if (verb !== 'add') {
        problems.push({
          line,
          message:
            `#pragma ${m[1]} is not imported: the console keeps the whole list of events to translate, and ` +
            `trap destinations belong to the Traps tab (.reg file).`,
        });
        return;
      }
      const parts = tokens(m[2]!);
      if (!parts) {
        problems.push({ line, message: 'A quoted name is not closed.' });
        return;
      }
      if (parts.length < 3 || parts.length > 5) {
        problems.push({
          line,
          message:
            `#pragma add needs <event log> <event source> <event ID> [<count> [<period>]], found ` +
            `${parts.length} item${parts.length === 1 ? '' : 's'}.`,
        });
        return;
      }
      const [log, source, id, count = '1', period = '0'] = parts as [string, string, string, string?, string?];
      const num = (s: string, what: string, min: number, max: number): number | null => {
        if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) {
          problems.push({ line, message: `${what} must be a number ${min}–${max}, not "${s}".` });
          return null;
        }
        return Number(s);
      };
      const eventId = num(id, 'The event ID', 0, 0xffffffff);
      const c = num(count, 'The count', 1, 1000);
      const p = num(period, 'The period', 0, 86400);
      if (eventId === null || c === null || p === null) return;
      if (log === '' || source === '') {
        problems.push({ line, message: 'The event log and the event source cannot be empty.' });
        return;
      }
      events.push({ log, source, eventId, count: c, period: p });
    });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, events };
}

// ---- warnings -------------------------------------------------------------------------------

/**
 * What a technician should know before applying the files. `listenerPort`: where this console
 * receives traps (the Windows SNMP service sends them to UDP 162 only).
 */
export function serverConfigWarnings(
  c: SnmpAgentConfig,
  opts: { listenerPort?: number | null; consoleHosts?: string[] } = {},
): SnmpServerWarning[] {
  const out: SnmpServerWarning[] = [];
  if (c.acceptedCommunities.length === 0) {
    out.push({
      field: 'acceptedCommunities',
      message:
        'No accepted community: "If no community names are defined, the SNMP agent will deny all incoming SNMP ' +
        'requests" — the agent check cannot work.',
    });
  }
  c.acceptedCommunities.forEach((v, i) => {
    if (v.rights === 'READ WRITE' || v.rights === 'READ CREATE') {
      out.push({
        field: `acceptedCommunities.${i}.rights`,
        message:
          `${v.community} has ${v.rights}: anyone who knows it can change the server's SNMP objects. READ ` +
          `ONLY is enough for monitoring.`,
      });
    }
    if (v.community.toLowerCase() === 'public') {
      out.push({
        field: `acceptedCommunities.${i}.community`,
        message: 'public is the name every SNMP tool tries first; choose another community name.',
      });
    }
  });
  if (c.trapCommunities.length === 0)
    out.push({ field: 'trapCommunities', message: 'No trap community: the server will not send traps to anyone.' });
  c.trapCommunities.forEach((t, i) => {
    if (t.destinations.length === 0)
      out.push({
        field: `trapCommunities.${i}.destinations`,
        message: `Community ${t.community} has no trap destination.`,
      });
  });
  if (opts.consoleHosts && opts.consoleHosts.length > 0) {
    const all = new Set(c.trapCommunities.flatMap((t) => t.destinations.map((d) => d.toLowerCase())));
    if (!opts.consoleHosts.some((h) => all.has(h.toLowerCase()))) {
      out.push({
        field: 'trapCommunities',
        message: `This console (${opts.consoleHosts.join(', ')}) is not a trap destination.`,
      });
    }
  }
  if (opts.listenerPort && opts.listenerPort !== 162) {
    out.push({
      field: 'trapCommunities',
      message:
        `The Windows SNMP Service sends traps to UDP port 162; this console listens on port ` +
        `${opts.listenerPort}. Change the port in Listener settings, or forward port 162 to it.`,
    });
  }
  if (c.events.length === 0)
    out.push({ field: 'events', message: 'No events to translate: the evntcmd file adds no traps.' });
  c.events.forEach((e, i) => {
    if (/[^\x20-\x7e]/.test(e.source) || /[^\x20-\x7e]/.test(e.log)) {
      out.push({
        field: `events.${i}.source`,
        message: `evntcmd reads its file in the server's ANSI code page: check that "${e.source}" arrives unchanged.`,
      });
    }
  });
  return out;
}
