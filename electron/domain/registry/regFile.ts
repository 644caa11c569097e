/**
 * Windows registry files (.reg), the format regedit exports and imports:
 *
 *   Windows Registry Editor Version 5.00          ← or REGEDIT4 (older, ANSI)
 *                                                  ← blank lines are ignored
 *   ; a comment                                    ← a line starting with ;
 *   [HKEY_LOCAL_MACHINE\SOFTWARE\…]                ← a key; [-HKEY_…] deletes the key
 *   "LogLevel"=dword:00000002                      ← a DWORD, 8 hex digits
 *   "Name"="text"  "Bin"=hex:01,02,\               ← other types; a trailing \ continues
 *     03                                            the line on the next one
 *   "Old"=-                                        ← deletes the value
 *   @="…"                                          ← the key's default value
 *
 * Lines end with CRLF. regedit's own exports are UTF-16LE with a byte-order mark (see
 * encoding.ts); the text here is already decoded. Pure: no node:* modules.
 */

export const REG_HEADER_V5 = 'Windows Registry Editor Version 5.00';
export const REG_HEADER_V4 = 'REGEDIT4';
export const CRLF = '\r\n';

export type RegData =
  | { kind: 'dword'; value: number }
  | { kind: 'delete' }
  | { kind: 'string'; value: string }
  /** hex: (REG_BINARY) or hex(n): — another type, kept only to name it in messages. */
  | { kind: 'hex'; type: string };

export interface RegValue {
  /** null = the key's default value (@). */
  name: string | null;
  data: RegData;
  /** 1-based line where the value starts. */
  line: number;
}

export interface RegSection {
  path: string;
  /** [-…]: the file deletes this key. */
  delete: boolean;
  line: number;
  values: RegValue[];
}

export interface RegProblem {
  line: number;
  message: string;
}

export interface RegDocument {
  header: 'v5' | 'v4';
  sections: RegSection[];
}

/** Logical lines: a trailing backslash joins the next line (leading blanks dropped), numbered where each starts. */
function logicalLines(text: string): Array<{ line: number; text: string }> {
  const physical = text.split(/\r\n|\r|\n/);
  const out: Array<{ line: number; text: string }> = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let t = physical[i]!;
    if (!t.trimStart().startsWith(';')) {
      while (/\\\s*$/.test(t) && i + 1 < physical.length) {
        t = t.replace(/\\\s*$/, '') + physical[++i]!.trimStart();
      }
    }
    out.push({ line: start + 1, text: t });
  }
  return out;
}

/** Reads a quoted .reg string starting at s[at] === '"' (escapes \\ and \"); null when unterminated. */
function readQuoted(s: string, at: number): { value: string; end: number } | null {
  let value = '';
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      value += s[++i]!;
      continue;
    }
    if (c === '"') return { value, end: i + 1 };
    value += c;
  }
  return null;
}

const shown = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function parseData(raw: string): RegData | string {
  const d = raw.trim();
  if (d === '-') return { kind: 'delete' };
  if (d.startsWith('"')) {
    const q = readQuoted(d, 0);
    if (!q) return 'the text value is not closed with a quote';
    if (!/^\s*(;.*)?$/.test(d.slice(q.end)))
      return `unexpected text after the closing quote: "${shown(d.slice(q.end).trim())}"`;
    return { kind: 'string', value: q.value };
  }
  const dword = /^dword:\s*([0-9a-f]*)\s*(;.*)?$/i.exec(d);
  if (dword) {
    const hex = dword[1]!;
    if (!/^[0-9a-f]{1,8}$/i.test(hex))
      return `dword: needs 1 to 8 hexadecimal digits (e.g. dword:00000002), not "${shown(hex)}"`;
    return { kind: 'dword', value: parseInt(hex, 16) };
  }
  const hex = /^hex(\([0-9a-f]{1,8}\))?:/i.exec(d);
  if (hex) return { kind: 'hex', type: `hex${hex[1] ?? ''}` };
  return `cannot read the data "${shown(d)}" (expected dword:xxxxxxxx, "text", hex:… or -)`;
}

/**
 * Parses .reg text. Never throws: every line it cannot read is a problem with its line number.
 * The first non-blank line must be the header.
 */
