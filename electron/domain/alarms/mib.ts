/**
 * A small SMI (RFC 1155/1212/1215, RFC 2578) reader: enough of a MIB module to name OIDs and
 * know notifications and their objects. It reads OBJECT IDENTIFIER assignments and the
 * OID-valued macros (OBJECT-TYPE, NOTIFICATION-TYPE, TRAP-TYPE, MODULE-IDENTITY, …), skips
 * type assignments and MACRO bodies, and reports problems with the file, line and reason.
 * Pure: the service feeds it texts (shipped + imported) and keeps the resulting index.
 */

export type MibNodeKind = 'node' | 'object' | 'notification' | 'trap';

export interface MibNode {
  name: string;
  oid: string;
  module: string;
  kind: MibNodeKind;
  description?: string;
  /** OBJECTS (SMIv2) or VARIABLES (SMIv1 TRAP-TYPE): the names of the notification's varbinds. */
  objects?: string[];
  syntax?: string;
}

export interface MibProblem {
  file: string;
  line: number;
  reason: string;
}

export interface ParsedModule {
  name: string;
  file: string;
  imports: { names: string[]; from: string; line: number }[];
  defs: RawDef[];
}

interface RawDef {
  name: string;
  kind: MibNodeKind;
  line: number;
  /** OID value components: names or numbers (a name may carry a number, as in iso(1)). */
  value: { name?: string; num?: number }[];
  /** TRAP-TYPE: enterprise name; value is then the specific-trap number. */
  enterprise?: string;
  description?: string;
  objects?: string[];
  syntax?: string;
}

interface Tok {
  t: string;
  line: number;
  str?: boolean;
}

const OID_MACROS: Record<string, MibNodeKind> = {
  'OBJECT-TYPE': 'object',
  'NOTIFICATION-TYPE': 'notification',
  'TRAP-TYPE': 'trap',
  'MODULE-IDENTITY': 'node',
  'OBJECT-IDENTITY': 'node',
  'OBJECT-GROUP': 'node',
  'NOTIFICATION-GROUP': 'node',
  'MODULE-COMPLIANCE': 'node',
  'AGENT-CAPABILITIES': 'node',
};

function tokenize(text: string, file: string, problems: MibProblem[]): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      // A comment runs to the end of the line or to the next "--".
      i += 2;
      while (i < n && text[i] !== '\n' && !(text[i] === '-' && text[i + 1] === '-')) i++;
      if (text[i] === '-') i += 2;
      continue;
    }
    if (c === '"') {
      const startLine = line;
      let j = i + 1;
      while (j < n && text[j] !== '"') {
        if (text[j] === '\n') line++;
        j++;
      }
      if (j >= n) {
        problems.push({ file, line: startLine, reason: 'a quoted string is never closed (missing ")' });
        return toks;
      }
      toks.push({ t: text.slice(i + 1, j), line: startLine, str: true });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      // 'hex'H / 'bits'B literals
      let j = i + 1;
      while (j < n && text[j] !== "'" && text[j] !== '\n') j++;
      toks.push({ t: text.slice(i, j + 2), line });
      i = j + 2;
      continue;
    }
    if (text.startsWith('::=', i)) {
      toks.push({ t: '::=', line });
      i += 3;
      continue;
    }
    if (text.startsWith('..', i)) {
      toks.push({ t: '..', line });
      i += 2;
      continue;
    }
    if ('{}(),;|[]'.includes(c)) {
      toks.push({ t: c, line });
      i++;
      continue;
    }
    const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 200));
    if (!m) {
      problems.push({ file, line, reason: `unexpected character ${JSON.stringify(c)}` });
      return toks;
    }
    toks.push({ t: m[0], line });
    i += m[0].length;
  }
  return toks;
}

const isLower = (s: string) => /^[a-z][A-Za-z0-9-]*$/.test(s);
const isUpper = (s: string) => /^[A-Z][A-Za-z0-9-]*$/.test(s);

