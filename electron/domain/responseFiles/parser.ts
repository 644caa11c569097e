import { SaxesParser } from 'saxes';
import { KNOWN_ATTRS, newId, type RfDoc, type RfItem, type RfKind } from './model';

/** Larger files are refused before parsing (10 MB files must open; see docs/PERFORMANCE.md). */
export const MAX_RESPONSE_FILE_BYTES = 16 * 1024 * 1024;
/** "Nesting level of the groups is unlimited", but a file nested deeper than this is an attack, not a response file. */
export const MAX_DEPTH = 200;

export interface RfParseError {
  message: string;
  line: number;
  column: number;
}

export type RfParseResult = { ok: true; doc: RfDoc; bytes: number } | { ok: false; error: RfParseError };

const fail = (message: string, line = 0, column = 0): RfParseResult => ({
  ok: false,
  error: { message, line, column },
});
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** UTF-8 length without copying the string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

class Stop extends Error {}

function position(xml: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf('\n'); i >= 0 && i < index; i = xml.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * A "&" that does not start a reference ("Tom & Jerry"): saxes would read on to the end of the
 * file looking for ";" and report an unclosed tag there, so find it first and say where it is.
 * (Inside CDATA sections and comments "&" is literal.)
 */
function strayAmpersand(xml: string): RfParseError | null {
  const re = /&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const before = xml.lastIndexOf('<![CDATA[', m.index);
    if (before >= 0 && xml.indexOf(']]>', before) > m.index) continue;
    const comment = xml.lastIndexOf('<!--', m.index);
    if (comment >= 0 && xml.indexOf('-->', comment) > m.index) continue;
    return {
      message: 'A "&" that does not start a reference: write & as &amp; (all standard XML encoding rules apply).',
      ...position(xml, m.index),
    };
  }
  return null;
}

/**
 * Parses a response file safely: UTF-8 only, a size cap, no DTD (so no entity can be declared,
 * expanded or fetched: entity bombs and external entities are refused at the DOCTYPE), only
 * the five predefined entities and character references, a nesting cap. Every error names the
 * line and column. Whitespace between elements is layout and is not kept; a response's inner
 * text is kept exactly (character references included).
 */
export function parseResponseFile(input: string | Uint8Array): RfParseResult {
  let xml: string;
  let bytes: number;
  if (typeof input === 'string') {
    bytes = input.length > MAX_RESPONSE_FILE_BYTES ? input.length : utf8Length(input);
    if (bytes > MAX_RESPONSE_FILE_BYTES)
      return fail(
        `The response file is ${mb(bytes)}; the console opens response files up to ${mb(MAX_RESPONSE_FILE_BYTES)}.`,
      );
    xml = input;
  } else {
    bytes = input.byteLength;
    if (bytes > MAX_RESPONSE_FILE_BYTES)
      return fail(
        `The response file is ${mb(bytes)}; the console opens response files up to ${mb(MAX_RESPONSE_FILE_BYTES)}.`,
      );
    if (input[0] === 0xff || input[0] === 0xfe)
      return fail('The response file is UTF-16; response files are UTF-8.', 1, 1);
    try {
      xml = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return fail('The response file is not valid UTF-8; response files are UTF-8.');
    }
  }
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);

  const amp = strayAmpersand(xml);
  if (amp) return { ok: false, error: amp };

  const items: RfItem[] = [];
  // Open elements: the item (null for the root) and whether text goes into it.
  const stack: (RfItem | null)[] = [];
  let sawRoot = false;
  let error: RfParseError | null = null;
  const p = new SaxesParser({ position: true });
  const stop = (message: string): never => {
    error ??= { message, line: p.line, column: p.column };
    throw new Stop(message);
  };

  p.on('error', (e) => {
    // saxes prefixes "line:column: "; keep the message and give the position separately.
    const m = /^(\d+):(\d+): (.*)$/s.exec(e.message);
    const raw = m ? m[3]! : e.message;
    const text = /undefined entity|entity/i.test(raw)
      ? `${raw} — only &lt; &gt; &amp; &quot; &apos; and character references (&#x0d;) are allowed`
      : raw;
    error ??= m
      ? { message: text, line: Number(m[1]), column: Number(m[2]) }
      : { message: text, line: p.line, column: p.column };
    throw new Stop(raw);
  });
  p.on('xmldecl', (d) => {
    if (d.encoding && !/^utf-?8$/i.test(d.encoding))
      stop(`The file declares encoding="${d.encoding}"; response files are UTF-8.`);
  });
  p.on('doctype', () =>
    stop(
      'A DOCTYPE is not allowed in a response file: DTDs and entity declarations are refused (they allow ' +
        'entity-expansion and external-entity attacks).',
    ),
  );
  p.on('opentag', (tag) => {
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (!sawRoot) {
      if (tag.name !== 'ResponseFile')
        stop(`The root element is <${tag.name}>; a response file starts with <ResponseFile>.`);
      sawRoot = true;
      stack.push(null);
      return;
    }
    if (parent && parent.kind === 'response')
      stop(
        `<${tag.name}> inside the text of response "${parent.name ?? ''}": write < as &lt; in response text (all ` +
          `standard XML encoding rules apply).`,
      );
    if (tag.name !== 'Group' && tag.name !== 'Response')
      stop(`Unknown element <${tag.name}>: a response file holds only <Group> and <Response>.`);
    if (tag.name === 'Group' && stack.length > MAX_DEPTH)
      stop(`Groups are nested more than ${MAX_DEPTH} levels deep; the console refuses such files.`);
    const kind: RfKind = tag.name === 'Group' ? 'group' : 'response';
    const known = KNOWN_ATTRS[kind];
    const attrs = tag.attributes as Record<string, string>;
    const item: RfItem = {
      id: newId(),
      parent: parent ? parent.id : null,
      kind,
      name: attrs.Name ?? null,
      expanded: kind === 'group' ? (attrs.Expanded ?? null) : null,
      description: kind === 'response' ? (attrs.Description ?? null) : null,
      src: kind === 'response' ? (attrs.Src ?? null) : null,
      text: '',
      extra: [],
      order: Object.keys(attrs),
    };
    for (const [name, value] of Object.entries(attrs)) if (!known.includes(name)) item.extra.push({ name, value });
    items.push(item);
    stack.push(item);
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top && top.kind === 'response') top.text += t;
    else if (stack.length > 0 && /\S/.test(t))
      stop(`Text "${t.trim().slice(0, 40)}" outside a <Response>: text belongs inside <Response> elements.`);
  };
  p.on('text', onText);
  p.on('cdata', onText);
  p.on('closetag', () => {
    stack.pop();
  });

  try {
    p.write(xml).close();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  if (error) return { ok: false, error };
  if (!sawRoot) return fail('The file holds no <ResponseFile> element.', 1, 1);
  return { ok: true, doc: { items }, bytes };
}
