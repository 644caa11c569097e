import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { outboundFetch } from '../../connectors/http/outbound';
import { classifySrc, isAnimatedGif, resolveSrc, srcType, type SrcInfo } from '../../domain/responseFiles';
import type { RfItem } from '../../domain/responseFiles/model';
import { consoleFileReason, isInside, realpathLoose, type ConsoleFiles } from './pathConfinement';

/** Largest Src file main reads for validation or the preview. */
export const MAX_SRC_BYTES = 5 * 1024 * 1024;

export interface SourceRead extends SrcInfo {
  /** The resolved path or URL. */
  where: string | null;
  dataUrl?: string;
  note?: string;
  /** The file is not text (NUL bytes, control characters): its content is never returned as text. */
  binary?: boolean;
}

/**
 * Which local files a caller's Src values may reach (SECURITY.md, response files):
 * - everyone: a relative Src stays inside the response file's location folder once symbolic
 *   links are resolved (`../../x`, or a link inside the folder pointing out, is not read), and
 *   the console's own files (its data folder, its database) are never read;
 * - callers without write access (`confined`): no absolute path and no `file:` URI either, and
 *   the location must be the saved location of one of the tenant's response files
 *   (`locationRefusal` says why not), so a read-only user cannot point the console at a folder
 *   of their choice.
 * Refusals are decided before the file is looked at: the answer is the same whether it exists.
 */
export interface SrcPolicy {
  confined: boolean;
  locationRefusal: string | null;
  own: ConsoleFiles;
}

const srcsOf = (items: readonly RfItem[]) => [
  ...new Set(items.filter((i) => i.kind === 'response' && i.src?.trim()).map((i) => i.src!.trim())),
];

/** Text is UTF-8 (or ASCII) without NUL bytes and with few control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return n > 0 && control / n > 0.02;
}

/** The file starts like one of the image formats the seed lists (BMP, JPEG, GIF, TIFF, PNG). */
export function looksLikeImage(b: Uint8Array): boolean {
  const at = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  return (
    at(0x42, 0x4d) ||
    at(0xff, 0xd8, 0xff) ||
    at(0x47, 0x49, 0x46, 0x38) ||
    at(0x49, 0x49, 0x2a, 0x00) ||
    at(0x4d, 0x4d, 0x00, 0x2a) ||
    at(0x89, 0x50, 0x4e, 0x47)
  );
}

const refused = (note: string): SourceRead => ({ exists: null, where: null, note, refused: note });

/**
 * Where a local Src may be read from: its real path, or the refusal. `folder` is the location
 * a relative Src was joined to (null for an absolute Src of a caller with write access).
 */
async function gate(
  path: string,
  folder: string | null,
  policy: SrcPolicy,
): Promise<{ real: string } | { refusal: string }> {
  const real = await realpathLoose(path);
  if (folder !== null && !isInside(real, await realpathLoose(folder))) {
    return { refusal: `Src ${path} points outside the response file’s folder (${folder}); it is not read.` };
  }
  const own = await consoleFileReason(real, policy.own);
  if (own) return { refusal: `Src ${path} is not read: ${own}.` };
  return { real };
}

async function readLocal(
  path: string,
  real: string,
  type: ReturnType<typeof srcType>,
  wantContent: boolean,
  wantImage: boolean,
): Promise<SourceRead> {
  try {
    const s = await stat(real);
    if (!s.isFile()) return { exists: false, where: path, note: `Not a file: ${path}` };
    const gif = type.mime === 'image/gif' && s.size <= MAX_SRC_BYTES;
    if (!wantContent && !(wantImage && type.type === 'image') && !gif) return { exists: true, where: path };
    if (s.size > MAX_SRC_BYTES)
      return { exists: true, where: path, note: `${path} is larger than ${MAX_SRC_BYTES / 1024 / 1024} MB; not read.` };
    const bytes = await readFile(real);
    if (type.type === 'image') {
      if (!looksLikeImage(bytes))
        return { exists: true, where: path, binary: true, note: `${path} is not an image file; not shown.` };
      const animatedGif = gif && isAnimatedGif(bytes);
      if (!wantImage) return { exists: true, where: path, animatedGif };
      return {
        exists: true,
        where: path,
        animatedGif,
        dataUrl: `data:${type.mime};base64,${bytes.toString('base64')}`,
      };
    }
    if (looksBinary(bytes))
      return {
        exists: true,
        where: path,
        binary: true,
        note: `${path} is a binary file, not text; its content is not shown.`,
      };
    return { exists: true, where: path, content: bytes.toString('utf8').replace(/^\uFEFF/, '') };
  } catch {
    return { exists: false, where: path, note: `Src file not found: ${path}` };
  }
}

