/**
 * The log line format (docs/LOG-PROTOCOL.md), parsed from bytes without making a string:
 *
 *   YYYY-MM-DD HH:MM:SS.mmm <level> <component> [<thread>] <message>
 *
 * The store calls `parseHead` once per received line on the hot path; it reads only the
 * timestamp digits and the level word from the bytes. The rest (component, thread,
 * message) is split from the decoded text only when a window or an export asks for the
 * line (`splitText`). Pure: bytes in, numbers out; no Node modules.
 */

/** Severity codes as the store keeps them (one byte per line). */
export const SEV_ERROR = 0;
export const SEV_WARNING = 1;
export const SEV_INFO = 2;
export const SEV_DEBUG = 3;
export const SEV_TRACE = 4;
/** No severity: a plain line with no obvious level word. */
export const SEV_NONE = 255;

export const SEVERITY_NAMES = ['error', 'warning', 'info', 'debug', 'trace'] as const;

/**
 * Numeric levels 0–9 (MiCC's LogLevel / SocketManager trace level): 0 errors, 1 warnings, 2 status, 3–5 debug, 6–9
 * trace.
 */
export const DIGIT_SEVERITY: readonly number[] = [
  SEV_ERROR,
  SEV_WARNING,
  SEV_INFO,
  SEV_DEBUG,
  SEV_DEBUG,
  SEV_DEBUG,
  SEV_TRACE,
  SEV_TRACE,
  SEV_TRACE,
  SEV_TRACE,
];

/** Level words (any case) and what they mean. */
export const LEVEL_WORDS: Readonly<Record<string, number>> = {
  TRACE: SEV_TRACE,
  VERBOSE: SEV_TRACE,
  DEBUG: SEV_DEBUG,
  INFO: SEV_INFO,
  INFORMATION: SEV_INFO,
  NOTICE: SEV_INFO,
  STATUS: SEV_INFO,
  WARN: SEV_WARNING,
  WARNING: SEV_WARNING,
  ERROR: SEV_ERROR,
  ERR: SEV_ERROR,
  FATAL: SEV_ERROR,
  CRITICAL: SEV_ERROR,
  CRIT: SEV_ERROR,
  SEVERE: SEV_ERROR,
};

/** UserSync.csv actions (seed 001, AUDIT LOG): ERROR is an error, the rest are information. */
const USERSYNC_ACTIONS: Readonly<Record<string, number>> = {
  ADD: SEV_INFO,
  UPDATE: SEV_INFO,
  DELETE: SEV_INFO,
  UNDELETE: SEV_INFO,
  ERROR: SEV_ERROR,
};

// Level words bucketed by length as upper-case byte arrays, for matching without a string.
const WORDS_BY_LENGTH: Array<Array<{ bytes: Uint8Array; sev: number }>> = [];
for (const [word, sev] of Object.entries(LEVEL_WORDS)) {
  (WORDS_BY_LENGTH[word.length] ??= []).push({ bytes: Uint8Array.from(word, (c) => c.charCodeAt(0)), sev });
}
const ACTIONS_BY_LENGTH: Array<Array<{ bytes: Uint8Array; sev: number }>> = [];
for (const [word, sev] of Object.entries(USERSYNC_ACTIONS)) {
  (ACTIONS_BY_LENGTH[word.length] ??= []).push({ bytes: Uint8Array.from(word, (c) => c.charCodeAt(0)), sev });
}

function matchWord(
  table: Array<Array<{ bytes: Uint8Array; sev: number }>>,
  buf: Uint8Array,
  start: number,
  len: number,
): number {
  const bucket = table[len];
  if (bucket === undefined) return -1;
  outer: for (let w = 0; w < bucket.length; w++) {
    const entry = bucket[w]!;
    const word = entry.bytes;
    for (let i = 0; i < len; i++) {
      // ASCII letters only: clearing bit 5 upper-cases a-z; anything else cannot match a word letter.
      if ((buf[start + i]! & 0xdf) !== word[i]) continue outer;
    }
    return entry.sev;
  }
  return -1;
}

/** The severity of a level token (word or one digit) in buf[start, start+len), or -1 when it is not a level. */
export function levelSeverity(buf: Uint8Array, start: number, len: number): number {
  if (len === 1) {
    const d = buf[start]! - 48;
    return d >= 0 && d <= 9 ? DIGIT_SEVERITY[d]! : -1;
  }
  return matchWord(WORDS_BY_LENGTH, buf, start, len);
}

/** Result slots of `parseHead`, reused across calls so the hot path allocates nothing. */
export interface HeadResult {
  /** Line time, ms since epoch (local time of the console's machine). */
  time: number;
  sev: number;
  /** Where the level token starts and how long it is (for the text split). */
  levelStart: number;
  levelLen: number;
}

