import { identifierValues, replaceIdentifiers, type RfMedia, type SampleValues } from './identifiers';
import { childrenOf, type RfDoc, type RfItem } from './model';
import { srcType, type SrcType } from './src';

export interface PreviewGroup {
  kind: 'group';
  id: string;
  name: string;
  expanded: boolean;
  children: PreviewNode[];
}

export interface PreviewResponse {
  kind: 'response';
  id: string;
  name: string;
  /** Description, or the inner text for plain-text responses without one (seed: Nodes table). */
  tooltip: string;
  type: SrcType;
  src: string | null;
  /** Plain text with identifiers replaced (inner text, or a text/HTML source main could read). */
  text: string | null;
}

export type PreviewNode = PreviewGroup | PreviewResponse;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The response tree an agent of `media` gets: HTML and image responses only for e-mail
 * ("HTML and images are supported only for e-mail"), groups left without items by that
 * filtering not displayed (Nodes table, <Group>), identifiers that apply replaced.
 * `sourceText` gives the text of Src files main could read (keyed by the raw Src).
 */
export function agentPreview(
  doc: RfDoc,
  media: RfMedia,
  samples: SampleValues,
  locale: string,
  sourceText: ReadonlyMap<string, string> = new Map(),
  timeZone?: string,
): PreviewNode[] {
  const values = identifierValues(media, samples, locale, timeZone);
  const kids = childrenOf(doc.items);
  const build = (it: RfItem): PreviewNode | null => {
    if (it.kind === 'response') {
      const src = it.src?.trim() ? it.src.trim() : null;
      const type: SrcType = src ? srcType(src).type : 'text';
      if (type !== 'text' && media !== 'email') return null;
      const raw = src ? sourceText.get(src) : it.text;
      const text = raw === undefined ? null : replaceIdentifiers(raw, values, type === 'html' ? escapeHtml : undefined);
      return {
        kind: 'response',
        id: it.id,
        name: it.name ?? '',
        tooltip: it.description ?? (src ? '' : it.text),
        type,
        src,
        text,
      };
    }
    const children = (kids.get(it.id) ?? []).map(build).filter((n): n is PreviewNode => n !== null);
    if (children.length === 0) return null;
    return { kind: 'group', id: it.id, name: it.name ?? '', expanded: it.expanded === 'true', children };
  };
  // Iterative depth is bounded by the parser's nesting cap, so recursion is safe here.
  return (kids.get('') ?? []).map(build).filter((n): n is PreviewNode => n !== null);
}
