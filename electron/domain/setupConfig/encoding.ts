import type { SetupConfigForm } from '../../contract';

/**
 * The bytes of a Setup.config as text and back. Only encodings that turn back into the same
 * bytes are accepted (UTF-8, UTF-16 LE/BE, with or without BOM): `decodeSetupBytes` checks that
 * encoding the text again gives the file's bytes exactly, so everything an edit does not touch
 * stays byte for byte what it was.
 */
export type Decoded = { ok: true; text: string; form: SetupConfigForm } | { ok: false; message: string };

export function decodeSetupBytes(bytes: Uint8Array): Decoded {
  let encoding: SetupConfigForm['encoding'] = 'utf-8';
  let bom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = true;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, bom] = ['utf-16le', true];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, bom] = ['utf-16be', true];
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) encoding = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) encoding = 'utf-16be';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, message: `The file is not valid ${encoding.toUpperCase()} text.` };
  }
  if (bom) text = text.slice(1);
  const declared = /^<\?xml[^>]*\sencoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1]?.toLowerCase();
  if (declared !== undefined && !['utf-8', 'utf8', 'utf-16', 'utf-16le', 'utf-16be', 'unicode'].includes(declared))
    return {
      ok: false,
      message: `The XML declaration names the encoding "${declared}"; Setup.config is read as UTF-8 or UTF-16 only.`,
    };
  if (
    declared !== undefined &&
    declared.startsWith('utf-16') !== encoding.startsWith('utf-16') &&
    declared !== 'unicode'
  )
    return { ok: false, message: `The XML declaration names "${declared}" but the file is ${encoding.toUpperCase()}.` };
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : text.includes('\r') ? '\r' : '\r\n';
  const form: SetupConfigForm = { encoding, bom, eol };
  if (!sameBytes(encodeSetupText(text, form), bytes))
    return { ok: false, message: 'The file does not read back to the same bytes; it cannot be edited safely.' };
  return { ok: true, text, form };
}

export function encodeSetupText(text: string, form: SetupConfigForm): Uint8Array {
  const body = form.bom ? '\ufeff' + text : text;
  if (form.encoding === 'utf-8') return new TextEncoder().encode(body);
  const out = new Uint8Array(body.length * 2);
  const le = form.encoding === 'utf-16le';
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    out[2 * i + (le ? 0 : 1)] = c & 0xff;
    out[2 * i + (le ? 1 : 0)] = c >> 8;
  }
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
