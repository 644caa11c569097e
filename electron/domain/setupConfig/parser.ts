import { SaxesParser } from 'saxes';
import type { FieldProblem, SetupConfigFile, SetupConfigModel } from '../../contract';

/**
 * Setup.config read into its SETUP.CONFIG FORMAT nodes, with where each piece is in the text so
 * the serializer can change one value and leave every other character as it was.
 *
 * Two passes: saxes checks the document is well-formed XML and refuses a DOCTYPE (so no DTD, no
 * entity declaration, nothing expanded or fetched; an undeclared entity reference is an error);
 * then a scanner, which only ever sees a document saxes accepted, records the offsets.
 */

export interface AttrSpan {
  name: string;
  /** Start of the whitespace before the name (removing the attribute removes from here). */
  lead: number;
  valueStart: number;
  valueEnd: number;
  /** After the closing quote. */
  end: number;
  quote: '"' | "'";
  value: string;
}

export interface ElementSpan {
  name: string;
  start: number;
  /** After the name in the start tag (attributes are added after the last one, or here). */
  nameEnd: number;
  /** After the start tag's ">" (or "/>"). */
  startTagEnd: number;
  selfClosing: boolean;
  /** Between the start and end tag; equal to startTagEnd when self-closing. */
  contentStart: number;
  contentEnd: number;
  /** After the end tag. */
  end: number;
  attrs: AttrSpan[];
  children: ElementSpan[];
  line: number;
}

export interface ParsedSetupConfig {
  text: string;
  model: SetupConfigModel;
  root: ElementSpan;
  execute: ElementSpan | null;
  customerName: ElementSpan | null;
  tenantID: ElementSpan | null;
  files: ElementSpan | null;
  fileSpans: ElementSpan[];
  /** Unknown or repeated nodes and attributes: each a problem of the file itself. */
  structure: FieldProblem[];
}

export type ParseResult = { ok: true; parsed: ParsedSetupConfig } | { ok: false; message: string; line: number | null };

const MAX_CHARS = 1_000_000;

class Stop extends Error {}

