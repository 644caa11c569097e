import { childrenOf, KNOWN_ATTRS, type RfDoc, type RfItem } from './model';

/**
 * Escapes for the seed's format: the five XML characters, and line breaks as character
 * references — the seed saves multi-line text as `&#x0d;&#x0a;`, and in attributes a literal
 * line break would be turned into a space by every XML parser, so it must be a reference too.
 */
export function escapeText(s: string): string {
  return s.replace(/[&<>\r\n]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '\r' ? '&#x0d;' : '&#x0a;',
  );
}

export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\r\n\t]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '>'
          ? '&gt;'
          : c === '"'
            ? '&quot;'
            : c === '\r'
              ? '&#x0d;'
              : c === '\n'
                ? '&#x0a;'
                : '&#x09;',
  );
}

function attributes(it: RfItem): string {
  const values = new Map<string, string>();
  const known = KNOWN_ATTRS[it.kind];
  if (it.name !== null) values.set('Name', it.name);
  if (it.kind === 'group' && it.expanded !== null) values.set('Expanded', it.expanded);
  if (it.kind === 'response' && it.description !== null) values.set('Description', it.description);
  if (it.kind === 'response' && it.src !== null) values.set('Src', it.src);
  for (const e of it.extra) if (!known.includes(e.name)) values.set(e.name, e.value);
  // The file's order first, then what the editor added, in the seed's order.
  const names = [
    ...it.order.filter((n) => values.has(n)),
    ...known.filter((n) => values.has(n) && !it.order.includes(n)),
  ];
  for (const n of values.keys()) if (!names.includes(n)) names.push(n);
  return names.map((n) => ` ${n}="${escapeAttr(values.get(n)!)}"`).join('');
}

/** Writes the seed's format: UTF-8 declaration, two-space indentation, one element per line. */
export function writeResponseFile(doc: RfDoc): string {
  const kids = childrenOf(doc.items);
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n<ResponseFile>\n'];
  // Iterative: nesting is unlimited in the format, so no recursion limit applies here either.
  const stack: { item: RfItem; close: boolean; depth: number }[] = [];
  const push = (parent: string, depth: number) => {
    const list = kids.get(parent) ?? [];
    for (let i = list.length - 1; i >= 0; i--) stack.push({ item: list[i]!, close: false, depth });
  };
  push('', 1);
  while (stack.length > 0) {
    const { item, close, depth } = stack.pop()!;
    const pad = '  '.repeat(depth);
    if (close) {
      out.push(`${pad}</Group>\n`);
      continue;
    }
    if (item.kind === 'response') {
      out.push(
        item.text === ''
          ? `${pad}<Response${attributes(item)} />\n`
          : `${pad}<Response${attributes(item)}>${escapeText(item.text)}</Response>\n`,
      );
      continue;
    }
    if (!kids.has(item.id)) {
      out.push(`${pad}<Group${attributes(item)} />\n`);
      continue;
    }
    out.push(`${pad}<Group${attributes(item)}>\n`);
    stack.push({ item, close: true, depth });
    push(item.id, depth + 1);
  }
  out.push('</ResponseFile>\n');
  return out.join('');
}