/** Parses one file (it may hold several modules). Problems name the file and line. */
export function parseMibText(text: string, file: string): { modules: ParsedModule[]; problems: MibProblem[] } {
  const problems: MibProblem[] = [];
  const toks = tokenize(text, file, problems);
  const modules: ParsedModule[] = [];
  let p = 0;
  const at = (k = 0) => toks[p + k];
  const fail = (reason: string, tok = at() ?? toks[toks.length - 1]) => {
    problems.push({ file, line: tok?.line ?? 1, reason });
  };
  // Skips a balanced {...} or (...) starting at p.
  const skipBalanced = () => {
    const open = at()!.t;
    const close = open === '{' ? '}' : open === '(' ? ')' : ']';
    let depth = 0;
    while (p < toks.length) {
      const t = toks[p++]!.t;
      if (t === open) depth++;
      else if (t === close && --depth === 0) return true;
    }
    return false;
  };
  const readOidValue = (): RawDef['value'] | null => {
    if (at()?.t !== '{') {
      fail(`expected "{" to start an OID value, found ${at() ? JSON.stringify(at()!.t) : 'the end of the file'}`);
      return null;
    }
    p++;
    const out: RawDef['value'] = [];
    while (p < toks.length && at()!.t !== '}') {
      const t = at()!;
      if (/^\d+$/.test(t.t)) {
        out.push({ num: Number(t.t) });
        p++;
      } else if (isLower(t.t)) {
        p++;
        if (at()?.t === '(') {
          const num = at(1)?.t;
          if (!num || !/^\d+$/.test(num) || at(2)?.t !== ')') {
            fail(`expected a number in ${t.t}( )`);
            return null;
          }
          out.push({ name: t.t, num: Number(num) });
          p += 3;
        } else out.push({ name: t.t });
      } else {
        fail(`unexpected ${JSON.stringify(t.t)} in an OID value`);
        return null;
      }
    }
    if (p >= toks.length) {
      fail('an OID value is never closed (missing "}")');
      return null;
    }
    p++;
    if (out.length === 0) {
      fail('empty OID value');
      return null;
    }
    return out;
  };

  while (p < toks.length) {
    const nameTok = at()!;
    if (!isUpper(nameTok.t) || at(1)?.t !== 'DEFINITIONS') {
      fail(`expected "<MODULE-NAME> DEFINITIONS ::= BEGIN", found ${JSON.stringify(nameTok.t)}`);
      return { modules, problems };
    }
    p += 2;
    if (at()?.t !== '::=' || at(1)?.t !== 'BEGIN') {
      fail('expected "::= BEGIN" after DEFINITIONS');
      return { modules, problems };
    }
    p += 2;
    const mod: ParsedModule = { name: nameTok.t, file, imports: [], defs: [] };
    modules.push(mod);
    let ended = false;
    while (p < toks.length) {
      const t = at()!;
      if (t.t === 'END') {
        p++;
        ended = true;
        break;
      }
      if (t.t === 'IMPORTS') {
        p++;
        let names: string[] = [];
        while (p < toks.length && at()!.t !== ';') {
          const x = at()!;
          if (x.t === 'FROM') {
            const from = at(1);
            if (!from) break;
            mod.imports.push({ names, from: from.t, line: from.line });
            names = [];
            p += 2;
          } else {
            if (x.t !== ',') names.push(x.t);
            p++;
          }
        }
        if (p >= toks.length) {
          fail('IMPORTS is never closed (missing ";")', t);
          return { modules, problems };
        }
        p++;
        continue;
      }
      if (t.t === 'EXPORTS') {
        while (p < toks.length && at()!.t !== ';') p++;
        p++;
        continue;
      }
      // A MACRO definition: skip to its own END.
      if (at(1)?.t === 'MACRO') {
        p += 2;
        while (p < toks.length && at()!.t !== 'END') p++;
        p++;
        continue;
      }
      // Type assignment: Name ::= … (skip up to the start of the next definition).
      if (isUpper(t.t) && at(1)?.t === '::=') {
        p += 2;
        while (p < toks.length) {
          const x = at()!;
          if (x.t === '{' || x.t === '(' || x.t === '[') {
            if (!skipBalanced()) {
              fail(`unbalanced brackets in the definition of ${t.t}`, t);
              return { modules, problems };
            }
            continue;
          }
          if (
            x.t === 'END' ||
            (isLower(x.t) && (at(1)?.t === 'OBJECT' || OID_MACROS[at(1)?.t ?? ''] !== undefined)) ||
            (isUpper(x.t) && at(1)?.t === '::=') ||
            at(1)?.t === 'MACRO'
          )
            break;
          p++;
        }
        continue;
      }
      if (isLower(t.t)) {
        const next = at(1)?.t ?? '';
        if (next === 'OBJECT' && at(2)?.t === 'IDENTIFIER') {
          p += 3;
          if (at()?.t !== '::=') {
            fail(`expected "::=" after ${t.t} OBJECT IDENTIFIER`);
            return { modules, problems };
          }
          p++;
          const value = readOidValue();
          if (!value) return { modules, problems };
          mod.defs.push({ name: t.t, kind: 'node', line: t.line, value });
          continue;
        }
        const kind = OID_MACROS[next];
        if (kind) {
          p += 2;
          const def: RawDef = { name: t.t, kind, line: t.line, value: [] };
          while (p < toks.length && at()!.t !== '::=') {
            const x = at()!;
            if (x.t === 'END' || (isLower(x.t) && OID_MACROS[at(1)?.t ?? ''] !== undefined && x !== t)) {
              fail(`expected "::=" to end the ${next} ${t.t}`, t);
              return { modules, problems };
            }
            if (x.t === 'DESCRIPTION' && at(1)?.str) {
              def.description = at(1)!.t.replace(/\s+/g, ' ').trim();
              p += 2;
            } else if ((x.t === 'OBJECTS' || x.t === 'VARIABLES') && at(1)?.t === '{') {
              p += 2;
              const objs: string[] = [];
              while (p < toks.length && at()!.t !== '}') {
                if (at()!.t !== ',') objs.push(at()!.t);
                p++;
              }
              p++;
              def.objects = objs;
            } else if (x.t === 'ENTERPRISE' && at(1)) {
              def.enterprise = at(1)!.t;
              p += 2;
            } else if (x.t === 'SYNTAX' && at(1)) {
              def.syntax = at(1)!.t === 'OCTET' ? 'OCTET STRING' : at(1)!.t;
              p += 2;
            } else if (x.t === '{' || x.t === '(') {
              if (!skipBalanced()) {
                fail(`unbalanced brackets in ${t.t}`, t);
                return { modules, problems };
              }
            } else p++;
          }
          if (p >= toks.length) {
            fail(`${t.t} (${next}) has no "::=" value`, t);
            return { modules, problems };
          }
          p++;
          if (kind === 'trap') {
            const num = at();
            if (!num || !/^\d+$/.test(num.t)) {
              fail(`TRAP-TYPE ${t.t} needs a number after "::="`, num ?? t);
              return { modules, problems };
            }
            if (!def.enterprise) {
              fail(`TRAP-TYPE ${t.t} has no ENTERPRISE`, t);
              return { modules, problems };
            }
            def.value = [{ num: Number(num.t) }];
            p++;
          } else {
            const value = readOidValue();
            if (!value) return { modules, problems };
            def.value = value;
          }
          mod.defs.push(def);
          continue;
        }
      }
      fail(`unexpected ${JSON.stringify(t.t)} (expected a definition, IMPORTS or END)`);
      return { modules, problems };
    }
    if (!ended) {
      fail(`module ${mod.name} has no END`, nameTok);
      return { modules, problems };
    }
  }
  if (modules.length === 0 && problems.length === 0)
    problems.push({ file, line: 1, reason: 'the file holds no MIB module' });
  return { modules, problems };
}

