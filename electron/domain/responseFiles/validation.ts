import {
  findIdentifiers,
  IDENTIFIER_BY_NAME,
  MEDIA,
  MEDIA_LABEL,
  suggestIdentifier,
  type RfMedia,
} from './identifiers';
import type { RfDoc, RfItem } from './model';
import { resolveSrc, srcType } from './src';

export type RfRule =
  | 'name-required'
  | 'content-required'
  | 'expanded-value'
  | 'unknown-identifier'
  | 'identifier-media'
  | 'identifier-split'
  | 'src-media'
  | 'src-missing'
  | 'src-not-read'
  | 'src-binary'
  | 'src-animated-gif'
  | 'src-unresolved';

export interface RfProblem {
  itemId: string;
  field: 'name' | 'expanded' | 'text' | 'src' | 'description';
  severity: 'error' | 'warning';
  rule: RfRule;
  message: string;
}

/** A service group that uses the file: its media decides which identifiers and Src types apply. */
export interface RfUsage {
  serviceGroup: string;
  media: RfMedia;
}

export interface SrcInfo {
  /** false: a local file that does not exist; null: not checked (remote, or no location). */
  exists: boolean | null;
  /** Text of an HTML or plain-text source, when main could read it. */
  content?: string;
  /** A GIF source with more than one frame. */
  animatedGif?: boolean;
  /** Main did not read it under the caller's rules (outside the file's folder, the console's own files …): why. */
  refused?: string;
  /** Not text (or not an image, for an image Src): never shown as text. */
  binary?: boolean;
}

export interface RfCheckContext {
  usages: readonly RfUsage[];
  /** The folder (or URL) of the XML file, which relative Src paths resolve against. */
  location: string | null;
  /** What main found for each Src value (keyed by the raw Src). */
  sources?: ReadonlyMap<string, SrcInfo>;
}

/**
 * `$Agent.<span>Name</span>$`: an identifier that HTML markup splits, so it is never
 * replaced (the seed's warning about Word's spell-check underlining). Finds `$`…`$` runs of
 * identifier characters and tags with at least one tag, whose text without tags is an identifier.
 */
export function findSplitIdentifiers(html: string): { raw: string; name: string }[] {
  const out: { raw: string; name: string }[] = [];
  const re = /\$((?:[A-Za-z0-9_.]|<[^<>$]{0,500}>){1,600}?)\$/g;
  for (const m of html.matchAll(re)) {
    if (!m[1]!.includes('<')) continue;
    const name = m[1]!.replace(/<[^>]*>/g, '');
    if (/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(name)) out.push({ raw: m[0], name });
  }
  return out;
}

/** The media of the service groups using the file, in a fixed order (e-mail, chat, SMS). */
const usedMedia = (usages: readonly RfUsage[]) => MEDIA.filter((m) => usages.some((u) => u.media === m));

const mediaList = (usages: readonly RfUsage[], media: RfMedia) =>
  usages
    .filter((u) => u.media === media)
    .map((u) => u.serviceGroup)
    .join(', ');

function checkIdentifiers(
  it: RfItem,
  text: string,
  field: 'text' | 'src',
  where: string,
  ctx: RfCheckContext,
  out: RfProblem[],
) {
  const seen = new Set<string>();
  for (const { name } of findIdentifiers(text)) {
    if (seen.has(name)) continue;
    seen.add(name);
    const def = IDENTIFIER_BY_NAME.get(name);
    if (!def) {
      const hint = suggestIdentifier(name);
      out.push({
        itemId: it.id,
        field,
        severity: 'warning',
        rule: 'unknown-identifier',
        message:
          `$${name}$ ${where} is not a replaceable identifier${hint ? ` — did you mean $${hint}$?` : ''}; the ` +
          `agent will see it as written.`,
      });
      continue;
    }
    const media = usedMedia(ctx.usages).filter((m) => !def.media.includes(m));
    for (const m of media) {
      out.push({
        itemId: it.id,
        field,
        severity: 'warning',
        rule: 'identifier-media',
        message:
          `$${name}$ ${where} applies to ${def.appliesTo} only; it is not replaced for ${MEDIA_LABEL[m]} ` +
          `(service group ${mediaList(ctx.usages, m)} uses this file).`,
      });
    }
  }
}

