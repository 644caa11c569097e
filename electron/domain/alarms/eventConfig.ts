import { varbindsJson, type Varbind } from './ber';
import type { MibIndex } from './mib';
import {
  cachedWindowsEvent,
  canonicalEventOid,
  windowsEventName,
  type Trap,
  type WindowsEvent,
  type WindowsSeverity,
} from './trap';

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
  /**
   * Take the severity from a Windows event ID's severity bits (Error → Major, Warning → Warning,
   * Informational/Success → Normal); `severity` applies when the trap carries none.
   */
  severityFromEvent: boolean;
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
  return new RegExp(
    '^' +
      p
        .split('.')
        .map((x) => (x === '*' ? '\\d+(?:\\.\\d+)*' : x))
        .join('\\.') +
      '$',
  );
}

/**
 * A pattern that names the last sub-identifier (an event: …*.0.47000) beats an open subtree
 * (…193.132.5.1.*); then literal sub-identifiers count most, then fewer wildcards; the lower
 * id breaks ties.
 */
const specificity = (p: string) => {
  const parts = p.split('.');
  const lit = parts.filter((x) => x !== '*').length;
  return (parts[parts.length - 1] === '*' ? 0 : 100_000) + lit * 100 - (parts.length - lit);
};

export class EventMatcher {
  private readonly compiled: { cfg: EventConfig; re: RegExp; score: number }[];
  private readonly cache = new Map<string, EventConfig | null>();

  constructor(configs: EventConfig[]) {
    this.compiled = configs
      .map((cfg) => ({ cfg, re: compile(cfg.oidPattern), score: specificity(cfg.oidPattern) }))
      .sort((a, b) => b.score - a.score || a.cfg.id - b.cfg.id);
  }