const ROOTS: Record<string, string> = { iso: '1', ccitt: '0', 'joint-iso-ccitt': '2' };

/** OID ↔ name for the loaded modules. */
export class MibIndex {
  readonly byOid = new Map<string, MibNode>();
  readonly byName = new Map<string, MibNode>();
  readonly modules: string[] = [];

  /** Longest known prefix: "secBrokerConFailed", "sysUpTime.0", "enterprises.9999.1". */
  name(oid: string): string {
    const hit = this.lookup(oid);
    if (!hit) return oid;
    return hit.rest ? `${hit.node.name}.${hit.rest}` : hit.node.name;
  }

  lookup(oid: string): { node: MibNode; rest: string } | null {
    let prefix = oid;
    for (;;) {
      const node = this.byOid.get(prefix);
      if (node) return { node, rest: prefix.length === oid.length ? '' : oid.slice(prefix.length + 1) };
      const dot = prefix.lastIndexOf('.');
      if (dot < 0) return null;
      prefix = prefix.slice(0, dot);
    }
  }

  /** "Module::name" or "name" (also with an instance suffix) → OID, or null. */
  oidOf(name: string): string | null {
    if (/^\d+(\.\d+)+$/.test(name)) return name;
    const bare = name.includes('::') ? name.split('::')[1]! : name;
    const [head, ...rest] = bare.split('.');
    const node = this.byName.get(head!);
    if (!node) return null;
    return rest.length ? `${node.oid}.${rest.join('.')}` : node.oid;
  }
}

