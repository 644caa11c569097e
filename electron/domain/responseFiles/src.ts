/**
 * Src (seed 001, Nodes table): a relative or absolute URI; relative paths are relative to
 * the location of the XML response file. The type follows the extension; "Any file extension
 * not listed below will be treated as a plain text file."
 */
export type SrcType = 'html' | 'text' | 'image';

const EXT: Record<string, { type: SrcType; label: string; mime: string }> = {
  htm: { type: 'html', label: 'HTML', mime: 'text/html' },
  html: { type: 'html', label: 'HTML', mime: 'text/html' },
  txt: { type: 'text', label: 'Plain Text', mime: 'text/plain' },
  text: { type: 'text', label: 'Plain Text', mime: 'text/plain' },
  bmp: { type: 'image', label: 'Bitmap', mime: 'image/bmp' },
  dib: { type: 'image', label: 'Bitmap', mime: 'image/bmp' },
  jpg: { type: 'image', label: 'JPEG', mime: 'image/jpeg' },
  jpeg: { type: 'image', label: 'JPEG', mime: 'image/jpeg' },
  gif: { type: 'image', label: 'GIF (non-animated)', mime: 'image/gif' },
  tif: { type: 'image', label: 'TIFF', mime: 'image/tiff' },
  tiff: { type: 'image', label: 'TIFF', mime: 'image/tiff' },
  png: { type: 'image', label: 'PNG', mime: 'image/png' },
};

function extension(src: string): string {
  const path = src.split(/[?#]/)[0]!;
  const base = path.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export function srcType(src: string): { type: SrcType; label: string; mime: string } {
  return EXT[extension(src)] ?? { type: 'text', label: 'Plain Text (extension not listed)', mime: 'text/plain' };
}

export type SrcLocation =
  /** On the network (http, https, or the seed's scheme-less "www.mitel.com/Images/logo.jpg"). */
  | { kind: 'remote'; url: string }
  /** An absolute local or UNC path. */
  | { kind: 'absolute'; path: string }
  /** Relative to the response file's location. */
  | { kind: 'relative'; path: string };

export function classifySrc(src: string): SrcLocation {
  const s = src.trim();
  if (/^https?:\/\//i.test(s)) return { kind: 'remote', url: s };
  if (/^file:\/\//i.test(s)) {
    let p = decodeURIComponent(s.replace(/^file:\/\/(localhost)?/i, ''));
    if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1);
    return { kind: 'absolute', path: p };
  }
  if (/^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\') || s.startsWith('/')) return { kind: 'absolute', path: s };
  // A host name first ("www.mitel.com/…", "cdn.example.com/x.png"): the seed calls this an absolute URI.
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+\.[a-z]{2,}\//i.test(s) || /^www\./i.test(s))
    return { kind: 'remote', url: `http://${s}` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(s)) return { kind: 'remote', url: s };
  return { kind: 'relative', path: s };
}

/** Joins a relative Src to the response file's location (a folder path or a URL). */
export function resolveSrc(src: string, location: string | null): SrcLocation | null {
  const c = classifySrc(src);
  if (c.kind !== 'relative') return c;
  if (!location) return null;
  const loc = location.trim();
  if (/^https?:\/\//i.test(loc))
    return { kind: 'remote', url: new URL(c.path.replace(/\\/g, '/'), loc.endsWith('/') ? loc : `${loc}/`).toString() };
  const sep = loc.includes('\\') && !loc.includes('/') ? '\\' : '/';
  const rel = c.path.replace(/[\\/]/g, sep);
  return { kind: 'absolute', path: loc.replace(/[\\/]+$/, '') + sep + rel };
}

/**
 * Whether GIF bytes hold more than one image (the seed lists "GIF (*.gif) (non-animated)").
 * Walks the GIF blocks: image descriptors (0x2C) are counted, extensions (0x21) skipped.
 */
export function isAnimatedGif(b: Uint8Array): boolean {
  if (b.length < 13 || String.fromCharCode(b[0]!, b[1]!, b[2]!) !== 'GIF') return false;
  let i = 13;
  if (b[10]! & 0x80) i += 3 * (1 << ((b[10]! & 0x07) + 1)); // global colour table
  let images = 0;
  const skipSubBlocks = () => {
    while (i < b.length && b[i] !== 0) i += b[i]! + 1;
    i++;
  };
  while (i < b.length) {
    const block = b[i]!;
    if (block === 0x3b) break; // trailer
    if (block === 0x21) {
      i += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      if (++images > 1) return true;
      const packed = b[i + 9] ?? 0;
      i += 10;
      if (packed & 0x80) i += 3 * (1 << ((packed & 0x07) + 1)); // local colour table
      i++; // LZW minimum code size
      skipSubBlocks();
    } else break;
  }
  return false;
}