  /**
   * The most specific configuration for the trap. A Windows event is also tried as
   * <enterprise>.0.<event number> and as <base>.0.<event number>, so one configuration
   * (e.g. 1.3.6.1.4.1.193.132.5.1.0.3000) serves the plain, the source-suffixed and the
   * 32-bit (severity bits) forms, sent as v1 or forwarded as v2c/v3.
   */
  match(trap: Pick<Trap, 'trapOid' | 'windowsEvent'>): EventConfig | null {
    const hit = this.cache.get(trap.trapOid);
    if (hit !== undefined) return hit;
    const w = trap.windowsEvent;
    const candidates = [trap.trapOid];
    if (w) {
      const suffixed = trap.trapOid.replace(/\.\d+$/, `.${w.eventCode}`);
      if (suffixed !== trap.trapOid) candidates.push(suffixed);
      const canonical = canonicalEventOid(w);
      if (!candidates.includes(canonical)) candidates.push(canonical);
    }
    let found: EventConfig | null = null;
    for (const c of this.compiled) {
      if (candidates.some((o) => c.re.test(o))) {
        found = c.cfg;
        break;
      }
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(trap.trapOid, found);
    return found;
  }
}

/** Bytes kept as hex shown as such: "0a ff 00" (never mistaken for text that looks like hex). */
export const hexPairs = (hex: string) => hex.replace(/(..)(?=.)/g, '$1 ');

/** A varbind's value as a message shows it: text trimmed of the trailing CR/LF Windows adds; bytes as [hex …]. */
export const showValue = (v: Varbind) => (v.hex ? `[hex ${hexPairs(v.value)}]` : v.value.replace(/[\r\n]+$/, ''));

// showValue per varbind object: the decoder shares one object between traps that carry the same
// bytes (the event text of a storm), so the trim is done once, not per trap.
const shownCache = new WeakMap<Varbind, string>();
function shown(v: Varbind): string {
  let s = shownCache.get(v);
  if (s === undefined) shownCache.set(v, (s = showValue(v)));
  return s;
}

/** Windows severity bits → alarm severity (issue: Error → Major, Warning → Warning, else Normal). */
export const severityOfWindows = (s: WindowsSeverity): Severity =>
  s === 'Error' ? 'Major' : s === 'Warning' ? 'Warning' : 'Normal';

// A template is split once into literal text and tokens ($1 → 1, $A → 'A' …); a storm then
// expands it by concatenation instead of a regex replace per trap.
type Part = string | { t: string; n: number };
const compiled = new Map<string, Part[]>();
function compileTemplate(template: string): Part[] {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  const re = /\$(\d+|\*|A|N|O|E|\$)/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push(m[1] === '$' ? '$' : { t: m[1]!, n: Number(m[1]) });
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
      const v = trap.varbinds[p.n - 1];
      if (v) out += shown(v);
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

/** U+0000 never appears raw in JSON.stringify output (it is escaped), so it can separate JSON texts. */
const SEP = '\u0000';
/** Numbers per trap in a packed batch (see packBatch). */
const FIELDS = 15;

/**
 * A batch as text: what crosses from the receiver worker to main. One string crosses a thread
 * boundary far cheaper than a structured clone of nested objects. A storm repeats a handful of
 * texts (sources, trap OIDs, names, messages, keys), so every text field is written once per
 * batch into a string table and each trap is FIELDS numbers in one flat array: the table's
 * index for a text (-1 = null), the value for a number. Each trap's varbinds follow as their own
 * JSON text (exactly what trap_log and alarm store), separated by U+0000. Main parses a short
 * table and an array of numbers, gets one string object per distinct text (cheap to look up
 * again), and never parses the varbinds back into objects only to serialize them again.
 *
 * Per trap: receivedAt, source, version, trapOid, name, category, severity, message, dedupeKey,
 * clearKey, configId, kind, 1 = a Windows event (main derives it again from the trap OID,
 * cached), sysUpTime, varbinds left out.
 */
export function packBatch(batch: MappedTrap[]): string {
  const table: string[] = [];
  const index = new Map<string, number>();
  const ix = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = table.length;
      table.push(s);
      index.set(s, i);
    }
    return i;
  };
  const nums = new Array<number | null>(batch.length * FIELDS);
  const parts = new Array<string>(batch.length + 2);
  for (let i = 0, o = 0; i < batch.length; i++, o += FIELDS) {
    const m = batch[i]!;
    const t = m.trap;
    nums[o] = ix(t.receivedAt);
    nums[o + 1] = ix(t.source);
    nums[o + 2] = ix(t.version);
    nums[o + 3] = ix(t.trapOid);
    nums[o + 4] = ix(m.name);
    nums[o + 5] = ix(m.category);
    nums[o + 6] = ix(m.severity);
    nums[o + 7] = ix(m.message);
    nums[o + 8] = ix(m.dedupeKey);
    nums[o + 9] = m.clearKey === null ? -1 : ix(m.clearKey);
    nums[o + 10] = m.configId;
    nums[o + 11] = ix(t.kind);
    nums[o + 12] = t.windowsEvent ? 1 : 0;
    nums[o + 13] = t.uptime;
    nums[o + 14] = t.leftOut ?? 0;
    parts[i + 2] = m.varbindsJson ?? varbindsJson(t.varbinds);
  }
  parts[0] = JSON.stringify(table);
  parts[1] = JSON.stringify(nums);
  return parts.join(SEP);
}

/** A trap unpacked on main: its varbinds stay JSON text until something asks for the objects. */
class PackedTrap implements Trap {
  uptime: number | null = null;
  leftOut?: number;
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
  const table = JSON.parse(parts[0]!) as string[];
  const nums = JSON.parse(parts[1]!) as (number | null)[];
  const n = nums.length / FIELDS;
  const out = new Array<MappedTrap>(n);
  const str = (i: number | null) => table[i!]!;
  for (let i = 0, o = 0; i < n; i++, o += FIELDS) {
    const vb = parts[i + 2] ?? '[]';
    const trapOid = str(nums[o + 3]!);
    const trap = new PackedTrap(
      str(nums[o]!),
      str(nums[o + 1]!),
      str(nums[o + 2]!) as Trap['version'],
      trapOid,
      str(nums[o + 11]!) as Trap['kind'],
      vb,
    );
    if (nums[o + 12]) {
      const w = cachedWindowsEvent(trapOid);
      if (w) trap.windowsEvent = w;
    }
    trap.uptime = nums[o + 13] ?? null;
    if (nums[o + 14]) trap.leftOut = nums[o + 14]!;
    const clear = nums[o + 9]!;
    out[i] = {
      trap,
      name: str(nums[o + 4]!),
      category: str(nums[o + 5]!),
      severity: str(nums[o + 6]!) as Severity,
      message: str(nums[o + 7]!),
      dedupeKey: str(nums[o + 8]!),
      clearKey: clear < 0 ? null : str(clear),
      configId: nums[o + 10] ?? null,
      varbindsJson: vb,
    };
  }
  return out;
}