/** saxes: well-formed, no DOCTYPE, no undeclared entity. */
function checkWellFormed(text: string): { message: string; line: number | null } | null {
  const p = new SaxesParser({ position: true });
  let problem: { message: string; line: number | null } | null = null;
  p.on('doctype', () => {
    problem = {
      message: 'A DOCTYPE is not allowed in Setup.config: DTDs and entity declarations are refused, not expanded.',
      line: p.line,
    };
    throw new Stop();
  });
  p.on('error', (e) => {
    problem ??= { message: `Not well-formed XML: ${e.message}`, line: p.line };
    throw new Stop();
  });
  try {
    p.write(text).close();
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  return problem;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeRefs(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (_, ref: string) =>
    ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(parseInt(ref.slice(1), 10))
        : (ENTITIES[ref] ?? ''),
  );
}
/** Attribute-value normalization (XML 1.0 §3.3.3): literal whitespace becomes a space; references are kept. */
const attrValue = (raw: string) => decodeRefs(raw.replace(/\r\n|[\t\n\r]/g, ' '));

/** An element's text: comments dropped, CDATA taken as is, references decoded. */
function textOf(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    if (raw.startsWith('<!--', i)) i = raw.indexOf('-->', i) + 3;
    else if (raw.startsWith('<![CDATA[', i)) {
      const end = raw.indexOf(']]>', i);
      out += raw.slice(i + 9, end);
      i = end + 3;
    } else if (raw.startsWith('<?', i)) i = raw.indexOf('?>', i) + 2;
    else {
      const next = raw.slice(i).search(/<!--|<!\[CDATA\[|<\?/);
      const chunk = next < 0 ? raw.slice(i) : raw.slice(i, i + next);
      out += decodeRefs(chunk.replace(/\r\n?/g, '\n'));
      i += chunk.length;
    }
  }
  return out;
}

const isWs = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Offsets of every element of a document saxes accepted. */
function scan(text: string): ElementSpan {
  const stack: ElementSpan[] = [];
  let root: ElementSpan | null = null;
  let line = 1;
  let lineAt = 0;
  const lineOf = (pos: number) => {
    for (; lineAt < pos; lineAt++) if (text[lineAt] === '\n') line++;
    return line;
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      i = text.indexOf('-->', lt + 4) + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      i = text.indexOf(']]>', lt + 9) + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      i = text.indexOf('?>', lt + 2) + 2;
      continue;
    }
    if (text[lt + 1] === '/') {
      const gt = text.indexOf('>', lt);
      const el = stack.pop()!;
      el.contentEnd = lt;
      el.end = gt + 1;
      i = gt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < text.length && !isWs(text[j]) && text[j] !== '>' && !(text[j] === '/' && text[j + 1] === '>')) j++;
    const el: ElementSpan = {
      name: text.slice(lt + 1, j),
      start: lt,
      nameEnd: j,
      startTagEnd: 0,
      selfClosing: false,
      contentStart: 0,
      contentEnd: 0,
      end: 0,
      attrs: [],
      children: [],
      line: lineOf(lt),
    };
    for (;;) {
      const lead = j;
      while (isWs(text[j])) j++;
      if (text[j] === '>') {
        el.startTagEnd = j + 1;
        break;
      }
      if (text[j] === '/' && text[j + 1] === '>') {
        el.startTagEnd = j + 2;
        el.selfClosing = true;
        break;
      }
      const nameStart = j;
      while (text[j] !== '=' && !isWs(text[j])) j++;
      const name = text.slice(nameStart, j);
      while (text[j] !== '"' && text[j] !== "'") j++;
      const quote = text[j] as '"' | "'";
      const valueStart = j + 1;
      const valueEnd = text.indexOf(quote, valueStart);
      j = valueEnd + 1;
      el.attrs.push({
        name,
        lead,
        valueStart,
        valueEnd,
        end: j,
        quote,
        value: attrValue(text.slice(valueStart, valueEnd)),
      });
    }
    el.contentStart = el.startTagEnd;
    if (el.selfClosing) {
      el.contentEnd = el.startTagEnd;
      el.end = el.startTagEnd;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root ??= el;
    if (!el.selfClosing) stack.push(el);
    i = el.startTagEnd;
  }
  return root!;
}

const EXECUTE_ATTRS = ['command', 'args', 'hidden'] as const;
const FILE_ATTRS = ['include', 'exclude', 'subDirs', 'outputFolder'] as const;

export function parseSetupConfig(text: string): ParseResult {
  if (text.length > MAX_CHARS)
    return { ok: false, message: 'Setup.config is larger than 1,000,000 characters.', line: null };
  const bad = checkWellFormed(text);
  if (bad) return { ok: false, ...bad };
  const root = scan(text);
  if (root.name !== 'configuration')
    return {
      ok: false,
      message: `The root node is <${root.name}>; Setup.config has <configuration>.`,
      line: root.line,
    };
  const structure: FieldProblem[] = [];
  const attrsOf = (el: ElementSpan, known: readonly string[], field: string) => {
    const out: Record<string, string | null> = {};
    for (const k of known) out[k] = el.attrs.find((a) => a.name === k)?.value ?? null;
    for (const a of el.attrs)
      if (!known.includes(a.name))
        structure.push({
          field,
          message:
            `<${el.name}> (line ${el.line}) has the attribute ${a.name}, which Setup.config does not define ` +
            `(${known.join(', ')}).`,
        });
    return out;
  };
  const single = (name: string, field: string) => {
    const all = root.children.filter((c) => c.name === name);
    if (all.length > 1)
      structure.push({
        field,
        message:
          `<${name}> appears ${all.length} times (lines ${all.map((e) => e.line).join(', ')}); ` +
          'it may appear once.',
      });
    return all[0] ?? null;
  };
  for (const a of root.attrs)
    structure.push({
      field: 'configuration',
      message: `<configuration> has the attribute ${a.name}, which Setup.config does not define.`,
    });
  for (const c of root.children)
    if (!['execute', 'customerName', 'tenantID', 'files'].includes(c.name))
      structure.push({
        field: 'configuration',
        message: `<${c.name}> (line ${c.line}) is not a node of Setup.config (execute, customerName, tenantID, files).`,
      });
  const execute = single('execute', 'execute.command');
  const customerName = single('customerName', 'customerName');
  const tenantID = single('tenantID', 'tenantID');
  const files = single('files', 'files');
  const textElement = (el: ElementSpan | null, field: string) => {
    if (!el) return null;
    for (const c of el.children)
      structure.push({ field, message: `<${el.name}> (line ${el.line}) holds <${c.name}>; it holds text only.` });
    for (const a of el.attrs)
      structure.push({
        field,
        message: `<${el.name}> has the attribute ${a.name}, which Setup.config does not define.`,
      });
    return textOf(text.slice(el.contentStart, el.contentEnd));
  };
  if (execute)
    for (const c of execute.children)
      structure.push({
        field: 'execute.command',
        message: `<execute> (line ${execute.line}) holds <${c.name}>; it has attributes only.`,
      });
  const fileSpans = files ? files.children.filter((c) => c.name === 'file') : [];
  if (files) {
    for (const a of files.attrs)
      structure.push({
        field: 'files',
        message: `<files> has the attribute ${a.name}, which Setup.config does not define.`,
      });
    for (const c of files.children)
      if (c.name !== 'file')
        structure.push({
          field: 'files',
          message: `<files> holds <${c.name}> (line ${c.line}); it holds <file> nodes only.`,
        });
  }
  const fileModels: SetupConfigFile[] = fileSpans.map((f, key) => {
    const a = attrsOf(f, FILE_ATTRS, `files.${key}.include`);
    for (const c of f.children)
      structure.push({
        field: `files.${key}.include`,
        message: `<file> (line ${f.line}) holds <${c.name}>; it has attributes only.`,
      });
    return {
      key,
      include: a.include ?? null,
      exclude: a.exclude ?? null,
      subDirs: a.subDirs ?? null,
      outputFolder: a.outputFolder ?? null,
    };
  });
  const exec = execute ? attrsOf(execute, EXECUTE_ATTRS, 'execute.command') : null;
  const model: SetupConfigModel = {
    execute: exec ? { command: exec.command ?? null, args: exec.args ?? null, hidden: exec.hidden ?? null } : null,
    customerName: textElement(customerName, 'customerName'),
    tenantID: textElement(tenantID, 'tenantID'),
    files: files ? fileModels : null,
  };
  return {
    ok: true,
    parsed: { text, model, root, execute, customerName, tenantID, files, fileSpans, structure },
  };
}
