import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isAnimatedGif, resolveSrc, srcType, type SrcInfo } from '../../domain/responseFiles';
import type { RfItem } from '../../domain/responseFiles/model';

/** Largest Src file main reads for validation or the preview. */
export const MAX_SRC_BYTES = 5 * 1024 * 1024;

export interface SourceRead extends SrcInfo {
  /** The resolved path or URL. */
  where: string | null;
  dataUrl?: string;
  note?: string;
}

const srcsOf = (items: readonly RfItem[]) => [...new Set(items.filter((i) => i.kind === 'response' && i.src?.trim()).map((i) => i.src!.trim()))];

async function readLocal(path: string, type: ReturnType<typeof srcType>, wantContent: boolean, wantImage: boolean): Promise<SourceRead> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return { exists: false, where: path, note: `Not a file: ${path}` };
    const gif = type.mime === 'image/gif' && s.size <= MAX_SRC_BYTES;
    if (!wantContent && !(wantImage && type.type === 'image') && !gif) return { exists: true, where: path };
    if (s.size > MAX_SRC_BYTES) return { exists: true, where: path, note: `${path} is larger than ${MAX_SRC_BYTES / 1024 / 1024} MB; not read.` };
    if (type.type === 'image') {
      const bytes = await readFile(path);
      const animatedGif = gif && isAnimatedGif(bytes);
      if (!wantImage) return { exists: true, where: path, animatedGif };
      return { exists: true, where: path, animatedGif, dataUrl: `data:${type.mime};base64,${bytes.toString('base64')}` };
    }
    return { exists: true, where: path, content: (await readFile(path, 'utf8')).replace(/^\uFEFF/, '') };
  } catch {
    return { exists: false, where: path, note: `Src file not found: ${path}` };
  }
}

async function fetchRemote(url: string, type: ReturnType<typeof srcType>): Promise<SourceRead> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'follow' });
    if (!res.ok) return { exists: null, where: url, note: `${url} answered ${res.status}.` };
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_SRC_BYTES) return { exists: true, where: url, note: `${url} is larger than 5 MB; not loaded.` };
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_SRC_BYTES) return { exists: true, where: url, note: `${url} is larger than 5 MB; not loaded.` };
    if (type.type === 'image') return { exists: true, where: url, dataUrl: `data:${type.mime};base64,${bytes.toString('base64')}` };
    return { exists: true, where: url, content: bytes.toString('utf8') };
  } catch (e) {
    return { exists: null, where: url, note: `${url} could not be loaded: ${(e as Error).message}` };
  }
}

/**
 * What main can find out about each Src: local files are checked (and text/HTML read, for the
 * identifier checks and the preview; images read only for the preview); remote URIs are
 * never fetched unless `allowRemote` (the preview's "Load remote sources").
 */
export async function readSources(items: readonly RfItem[], location: string | null, opts: { images: boolean; allowRemote: boolean }): Promise<Map<string, SourceRead>> {
  const out = new Map<string, SourceRead>();
  const list = srcsOf(items);
  // A few at a time: a file with 10,000 Src values must not open 10,000 files at once.
  for (let i = 0; i < list.length; i += 32) {
    await Promise.all(
      list.slice(i, i + 32).map(async (src) => {
        const type = srcType(src);
        const r = resolveSrc(src, location);
        if (!r) return out.set(src, { exists: null, where: null, note: 'Relative Src, and the file has no location to resolve it against.' });
        if (r.kind === 'remote') {
          if (!opts.allowRemote) return out.set(src, { exists: null, where: r.url, note: `Remote source ${r.url} — not loaded (tick “Load remote sources” to load it).` });
          return out.set(src, await fetchRemote(r.url, type));
        }
        out.set(src, await readLocal(r.path, type, type.type !== 'image', opts.images));
      }),
    );
  }
  return out;
}

/**
 * For the preview: images an HTML source refers to become data: URLs, because the preview
 * frame loads nothing (its policy allows only data: images). Relative ones are read from
 * beside the HTML file; remote ones only when the user allowed remote sources. Anything
 * else (scripts, frames, links) stays as written and stays blocked by the sandbox.
 */
export async function inlineHtmlImages(html: string, htmlWhere: string | null, allowRemote: boolean): Promise<string> {
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
    if (/^https?:\/\//i.test(ref)) url = ref;
    else if (htmlWhere && /^https?:\/\//i.test(htmlWhere)) url = new URL(ref, htmlWhere).toString();
    else if (htmlWhere && !/^[a-z][a-z0-9+.-]*:/i.test(ref)) path = isAbsolute(ref) ? ref : resolve(dirname(htmlWhere), ref.replace(/\\/g, '/'));
    let data: string | undefined;
    if (path) data = (await readLocal(path, type, false, true)).dataUrl;
    else if (url && allowRemote) data = (await fetchRemote(url, type)).dataUrl;
    if (data && data.length <= budget) {
      budget -= data.length;
      found.set(ref, data);
    }
  }
  if (found.size === 0) return html;
  return html.replace(re, (whole, pre: string, q: string, ref: string) => (found.has(ref) ? `${pre}${q}${found.get(ref)}${q}` : whole));
}