// Names by trap OID per MIB index: a storm repeats a handful of OIDs, the MIB walk is done once.
const namesCache = new WeakMap<MibIndex, Map<string, { mibName: string; exact: string | null }>>();
function namesOf(trap: Trap, mib: MibIndex): { mibName: string; exact: string | null } {
  let m = namesCache.get(mib);
  if (!m) namesCache.set(mib, (m = new Map()));
  let hit = m.get(trap.trapOid);
  if (!hit) {
    const exactOf = (oid: string) => {
      const h = mib.lookup(oid);
      return h && !h.rest && (h.node.kind === 'notification' || h.node.kind === 'trap') ? h.node.name : null;
    };
    hit = {
      mibName: mib.name(trap.trapOid),
      exact: exactOf(trap.trapOid) ?? (trap.windowsEvent ? exactOf(canonicalEventOid(trap.windowsEvent)) : null),
    };
    if (m.size > 10_000) m.clear();
    m.set(trap.trapOid, hit);
  }
  return hit;
}

/** A Windows event folds with the same event of the same host whatever form it came in. */
const defaultKeyOf = (trap: Trap) =>
  trap.windowsEvent
    ? `${trap.source}|${canonicalEventOid(trap.windowsEvent)}|${trap.windowsEvent.source}`
    : `${trap.source}|${trap.trapOid}`;

// The default key and the Windows event name per (Windows event or trap OID, source): a storm
// repeats a handful of events from a handful of servers, so these are looked up instead of built
// per trap. They depend on nothing else (not on the event configuration or the MIBs). Bounded.
const perSource = new Map<WindowsEvent | string, Map<string, { key: string; eventName: string | null }>>();
let perSourceCount = 0;
function perSourceOf(trap: Trap): { key: string; eventName: string | null } {
  const by = trap.windowsEvent ?? trap.trapOid;
  let hit = perSource.get(by)?.get(trap.source);
  if (hit === undefined) {
    if (perSourceCount >= 10_000) {
      perSource.clear();
      perSourceCount = 0;
    }
    let bySource = perSource.get(by);
    if (!bySource) perSource.set(by, (bySource = new Map()));
    const w = trap.windowsEvent;
    hit = { key: defaultKeyOf(trap), eventName: w ? windowsEventName(w, trap.source) : null };
    bySource.set(trap.source, hit);
    perSourceCount++;
  }
  return hit;
}
const defaultKey = (trap: Trap) => perSourceOf(trap).key;

/**
 * Applies the configuration. A trap is named by the configuration, else by its MIB
 * notification, else "Event <n> from <source>" for a Windows event, else by the MIB's
 * nearest name. Unknown traps go to their own bucket: a Windows event with its text ($1) and
 * the severity of its bits, anything else with all varbinds shown.
 */
export function mapTrap(trap: Trap, matcher: EventMatcher, mib: MibIndex): MappedTrap {
  const cfg = matcher.match(trap);
  const names = namesOf(trap, mib);
  const w = trap.windowsEvent;
  const autoName = names.exact ?? (w ? perSourceOf(trap).eventName! : names.mibName);
  if (!cfg) {
    return {
      trap,
      configId: null,
      name: autoName,
      category: UNKNOWN,
      severity: w?.severity ? severityOfWindows(w.severity) : 'Normal',
      message:
        w && trap.varbinds.length
          ? expand('$1', trap, autoName, mib)
          : `${autoName}${trap.varbinds.length ? ': ' + expand('$*', trap, autoName, mib) : ''}`,
      dedupeKey: defaultKey(trap),
      clearKey: null,
    };
  }
  const name = cfg.name || autoName;
  const dedupeKey = cfg.dedupeKey.trim() ? expand(cfg.dedupeKey, trap, name, mib) : defaultKey(trap);
  return {
    trap,
    configId: cfg.id,
    name,
    category: cfg.category,
    severity:
      cfg.severity !== 'Cleared' && cfg.severityFromEvent && w?.severity ? severityOfWindows(w.severity) : cfg.severity,
    message: expand(cfg.messageFormat || '$*', trap, name, mib),
    dedupeKey,
    clearKey: cfg.severity === 'Cleared' && cfg.clearKey.trim() ? expand(cfg.clearKey, trap, name, mib) : null,
  };
}