export const newHeadResult = (): HeadResult => ({ time: 0, sev: SEV_NONE, levelStart: 0, levelLen: 0 });

// Local-time conversion cache: the epoch ms of the start of one hour (date + hour), which is
// where a time-zone offset can change. Lines of a live log share it for an hour.
let cachedHourKey = -1;
let cachedHourMs = 0;

function hourStart(y: number, mo: number, d: number, h: number): number {
  const key = ((y * 100 + mo) * 100 + d) * 100 + h;
  if (key !== cachedHourKey) {
    const date = new Date(y, mo - 1, d, h, 0, 0, 0);
    // Date rolls 2026-02-31 over into March; a calendar date that does not exist is not a timestamp.
    if (date.getDate() !== d || date.getMonth() !== mo - 1) return NaN;
    cachedHourKey = key;
    cachedHourMs = date.getTime();
  }
  return cachedHourMs;
}

/** 0–9 for '0'..'9'; 10–255 for any other byte (so `d + 6` stays ≤ 15 only for digits). */
const digit = (b: number) => (b - 48) & 0xff;

/**
 * `YYYY-MM-DD[ T]HH:MM:SS[.,fraction]` at buf[p]; returns the position after it and sets
 * out.time, or -1. The fraction may have 1–9 digits; milliseconds are kept.
 */
export function parseTimestamp(buf: Uint8Array, p: number, end: number, out: HeadResult): number {
  if (end - p < 19) return -1;
  const y0 = digit(buf[p]!),
    y1 = digit(buf[p + 1]!),
    y2 = digit(buf[p + 2]!),
    y3 = digit(buf[p + 3]!);
  const m0 = digit(buf[p + 5]!),
    m1 = digit(buf[p + 6]!),
    d0 = digit(buf[p + 8]!),
    d1 = digit(buf[p + 9]!);
  const h0 = digit(buf[p + 11]!),
    h1 = digit(buf[p + 12]!),
    i0 = digit(buf[p + 14]!),
    i1 = digit(buf[p + 15]!);
  const s0 = digit(buf[p + 17]!),
    s1 = digit(buf[p + 18]!);
  // Every d + 6 is ≤ 15 for a digit and ≥ 16 otherwise, so one OR tests all fourteen.
  if (
    ((y0 + 6) |
      (y1 + 6) |
      (y2 + 6) |
      (y3 + 6) |
      (m0 + 6) |
      (m1 + 6) |
      (d0 + 6) |
      (d1 + 6) |
      (h0 + 6) |
      (h1 + 6) |
      (i0 + 6) |
      (i1 + 6) |
      (s0 + 6) |
      (s1 + 6)) >
    15
  )
    return -1;
  const sep = buf[p + 10];
  if (buf[p + 4] !== 45 || buf[p + 7] !== 45 || (sep !== 32 && sep !== 84) || buf[p + 13] !== 58 || buf[p + 16] !== 58)
    return -1;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const mo = m0 * 10 + m1,
    d = d0 * 10 + d1,
    h = h0 * 10 + h1,
    mi = i0 * 10 + i1,
    s = s0 * 10 + s1;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return -1;
  let q = p + 19;
  let ms = 0;
  if (q < end && (buf[q] === 46 || buf[q] === 44)) {
    const f0 = q + 1;
    let f = f0;
    while (f < end && f - f0 < 9 && digit(buf[f]!) <= 9) f++;
    if (f === f0) return -1;
    // First three digits are the milliseconds ("5" is 500 ms, "123456" is 123 ms).
    const n = f - f0;
    ms = digit(buf[f0]!) * 100 + (n > 1 ? digit(buf[f0 + 1]!) * 10 : 0) + (n > 2 ? digit(buf[f0 + 2]!) : 0);
    q = f;
  }
  const base = hourStart(y, mo, d, h);
  if (base !== base) return -1; // NaN: no such date
  out.time = base + mi * 60_000 + s * 1000 + ms;
  return q;
}

/**
 * Reads a structured line's head from buf[start, end) (the line without its terminator).
 * Returns true and fills `out` (time, severity, level token) for
 *   - `YYYY-MM-DD HH:MM:SS.mmm <level> …` where level is a known word (any case) or one digit;
 *   - a UserSync.csv line, `"YYYY-MM-DD HH:MM:SS","<Action>",…` (seed 001, AUDIT LOG).
 * Returns false for anything else: the line is kept as plain text.
 */