/**
 * The rules of the seed's Nodes and identifier tables, as problems per item and field.
 * Errors break the format (the editor refuses to save them); warnings are what an agent
 * would see go wrong.
 */
export function validateResponseFile(doc: RfDoc, ctx: RfCheckContext): RfProblem[] {
  const out: RfProblem[] = [];
  const richMedia = usedMedia(ctx.usages).filter((m) => m !== 'email');
  for (const it of doc.items) {
    const label = it.kind === 'group' ? 'Group' : 'Response';
    if (it.name === null || it.name.trim() === '')
      out.push({
        itemId: it.id,
        field: 'name',
        severity: 'error',
        rule: 'name-required',
        message: `${label} needs a Name (required by the format).`,
      });
    if (it.kind === 'group') {
      if (it.expanded !== null && it.expanded !== 'true' && it.expanded !== 'false') {
        out.push({
          itemId: it.id,
          field: 'expanded',
          severity: 'warning',
          rule: 'expanded-value',
          message: `Expanded is "${it.expanded}"; valid values are "true" and "false".`,
        });
      }
      continue;
    }
    const src = it.src?.trim() ? it.src.trim() : null;
    if (!src && it.text === '')
      out.push({
        itemId: it.id,
        field: 'text',
        severity: 'error',
        rule: 'content-required',
        message: 'Response needs Src or inner text (one of them is required).',
      });
    if (!src) {
      checkIdentifiers(it, it.text, 'text', 'in the text', ctx, out);
      continue;
    }
    const type = srcType(src);
    if (type.type !== 'text') {
      for (const m of richMedia) {
        out.push({
          itemId: it.id,
          field: 'src',
          severity: 'warning',
          rule: 'src-media',
          message:
            `${type.label} responses are supported only for e-mail: ${MEDIA_LABEL[m]} agents (service group ` +
            `${mediaList(ctx.usages, m)}) will not see this response.`,
        });
      }
    }
    const info = ctx.sources?.get(src);
    const resolved = resolveSrc(src, ctx.location);
    if (!resolved) {
      out.push({
        itemId: it.id,
        field: 'src',
        severity: 'warning',
        rule: 'src-unresolved',
        message:
          `Src "${src}" is relative, and this response file has no location to resolve it against; set the ` +
          `file's location.`,
      });
    } else if (info?.refused) {
      out.push({ itemId: it.id, field: 'src', severity: 'warning', rule: 'src-not-read', message: info.refused });
    } else if (info?.exists === false) {
      out.push({
        itemId: it.id,
        field: 'src',
        severity: 'warning',
        rule: 'src-missing',
        message: `Src file not found: ${resolved.kind === 'remote' ? resolved.url : resolved.path}.`,
      });
    }
    if (info?.binary) {
      out.push({
        itemId: it.id,
        field: 'src',
        severity: 'warning',
        rule: 'src-binary',
        message:
          `${src} is not a ${type.type === 'image' ? 'recognised image' : 'text'} file; its content is not ` + `shown.`,
      });
    }
    if (info?.animatedGif) {
      out.push({
        itemId: it.id,
        field: 'src',
        severity: 'warning',
        rule: 'src-animated-gif',
        message: `${src} is an animated GIF; response files support non-animated GIFs only.`,
      });
    }
    if (info?.content !== undefined && type.type !== 'image') {
      checkIdentifiers(it, info.content, 'src', `in ${src}`, ctx, out);
      if (type.type === 'html') {
        for (const s of findSplitIdentifiers(info.content)) {
          out.push({
            itemId: it.id,
            field: 'src',
            severity: 'warning',
            rule: 'identifier-split',
            message:
              `${s.raw.length > 60 ? `${s.raw.slice(0, 60)}…` : s.raw} in ${src} is $${s.name}$ split by HTML ` +
              `markup, so it will not be replaced; keep identifiers a continuous string (HTML editors such as Word ` +
              `insert tags, e.g. for spell-check marks).`,
          });
        }
      }
    }
  }
  return out;
}
