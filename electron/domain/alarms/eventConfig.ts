import type { Varbind } from './ber';
import type { MibIndex } from './mib';
import type { Trap } from './trap';

/**
 * Event configuration, like OpenView's Event Configuration (seed 001: "Log and display in
 * category: Application Alert Alarms", a severity, Event Log Message "$1") and snmptt's
 * EVENT/FORMAT lines: what a trap becomes.
 */
export const SEVERITIES = ['Normal', 'Warning', 'Minor', 'Major', 'Critical', 'Cleared'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const LOG_ONLY = 'Log only';
export const IGNORE = 'Ignore';
export const UNKNOWN = 'Unknown traps';

export interface EventConfig {
  id: number;
  /** Trap OID; `*` stands for one or more sub-identifiers (1.3.6.1.4.1.*.0.47000). */
  oidPattern: string;
  name: string;
  /** An alarm category (e.g. "Application Alert Alarms"), or LOG_ONLY, or IGNORE. */
  category: string;
  severity: Severity;
  /** $1…$n = the n-th varbind's value, $* = all of them, $A = source, $N = event name, $O = trap OID. */
  messageFormat: string;
  /** Template of the key that folds repeats into one alarm row; empty = source + trap OID. */
  dedupeKey: string;
  /** For Cleared events: the dedupe key of the problem this resolves. */
  clearKey: string;
}

export const PATTERN_RE = /^(\d+|\*)(\.(\d+|\*))*$/;

export function patternProblem(p: string): string | null {
  if (!PATTERN_RE.test(p)) return 'an OID such as 1.3.6.1.4.1.193.132.5.1.0.1, where * stands for any sub-identifiers';
  if (!p.split('.').some((x) => x !== '*')) return 'a pattern of only * would match every trap';
  return null;
}

function compile(p: string): RegExp {
  return new RegExp('^' + p.split('.').map((x) => (x === '*' ? '\\d+(?:\\.\\d+)*' : x)).join('\\.') + '$');
}

/** Literal sub-identifiers count most, then fewer wildcards; the lower id breaks ties. */
const specificity = (p: string) => {
  const parts = p.split('.');
  const lit = parts.filter((x) => x !== '*').length;
  return lit * 100 - (parts.length - lit);
};

export class EventMatcher {
  private readonly compiled: { cfg: EventConfig; re: RegExp; score: number }[];
  private readonly cache = new Map<string, EventConfig | null>();

  constructor(configs: EventConfig[]) {
    this.compiled = configs
      .map((cfg) => ({ cfg, re: compile(cfg.oidPattern), score: specificity(cfg.oidPattern) }))
      .sort((a, b) => b.score - a.score || a.cfg.id - b.cfg.id);
  }

  match(trap: Pick<Trap, 'trapOid' | 'windowsEvent'>): EventConfig | null {
    const hit = this.cache.get(trap.trapOid);
    if (hit !== undefined) return hit;
    let found = this.find(trap.trapOid);
    // Windows event IDs carry severity bits above the 16-bit code the Event Viewer shows.
    if (!found && trap.windowsEvent && trap.windowsEvent.eventId !== trap.windowsEvent.eventCode) {
      found = this.find(trap.trapOid.replace(/\.\d+$/, `.${trap.windowsEvent.eventCode}`));
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(trap.trapOid, found);
    return found;
  }

  private find(oid: string): EventConfig | null {
    for (const c of this.compiled) if (c.re.test(oid)) return c.cfg;
    return null;
  }
}

/** A varbind's value as a message shows it: text trimmed of the trailing CR/LF Windows adds. */
export const showValue = (v: Varbind) => v.value.replace(/[\r\n]+$/, '');

// A template is split once into literal text and tokens ($1 → 1, $A → 'A' …); a storm then
// expands it by concatenation instead of a regex replace per trap.
type Part = string | { t: string };
const compiled = new Map<string, Part[]>();
function compileTemplate(template: string): Part[] {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  const re = /\$(\d+|\*|A|N|O|E|\$)/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push(m[1] === '$' ? '$' : { t: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  if (compiled.size > 1000) compiled.clear();
  compiled.set(template, parts);
  return parts;
}

/** Expands $1…$n, $*, $A, $N, $O, $E and $$ in a message format or key template. */
export function expand(template: string, trap: Trap, name: string, mib?: MibIndex): string {
  let out = '';
  for (const p of compileTemplate(template)) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const t = p.t;
    if (t === 'A') out += trap.source;
    else if (t === 'N') out += name;
    else if (t === 'O') out += trap.trapOid;
    else if (t === 'E') out += trap.windowsEvent ? String(trap.windowsEvent.eventCode) : '';
    else if (t === '*') out += trap.varbinds.map((v) => `${mib ? mib.name(v.oid) : v.oid}=${showValue(v)}`).join(', ');
    else {
      const v = trap.varbinds[Number(t) - 1];
      if (v) out += showValue(v);
    }
  }
  return out;
}

/** What a trap becomes after event configuration. */
export interface MappedTrap {
  trap: Trap;
  configId: number | null;
  name: string;
  category: string;
  severity: Severity;
  message: string;
  dedupeKey: string;
  /** Set for resolution events: open alarms with this dedupe key are cleared. */
  clearKey: string | null;
  /** trap.varbinds as stored (JSON), when already serialized (batches from the receiver worker). */
  varbindsJson?: string;
}

type Packed = [string, string, Trap['version'], string, string, string, Severity, string, string, string | null, number | null, Trap['kind'], Trap['windowsEvent'] | null];

/** U+0000 never appears raw in JSON.stringify output (it is escaped), so it can separate JSON texts. */
const SEP = '\u0000';

/**
 * A batch as text: what crosses from the receiver worker to main. One string crosses a thread
 * boundary far cheaper than a structured clone of nested objects. The fields of every trap go
 * as one compact JSON array of arrays; each trap's varbinds follow as their own JSON text
 * (exactly what trap_log and alarm store), separated by U+0000. Main then never parses the
 * varbinds back into objects only to serialize them again for the database: unpacking is one
 * JSON.parse of short flat arrays and one split.
 */
export function packBatch(batch: MappedTrap[]): string {
  const head = new Array<Packed>(batch.length);
  const parts = new Array<string>(batch.length + 1);
  for (let i = 0; i < batch.length; i++) {
    const m = batch[i]!;
    const t = m.trap;
    head[i] = [t.receivedAt, t.source, t.version, t.trapOid, m.name, m.category, m.severity, m.message, m.dedupeKey, m.clearKey, m.configId, t.kind, t.windowsEvent ?? null];
    parts[i + 1] = m.varbindsJson ?? JSON.stringify(t.varbinds);
  }
  parts[0] = JSON.stringify(head);
  return parts.join(SEP);
}

/** A trap unpacked on main: its varbinds stay JSON text until something asks for the objects. */
class PackedTrap implements Trap {
  uptime = null;
  windowsEvent?: Trap['windowsEvent'];
  private parsed: Varbind[] | undefined;
  constructor(
    readonly receivedAt: string,
    readonly source: string,
    readonly version: Trap['version'],
    readonly trapOid: string,
    readonly kind: Trap['kind'],
    private readonly json: string,
  ) {}
  get varbinds(): Varbind[] {
    return (this.parsed ??= JSON.parse(this.json) as Varbind[]);
  }
}

export function unpackBatch(text: string): MappedTrap[] {
  const parts = text.split(SEP);
  const head = JSON.parse(parts[0]!) as Packed[];
  const out = new Array<MappedTrap>(head.length);
  for (let i = 0; i < head.length; i++) {
    const p = head[i]!;
    const vb = parts[i + 1] ?? '[]';
    const trap = new PackedTrap(p[0], p[1], p[2], p[3], p[11], vb);
    if (p[12]) trap.windowsEvent = p[12];
    out[i] = { trap, name: p[4], category: p[5], severity: p[6], message: p[7], dedupeKey: p[8], clearKey: p[9], configId: p[10], varbindsJson: vb };
  }
  return out;
}

/** Applies the configuration; unknown traps go to their own bucket with all varbinds shown. */
export function mapTrap(trap: Trap, matcher: EventMatcher, mib: MibIndex): MappedTrap {
  const cfg = matcher.match(trap);
  const mibName = mib.name(trap.trapOid);
  if (!cfg) {
    const winName = trap.windowsEvent ? `${trap.windowsEvent.source} event ${trap.windowsEvent.eventCode}` : mibName;
    return {
      trap,
      configId: null,
      name: winName,
      category: UNKNOWN,
      severity: 'Normal',
      message: `${winName}${trap.varbinds.length ? ': ' + expand('$*', trap, winName, mib) : ''}`,
      dedupeKey: `${trap.source}|${trap.trapOid}`,
      clearKey: null,
    };
  }
  const name = cfg.name || mibName;
  const dedupeKey = cfg.dedupeKey.trim() ? expand(cfg.dedupeKey, trap, name, mib) : `${trap.source}|${trap.trapOid}`;
  return {
    trap,
    configId: cfg.id,
    name,
    category: cfg.category,
    severity: cfg.severity,
    message: expand(cfg.messageFormat || '$*', trap, name, mib),
    dedupeKey,
    clearKey: cfg.severity === 'Cleared' && cfg.clearKey.trim() ? expand(cfg.clearKey, trap, name, mib) : null,
  };
}
