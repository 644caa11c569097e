/**
 * A user's regular expression made ready to run over many lines at once: a run of lines
 * decoded as one string (the ring's bytes, terminators included), searched with one
 * global, multiline RegExp instead of one string and one `test` per line (filters.ts,
 * `scanRegexChunk`). The per-line meaning must not change, so the rewrite keeps a match
 * inside one line:
 *
 * - every atom that could match LF (`\s`, `\D`, `\W`, `\n`, `\x0a`, `\u000a`, `\cJ`, a class
 *   such as `[^x]` or `[\s\S]`, as the engine itself says) becomes `(?:(?!\n)atom)`. A line
 *   never holds an LF, so on one line the atom means what it meant; in the run a match can
 *   no longer reach the next line (at most the CR of a CRLF), and a search from any position
 *   costs at most what it costs on that line alone;
 * - the `m` flag makes `^` and `$` mean line start and end — the runs are cut where two
 *   lines are not separated by a terminator, so `^`, `$`, `\b` and `\B` see what they see on
 *   the line alone at its edges (the only difference left: `m` also matches next to a CR
 *   inside a line; `anchors` says when a hit must be checked on its line);
 * - lookarounds (`(?=`, `(?!`, `(?<=`, `(?<!`) look past the line's ends and decimal escapes
 *   that are not backreferences are octal (`\12` is LF): such patterns, and a pattern holding
 *   a raw LF, get no plan and keep the per-line path.
 *
 * The pattern has already passed the nested-quantifier refusal (regexSafety.ts); the rewrite
 * adds only unquantified groups, so it does not change what was checked.
 */
export interface ScanPlan {
  /** The rewritten pattern with the user's flags plus `g` and `m`. */
  re: RegExp;
  /** The pattern has `^` or `$`: a hit in a line holding a CR is checked on the line alone. */
  anchors: boolean;
}

const HEX2 = /^[0-9a-fA-F]{2}$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const wrap = (atom: string) => `(?:(?!\\n)${atom})`;

/** Capturing groups in the pattern (plain and named), for telling backreferences from octal escapes. */
function capturingGroups(p: string): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
    } else if (c === '(') {
      if (p[i + 1] !== '?') n++;
      else if (p[i + 2] === '<' && p[i + 3] !== '=' && p[i + 3] !== '!') n++;
    }
  }
  return n;
}

/** The plan for `pattern` (flags '' or 'i'), or null when it must be tested line by line. */
export function scanPlan(pattern: string, flags: '' | 'i'): ScanPlan | null {
  const groups = capturingGroups(pattern);
  const n = pattern.length;
  let out = '';
  let anchors = false;
  let i = 0;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '\n') return null;
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined) return null;
      if (d === 's' || d === 'D' || d === 'W' || d === 'n') {
        out += wrap(pattern.slice(i, i + 2));
        i += 2;
      } else if (d === 'x' && HEX2.test(pattern.slice(i + 2, i + 4))) {
        const atom = pattern.slice(i, i + 4);
        out += parseInt(atom.slice(2), 16) === 10 ? wrap(atom) : atom;
        i += 4;
      } else if (d === 'u' && HEX4.test(pattern.slice(i + 2, i + 6))) {
        const atom = pattern.slice(i, i + 6);
        out += parseInt(atom.slice(2), 16) === 10 ? wrap(atom) : atom;
        i += 6;
      } else if (d === 'c' && /^[A-Za-z]$/.test(pattern[i + 2] ?? '')) {
        const atom = pattern.slice(i, i + 3);
        out += pattern.charCodeAt(i + 2) % 32 === 10 ? wrap(atom) : atom;
        i += 3;
      } else if (d >= '0' && d <= '9') {
        let j = i + 1;
        while (j < n && pattern[j]! >= '0' && pattern[j]! <= '9') j++;
        const digits = pattern.slice(i + 1, j);
        if (digits === '0') {
          out += '\\0'; // NUL
        } else if (d !== '0' && Number(digits) <= groups) {
          out += pattern.slice(i, j); // a backreference: its group cannot capture an LF either
        } else {
          return null; // a legacy octal escape (or an identity escape of 8/9)
        }
        i = j;
      } else {
        out += pattern.slice(i, i + 2);
        i += 2;
      }
    } else if (c === '[') {
      let j = i + 1;
      while (j < n && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      if (j >= n) return null;
      const atom = pattern.slice(i, j + 1);
      let lf: boolean;
      try {
        lf = new RegExp(atom, flags).test('\n');
      } catch {
        return null;
      }
      out += lf ? wrap(atom) : atom;
      i = j + 1;
    } else if (c === '(') {
      const next = pattern.slice(i + 1, i + 4);
      if (next.startsWith('?=') || next.startsWith('?!') || next === '?<=' || next === '?<!') return null;
      out += c;
      i++;
    } else {
      if (c === '^' || c === '$') anchors = true;
      out += c;
      i++;
    }
  }
  try {
    return { re: new RegExp(out, `${flags}gm`), anchors };
  } catch {
    return null;
  }
}