export function parseHead(buf: Uint8Array, start: number, end: number, out: HeadResult): boolean {
  const first = buf[start];
  if (first === 34) return parseUserSync(buf, start, end, out);
  if (digit(first!) > 9) return false;
  const q = parseTimestamp(buf, start, end, out);
  if (q < 0 || q >= end || buf[q] !== 32) return false;
  const a = q + 1;
  let b = a;
  // The level token runs to the next space (or the end of the line); no level is longer than 11.
  while (b < end && buf[b] !== 32 && b - a <= 11) b++;
  if (b < end && buf[b] !== 32) return false;
  const sev = levelSeverity(buf, a, b - a);
  if (sev < 0) return false;
  out.sev = sev;
  out.levelStart = a;
  out.levelLen = b - a;
  return true;
}

function parseUserSync(buf: Uint8Array, start: number, end: number, out: HeadResult): boolean {
  const q = parseTimestamp(buf, start + 1, end, out);
  if (q < 0 || end - q < 4 || buf[q] !== 34 || buf[q + 1] !== 44 || buf[q + 2] !== 34) return false;
  const a = q + 3;
  let b = a;
  while (b < end && buf[b] !== 34 && b - a <= 8) b++;
  if (b >= end || buf[b] !== 34) return false;
  const sev = matchWord(ACTIONS_BY_LENGTH, buf, a, b - a);
  if (sev < 0) return false;
  out.sev = sev;
  out.levelStart = a;
  out.levelLen = b - a;
  return true;
}

/**
 * A plain line's severity: `error` when it holds ERROR, FATAL or EXCEPTION in capitals,
 * `warning` for WARNING / WARN, else none. Capitals only, so ordinary prose ("no error")
 * stays unlabelled.
 */
export function plainSeverity(buf: Uint8Array, start: number, end: number): number {
  let sev = SEV_NONE;
  for (let i = start; i < end - 3; i++) {
    const c = buf[i];
    if (c === 69 /* E */) {
      if (end - i >= 5 && buf[i + 1] === 82 && buf[i + 2] === 82 && buf[i + 3] === 79 && buf[i + 4] === 82)
        return SEV_ERROR;
      if (
        end - i >= 9 &&
        buf[i + 1] === 88 &&
        buf[i + 2] === 67 &&
        buf[i + 3] === 69 &&
        buf[i + 4] === 80 &&
        buf[i + 5] === 84 &&
        buf[i + 6] === 73 &&
        buf[i + 7] === 79 &&
        buf[i + 8] === 78
      )
        return SEV_ERROR;
    } else if (c === 70 /* F */) {
      if (end - i >= 5 && buf[i + 1] === 65 && buf[i + 2] === 84 && buf[i + 3] === 65 && buf[i + 4] === 76)
        return SEV_ERROR;
    } else if (c === 87 /* W */ && sev === SEV_NONE) {
      if (buf[i + 1] === 65 && buf[i + 2] === 82 && buf[i + 3] === 78) sev = SEV_WARNING;
    }
  }
  return sev;
}

/**
 * Where to cut a line that is longer than `max` bytes: at most `max` bytes, backed off so a
 * UTF-8 sequence is not split (the cut line then decodes without a spurious U+FFFD).
 */
export function utf8CutLength(buf: Uint8Array, start: number, max: number): number {
  let n = max;
  // Back off over continuation bytes (10xxxxxx) to the lead byte, at most 3.
  let k = 0;
  while (k < 3 && n > 0 && (buf[start + n]! & 0xc0) === 0x80) {
    n--;
    k++;
  }
  return n > 0 ? n : max;
}

/** The parts of a structured line, from its decoded text. */
export interface LineParts {
  level: string;
  component: string;
  thread: string;
  message: string;
}

const STRUCTURED_TEXT = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d{1,9})? (\S+)(?: (.*))?$/s;
const USERSYNC_TEXT = /^"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?","([A-Za-z]+)",?(.*)$/s;
const COMPONENT_THREAD = /^(.*?) ?\[([^\]]*)\](?: (.*))?$/s;

/**
 * Splits a structured line's text into level, component, thread and message. The component
 * is what precedes ` [<thread>]` (it may hold spaces: "Router Service"); a line without a
 * `[thread]` has no component or thread, its message is everything after the level.
 * Returns null when the text is not a structured line.
 */
export function splitText(text: string): LineParts | null {
  const m = STRUCTURED_TEXT.exec(text);
  if (m) {
    const rest = m[2] ?? '';
    const ct = rest.startsWith('[') || rest.includes(' [') ? COMPONENT_THREAD.exec(rest) : null;
    if (ct) return { level: m[1]!, component: ct[1]!, thread: ct[2]!, message: ct[3] ?? '' };
    return { level: m[1]!, component: '', thread: '', message: rest };
  }
  const u = USERSYNC_TEXT.exec(text);
  if (u) return { level: u[1]!, component: '', thread: '', message: u[2]! };
  return null;
}