export function parseRegText(text: string): { ok: true; doc: RegDocument } | { ok: false; problems: RegProblem[] } {
  const problems: RegProblem[] = [];
  const lines = logicalLines(text.replace(/^\uFEFF/, ''));
  const first = lines.findIndex((l) => l.text.trim() !== '');
  if (first < 0) return { ok: false, problems: [{ line: 1, message: 'The file is empty.' }] };
  const head = lines[first]!.text.trim();
  const header =
    head.toLowerCase() === REG_HEADER_V5.toLowerCase() ? 'v5' : head.toUpperCase() === REG_HEADER_V4 ? 'v4' : null;
  if (!header) {
    return {
      ok: false,
      problems: [
        {
          line: lines[first]!.line,
          message:
            `This is not a registry file: the first line must be "${REG_HEADER_V5}" or "${REG_HEADER_V4}", ` +
            `not "${shown(head)}".`,
        },
      ],
    };
  }
  const sections: RegSection[] = [];
  let current: RegSection | null = null;
  for (const { line, text: raw } of lines.slice(first + 1)) {
    const t = raw.trim();
    if (t === '' || t.startsWith(';')) continue;
    if (t.startsWith('[')) {
      const m = /^\[(-?)\s*([^\]]*?)\s*\]\s*(;.*)?$/.exec(t);
      if (!m || m[2] === '') {
        problems.push({ line, message: `A key must be written as [HKEY_…\\…] on one line: "${shown(t)}".` });
        current = null;
        continue;
      }
      current = { path: m[2]!, delete: m[1] === '-', line, values: [] };
      sections.push(current);
      continue;
    }
    if (t.startsWith('"') || t.startsWith('@')) {
      let name: string | null;
      let rest: string;
      if (t.startsWith('@')) {
        name = null;
        rest = t.slice(1);
      } else {
        const q = readQuoted(t, 0);
        if (!q) {
          problems.push({ line, message: `The value name is not closed with a quote: "${shown(t)}".` });
          continue;
        }
        name = q.value;
        rest = t.slice(q.end);
      }
      const eq = /^\s*=/.exec(rest);
      if (!eq) {
        problems.push({ line, message: `Expected = after the value name: "${shown(t)}".` });
        continue;
      }
      const data = parseData(rest.slice(eq[0].length));
      if (typeof data === 'string') {
        problems.push({ line, message: `${name === null ? 'The default value (@)' : `"${name}"`}: ${data}.` });
        continue;
      }
      if (!current) {
        problems.push({ line, message: `The value ${name === null ? '@' : `"${name}"`} comes before any [key].` });
        continue;
      }
      current.values.push({ name, data, line });
      continue;
    }
    problems.push({
      line,
      message: `Cannot read "${shown(t)}": expected a [key], a "name"=value line, or a ; comment.`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, doc: { header, sections } };
}

/** dword:00000002 — always 8 lower-case hex digits, as regedit writes them. */
export function formatDword(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new RangeError(`${value} is not a DWORD (0–4294967295)`);
  return `dword:${value.toString(16).padStart(8, '0')}`;
}

/** "name" with \ and " escaped, as regedit writes value names. */
export const quoteRegString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export interface RegWriteSection {
  path: string;
  /** Comment lines written just above the key (without the leading ;). */
  comments?: string[];
  values: Array<{ name: string; dword: number; comment?: string }>;
}

/** A comment line: ; plus text, never spanning lines. */
const comment = (s: string) => `; ${s.replace(/[\r\n]+/g, ' ')}`.trimEnd();

/**
 * A version 5.00 .reg file: the header, a blank line, then each key with its values and a
 * blank line, CRLF throughout (regedit's own layout). Only DWORD values: all this console writes.
 */
export function writeRegText(doc: { comments?: string[]; sections: RegWriteSection[] }): string {
  const out: string[] = [REG_HEADER_V5, ''];
  if (doc.comments && doc.comments.length > 0) out.push(...doc.comments.map(comment), '');
  for (const s of doc.sections) {
    if (s.comments) out.push(...s.comments.map(comment));
    out.push(`[${s.path}]`);
    for (const v of s.values) {
      if (v.comment) out.push(comment(v.comment));
      out.push(`${quoteRegString(v.name)}=${formatDword(v.dword)}`);
    }
    out.push('');
  }
  return out.join(CRLF) + CRLF;
}
