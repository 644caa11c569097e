/** The search as a global RegExp for highlighting (literal text is escaped); null when empty or invalid. */
export function compileHighlight(text: string, regex: boolean, caseSensitive: boolean): RegExp | null {
  if (!text) return null;
  const source = regex ? text : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(source, caseSensitive ? 'g' : 'gi');
  } catch {
    return null;
  }
}

export interface Segment {
  readonly text: string;
  readonly hit: boolean;
}

/** At most this many matches are marked in one line (a pattern like `.` would mark every character). */
const MAX_HITS = 100;

/** Splits text into plain and matching segments. Zero-length matches mark nothing. */
export function splitHighlights(text: string, re: RegExp | null): Segment[] {
  if (!re || !text) return [{ text, hit: false }];
  const out: Segment[] = [];
  re.lastIndex = 0;
  let last = 0;
  let hits = 0;
  let m: RegExpExecArray | null;
  while (hits < MAX_HITS && (m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      if (re.lastIndex > text.length) break;
      continue;
    }
    if (m.index > last) out.push({ text: text.slice(last, m.index), hit: false });
    out.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
    hits++;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out.length ? out : [{ text, hit: false }];
}
