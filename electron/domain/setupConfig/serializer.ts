import type { SetupConfigFile, SetupConfigModel } from '../../contract';
import type { AttrSpan, ElementSpan, ParsedSetupConfig } from './parser';

/**
 * Writes an edited Setup.config into the text it was read from, changing only what was edited:
 * a changed value replaces that value between its quotes (or that element's text); an attribute
 * or element set to null is removed with the whitespace before it; a new attribute is added after
 * the last one; new <file> entries are added after the existing ones (the manual: "The new <file>
 * entry must be after the existing <file> entries"), indented like the last one, with the file's
 * own line ending. Nothing else is rewritten: no re-indenting, no attribute reordering, the XML
 * declaration, comments and entity references elsewhere stay as they are.
 */
interface Edit {
  start: number;
  end: number;
  text: string;
}

const escAttr = (v: string, quote: '"' | "'") =>
  v
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
const escText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Start of the whitespace run before `pos` (the line break and indentation of an element). */
function leadOf(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && /[ \t\r\n]/.test(text[i - 1]!)) i--;
  return i;
}
/** The indentation of the line `pos` is on, when only whitespace precedes it there. */
function indentOf(text: string, pos: number): string | null {
  let i = pos;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r' ? text.slice(i, pos) : null;
}

function attrEdits(
  el: ElementSpan,
  before: Record<string, string | null>,
  after: Record<string, string | null>,
  order: readonly string[],
  edits: Edit[],
): void {
  // Added attributes go after the last one (also when that one is removed: the removal ends there).
  const insertAt = el.attrs.length ? el.attrs[el.attrs.length - 1]!.end : el.nameEnd;
  const added: string[] = [];
  for (const name of order) {
    const was = before[name] ?? null;
    const now = after[name] ?? null;
    if (was === now) continue;
    const span: AttrSpan | undefined = el.attrs.find((a) => a.name === name);
    if (now === null) {
      if (span) edits.push({ start: span.lead, end: span.end, text: '' });
    } else if (span) edits.push({ start: span.valueStart, end: span.valueEnd, text: escAttr(now, span.quote) });
    else added.push(` ${name}="${escAttr(now, '"')}"`);
  }
  if (added.length) edits.push({ start: insertAt, end: insertAt, text: added.join('') });
}

const fileAttrs = (f: SetupConfigFile) => ({
  include: f.include,
  exclude: f.exclude,
  subDirs: f.subDirs,
  outputFolder: f.outputFolder,
});
const FILE_ORDER = ['include', 'exclude', 'subDirs', 'outputFolder'] as const;

function newFile(f: SetupConfigFile): string {
  const attrs = FILE_ORDER.filter((k) => f[k] !== null).map((k) => ` ${k}="${escAttr(f[k]!, '"')}"`);
  return `<file${attrs.join('')} />`;
}

function textEdit(el: ElementSpan, name: string, value: string): Edit {
  if (el.selfClosing) return { start: el.start, end: el.end, text: `<${name}>${escText(value)}</${name}>` };
  return { start: el.contentStart, end: el.contentEnd, text: escText(value) };
}

/** The edited text; `eol` is the file's line ending (for lines that are added). */
export function writeSetupConfig(p: ParsedSetupConfig, next: SetupConfigModel, eol: string): string {
  const { text, model: was } = p;
  const edits: Edit[] = [];
  const rootChildIndent =
    (p.root.children[0] && indentOf(text, p.root.children[0].start)) ?? (indentOf(text, p.root.start) ?? '') + '  ';
  const remove = (el: ElementSpan) => edits.push({ start: leadOf(text, el.start), end: el.end, text: '' });
  // Where a node that was absent goes: after the nodes before it in the manual's order.
  const order: Array<[string, ElementSpan | null]> = [
    ['execute', p.execute],
    ['customerName', p.customerName],
    ['tenantID', p.tenantID],
    ['files', p.files],
  ];
  const insertPoint = (name: string): number => {
    let at = p.root.startTagEnd;
    for (const [n, el] of order) {
      if (n === name) break;
      if (el) at = el.end;
    }
    return at;
  };
  const addNode = (name: string, xml: string) => {
    if (p.root.selfClosing) throw new Error('An empty <configuration/> cannot take nodes.');
    const at = insertPoint(name);
    edits.push({ start: at, end: at, text: `${eol}${rootChildIndent}${xml}` });
  };

  // <execute>
  if (was.execute && !next.execute) remove(p.execute!);
  else if (!was.execute && next.execute) {
    const attrs = (['command', 'args', 'hidden'] as const)
      .filter((k) => next.execute![k] !== null)
      .map((k) => ` ${k}="${escAttr(next.execute![k]!, '"')}"`);
    addNode('execute', `<execute${attrs.join('')} />`);
  } else if (was.execute && next.execute)
    attrEdits(p.execute!, was.execute, next.execute, ['command', 'args', 'hidden'], edits);

  // <customerName>, <tenantID>
  for (const name of ['customerName', 'tenantID'] as const) {
    const el = p[name];
    const before = was[name];
    const after = next[name];
    if (before === after) continue;
    if (after === null) remove(el!);
    else if (!el) addNode(name, `<${name}>${escText(after)}</${name}>`);
    else edits.push(textEdit(el, name, after));
  }

  // <files>
  if (was.files && !next.files) remove(p.files!);
  else if (next.files) {
    const kept = new Map<number, SetupConfigFile>();
    const added: SetupConfigFile[] = [];
    for (const f of next.files) {
      if (f.key === null) added.push(f);
      else kept.set(f.key, f);
    }
    p.fileSpans.forEach((span, key) => {
      const f = kept.get(key);
      if (!f) remove(span);
      else attrEdits(span, fileAttrs(was.files![key]!), fileAttrs(f), FILE_ORDER, edits);
    });
    if (added.length) {
      if (!p.files) {
        const inner = rootChildIndent + (rootChildIndent || '  ');
        const lines = added.map((f) => `${eol}${inner}${newFile(f)}`).join('');
        addNode('files', `<files>${lines}${eol}${rootChildIndent}</files>`);
      } else {
        const files = p.files;
        const last = p.fileSpans[p.fileSpans.length - 1];
        const filesIndent = indentOf(text, files.start) ?? rootChildIndent;
        const indent = (last && indentOf(text, last.start)) ?? filesIndent + (rootChildIndent || '  ');
        const lines = added.map((f) => `${eol}${indent}${newFile(f)}`).join('');
        if (files.selfClosing)
          edits.push({
            start: files.start,
            end: files.end,
            text: `${text.slice(files.start, files.startTagEnd - 2).trimEnd()}>${lines}${eol}${filesIndent}</files>`,
          });
        else {
          const at = last ? last.end : files.contentStart;
          edits.push({ start: at, end: at, text: lines });
        }
      }
    }
  }

  // From the end backwards; at one position the later edit first, so they come out in push order.
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of ordered) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