async function fetchRemote(url: string, type: ReturnType<typeof srcType>): Promise<SourceRead> {
  try {
    const res = await outboundFetch(url, { signal: AbortSignal.timeout(5000), redirect: 'follow' });
    if (!res.ok) return { exists: null, where: url, note: `${url} answered ${res.status}.` };
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_SRC_BYTES) return { exists: true, where: url, note: `${url} is larger than 5 MB; not loaded.` };
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_SRC_BYTES)
      return { exists: true, where: url, note: `${url} is larger than 5 MB; not loaded.` };
    if (type.type === 'image') {
      if (!looksLikeImage(bytes))
        return { exists: true, where: url, binary: true, note: `${url} is not an image; not shown.` };
      return { exists: true, where: url, dataUrl: `data:${type.mime};base64,${bytes.toString('base64')}` };
    }
    if (looksBinary(bytes))
      return { exists: true, where: url, binary: true, note: `${url} is binary, not text; its content is not shown.` };
    return { exists: true, where: url, content: bytes.toString('utf8') };
  } catch (e) {
    return { exists: null, where: url, note: `${url} could not be loaded: ${(e as Error).message}` };
  }
}

const CONFINED_ABSOLUTE =
  'Absolute Src paths and file: URIs are not read for your role: only files in the response file’s folder (a ' +
  'relative Src).';

/**
 * What main can find out about each Src: local files are checked (and text/HTML read, for the
 * identifier checks and the preview; images read only for the preview); remote URIs are
 * never fetched unless `allowRemote` (the preview's "Load remote sources"). Local reads follow
 * the caller's `policy`.
 */
export async function readSources(
  items: readonly RfItem[],
  location: string | null,
  opts: { images: boolean; allowRemote: boolean; policy: SrcPolicy },
): Promise<Map<string, SourceRead>> {
  const out = new Map<string, SourceRead>();
  const list = srcsOf(items);
  const { policy } = opts;
  // A few at a time: a file with 10,000 Src values must not open 10,000 files at once.
  for (let i = 0; i < list.length; i += 32) {
    await Promise.all(
      list.slice(i, i + 32).map(async (src) => {
        const type = srcType(src);
        const relative = classifySrc(src).kind === 'relative';
        const r = resolveSrc(src, location);
        if (!r)
          return out.set(src, {
            exists: null,
            where: null,
            note: 'Relative Src, and the file has no location to resolve it against.',
          });
        if (r.kind === 'remote') {
          if (!opts.allowRemote)
            return out.set(src, {
              exists: null,
              where: r.url,
              note: `Remote source ${r.url} — not loaded (tick “Load remote sources” to load it).`,
            });
          return out.set(src, await fetchRemote(r.url, type));
        }
        if (!relative && policy.confined) return out.set(src, refused(CONFINED_ABSOLUTE));
        if (relative && policy.locationRefusal) return out.set(src, refused(policy.locationRefusal));
        const g = await gate(r.path, relative ? location : null, policy);
        if ('refusal' in g) return out.set(src, refused(g.refusal));
        out.set(src, await readLocal(r.path, g.real, type, type.type !== 'image', opts.images));
      }),
    );
  }
  return out;
}

/**
 * For the preview: images an HTML source refers to become data: URLs, because the preview
 * frame loads nothing (its policy allows only data: images). Relative ones are read from
 * beside the HTML file, under the same rules as a Src (inside the response file's folder
 * `folder`; absolute ones only for callers with write access); remote ones only when the user
 * allowed remote sources. Anything else (scripts, frames, links) stays as written and stays
 * blocked by the sandbox.
 */
export async function inlineHtmlImages(
  html: string,
  htmlWhere: string | null,
  allowRemote: boolean,
  policy: SrcPolicy,
  folder: string | null,
): Promise<string> {
  const re = /(<img\b[^>]*?\bsrc\s*=\s*)(["'])([^"']*)\2/gi;
  const refs = [...new Set([...html.matchAll(re)].map((m) => m[3]!))].slice(0, 50);
  const found = new Map<string, string>();
  let budget = 10 * 1024 * 1024;
  for (const ref of refs) {
    if (ref.startsWith('data:')) continue;
    const type = srcType(ref);
    if (type.type !== 'image') continue;
    let url: string | null = null;
    let path: string | null = null;
    let relative = false;
    if (/^https?:\/\//i.test(ref)) url = ref;
    else if (htmlWhere && /^https?:\/\//i.test(htmlWhere)) url = new URL(ref, htmlWhere).toString();
    else if (htmlWhere && !/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      relative = !isAbsolute(ref) && !ref.startsWith('\\');
      path = relative ? resolve(dirname(htmlWhere), ref.replace(/\\/g, '/')) : ref;
    }
    let data: string | undefined;
    if (path) {
      if (!relative && policy.confined) continue;
      const g = await gate(path, relative ? folder : null, policy);
      if ('refusal' in g) continue;
      data = (await readLocal(path, g.real, type, false, true)).dataUrl;
    } else if (url && allowRemote) data = (await fetchRemote(url, type)).dataUrl;
    if (data && data.length <= budget) {
      budget -= data.length;
      found.set(ref, data);
    }
  }
  if (found.size === 0) return html;
  return html.replace(re, (whole, pre: string, q: string, ref: string) =>
    found.has(ref) ? `${pre}${q}${found.get(ref)}${q}` : whole,
  );
}
