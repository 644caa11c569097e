/// <reference types="vite/client" />
// The Help topics: the sections of the vendor manuals the console cites, shipped as text in
// resources/help/ (index.json: id → file, title, manual) and bundled into the renderer by Vite,
// so Help needs no call to main and works before sign-in.
import index from '../../../../resources/help/index.json';

const texts = import.meta.glob<string>('../../../../resources/help/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export type HelpId = keyof typeof index;

export interface HelpTopic {
  id: HelpId;
  /** The section's name in the manual, e.g. "Object Tags". */
  title: string;
  /** The manual's name, e.g. "MiCC Enterprise Advanced Configurations". */
  manual: string;
  /** The section's text (Markdown as extracted), without its title and manual lines. */
  body: string;
}

export function helpTopic(id: HelpId): HelpTopic {
  const entry = index[id];
  const text = texts[`../../../../resources/help/${entry.file}`] ?? '';
  return { id, title: entry.title, manual: entry.manual, body: text.replace(/^# .*\n+\*.*\*\n+/, '') };
}

export const helpIds = Object.keys(index) as HelpId[];

/** "MiCC Enterprise Advanced Configurations › Object Tags": how the console cites a section. */
export function helpCitation(id: HelpId): string {
  return `${index[id].manual} › ${index[id].title}`;
}

export type Inline = { kind: 'text' | 'bold' | 'italic' | 'code'; text: string };
export type HelpBlock =
  | { kind: 'heading'; level: number; text: Inline[] }
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'code'; text: string };

/** Splits **bold**, *italic* and `code` out of one line. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*\*([^*]+)\*\*\*|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > last) out.push({ kind: 'text', text: line.slice(last, m.index) });
    if (m[1] !== undefined || m[2] !== undefined) out.push({ kind: 'bold', text: m[1] ?? m[2] ?? '' });
    else if (m[3] !== undefined) out.push({ kind: 'italic', text: m[3] });
    else out.push({ kind: 'code', text: m[4] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** The few Markdown shapes the extracted manual text uses: headings, paragraphs, lists, tab-separated tables, code. */
export function parseHelp(body: string): HelpBlock[] {
  const lines = body.split(/\r?\n/);
  const blocks: HelpBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) code.push(lines[i] ?? '');
      i++;
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 2, text: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (line.includes('\t')) {
      const rows: string[][] = [];
      for (; i < lines.length && (lines[i] ?? '').includes('\t'); i++)
        rows.push((lines[i] ?? '').split('\t').map((c) => c.trim()));
      blocks.push({ kind: 'table', rows });
      continue;
    }
    const item = /^\s*(?:([-*•])|(\d+)[.)])\s+(.*)$/;
    const first = item.exec(line);
    if (first) {
      const ordered = first[2] !== undefined;
      const items: Inline[][] = [];
      for (
        let m: RegExpExecArray | null = first;
        m && (m[2] !== undefined) === ordered;
        m = item.exec(lines[++i] ?? '')
      ) {
        items.push(parseInline(m[3] ?? ''));
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const para: Inline[][] = [];
    for (; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (l.trim() === '' || l.startsWith('```') || /^#{1,6}\s/.test(l) || l.includes('\t') || item.test(l)) break;
      para.push(parseInline(l.trim()));
    }
    blocks.push({ kind: 'paragraph', lines: para });
  }
  return blocks;
}

// Which topic is open: one store for the whole window, shown by <HelpHost /> (mounted once in App).
let open: HelpId | null = null;
const listeners = new Set<() => void>();
export const helpStore = {
  open(id: HelpId): void {
    open = id;
    listeners.forEach((l) => l());
  },
  close(): void {
    open = null;
    listeners.forEach((l) => l());
  },
  current: (): HelpId | null => open,
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export function isHelpId(id: string | null | undefined): id is HelpId {
  return !!id && Object.prototype.hasOwnProperty.call(index, id);
}