/**
 * Resolves modules (order free: forward references and imports across modules are chased
 * until nothing moves). Problems name the file and line of each definition that cannot be
 * placed, and of imports from modules that are not loaded.
 */
export function buildIndex(modules: ParsedModule[]): { index: MibIndex; problems: MibProblem[] } {
  const problems: MibProblem[] = [];
  const index = new MibIndex();
  const byModule = new Map<string, ParsedModule>();
  for (const m of modules) byModule.set(m.name, m); // a later module of the same name replaces
  const resolved = new Map<string, Map<string, string>>(); // module → name → oid
  for (const m of byModule.values()) resolved.set(m.name, new Map());

  const find = (mod: ParsedModule, name: string): string | undefined => {
    const own = resolved.get(mod.name)!.get(name);
    if (own) return own;
    for (const imp of mod.imports) {
      if (imp.names.includes(name)) {
        const oid = resolved.get(imp.from)?.get(name);
        if (oid) return oid;
      }
    }
    return ROOTS[name];
  };

  const pending = new Set<{ mod: ParsedModule; def: RawDef }>();
  for (const m of byModule.values()) for (const def of m.defs) pending.add({ mod: m, def });
  let moved = true;
  while (moved && pending.size > 0) {
    moved = false;
    for (const item of pending) {
      const { mod, def } = item;
      let oid: string | undefined;
      if (def.kind === 'trap') {
        const ent = find(mod, def.enterprise!);
        if (ent) oid = `${ent}.0.${def.value[0]!.num}`; // RFC 3584 §3.1
      } else {
        const [first, ...rest] = def.value;
        let base: string | undefined;
        if (first!.name) base = find(mod, first!.name) ?? (first!.num !== undefined ? String(first!.num) : undefined);
        else base = String(first!.num);
        if (base !== undefined) {
          const nums: string[] = [base];
          let ok = true;
          for (const c of rest) {
            if (c.num === undefined) {
              ok = false;
              break;
            }
            nums.push(String(c.num));
          }
          if (ok) oid = nums.join('.');
        }
      }
      if (oid) {
        resolved.get(mod.name)!.set(def.name, oid);
        pending.delete(item);
        moved = true;
      }
    }
  }
  for (const { mod, def } of pending) {
    const parent = def.kind === 'trap' ? def.enterprise! : def.value[0]!.name!;
    const imp = mod.imports.find((i) => i.names.includes(parent));
    const reason =
      imp && !byModule.has(imp.from)
        ? `${def.name}: its parent ${parent} is imported from ${imp.from}, which is not loaded — import ${imp.from} ` +
          `first`
        : `${def.name}: its parent ${parent} is not defined in ${mod.name} nor imported`;
    problems.push({ file: mod.file, line: def.line, reason });
  }
  for (const m of byModule.values()) {
    index.modules.push(m.name);
    for (const def of m.defs) {
      const oid = resolved.get(m.name)!.get(def.name);
      if (!oid) continue;
      const node: MibNode = { name: def.name, oid, module: m.name, kind: def.kind };
      if (def.description) node.description = def.description;
      if (def.objects) node.objects = def.objects;
      if (def.syntax) node.syntax = def.syntax;
      // The first definition of an OID names it (standard modules load first).
      if (!index.byOid.has(oid) || index.byOid.get(oid)!.kind === 'node') index.byOid.set(oid, node);
      if (!index.byName.has(def.name)) index.byName.set(def.name, node);
    }
  }
  return { index, problems };
}