/** Length of the quantifier at p and whether it allows zero repetitions; null when none starts there. */
function quantifierAt(p: string, i: number): { len: number; optional: boolean } | null {
  const c = p[i];
  let len: number;
  let optional: boolean;
  if (c === '*' || c === '?') {
    len = 1;
    optional = true;
  } else if (c === '+') {
    len = 1;
    optional = false;
  } else if (c === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(p.slice(i, i + 40));
    if (!m) return null; // not a quantifier: a literal `{`
    len = m[0].length;
    optional = Number(m[1]) === 0;
  } else {
    return null;
  }
  if (p[i + len] === '?') len++; // lazy
  return { len, optional };
}

/** End (exclusive) of the group that opens at p[i] === '(': nesting, escapes and classes skipped; n when unclosed. */
function groupEnd(p: string, i: number): number {
  let depth = 0;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return p.length;
}

/**
 * Runs of ASCII characters that every match of `pattern` contains (its top-level sequence, read
 * conservatively: groups, classes, escapes other than punctuation, and optional characters end a
 * run; a top-level `|` gives none). The re-filter finds candidate lines with the fastest byte
 * search for one of them and runs the expression only on those lines. ASCII letters compare by
 * ASCII case folding under the `i` flag, as in the engine without `u`, so a byte search with
 * ASCII folding finds the same lines.
 */
export function requiredLiterals(pattern: string): string[] {
  const out: string[] = [];
  let run = '';
  const end = () => {
    if (run !== '') out.push(run);
    run = '';
  };
  const n = pattern.length;
  let i = 0;
  while (i < n) {
    const c = pattern[i]!;
    let lit: string | null = null;
    let len = 1;
    if (c === '|') return [];
    if (c === '\\') {
      const d = pattern[i + 1] ?? '';
      const code = d.charCodeAt(0);
      if (code < 128 && !/[A-Za-z0-9]/.test(d)) {
        lit = d;
        len = 2;
      } else if (d === 'x' && HEX2.test(pattern.slice(i + 2, i + 4))) len = 4;
      else if (d === 'u' && HEX4.test(pattern.slice(i + 2, i + 6))) len = 6;
      else if (d === 'c' && /^[A-Za-z]$/.test(pattern[i + 2] ?? '')) len = 3;
      else if (d >= '0' && d <= '9') {
        len = 1;
        while (i + len < n && pattern[i + len]! >= '0' && pattern[i + len]! <= '9') len++;
      } else if (d === 'k' && pattern[i + 2] === '<') {
        const close = pattern.indexOf('>', i + 3);
        len = close < 0 ? 2 : close + 1 - i;
      } else len = 2;
    } else if (c === '[') {
      let j = i + 1;
      while (j < n && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      len = j + 1 - i;
    } else if (c === '(') {
      len = groupEnd(pattern, i) - i;
    } else if (c !== '.' && c !== '^' && c !== '$' && c.charCodeAt(0) < 128) {
      lit = c;
    }
    i += len;
    const q = quantifierAt(pattern, i);
    if (q) i += q.len;
    if (lit === null || q?.optional === true) {
      end();
    } else {
      run += lit;
      if (q) end(); // one or more: the next character need not follow this one
    }
  }
  end();
  return out;
}
