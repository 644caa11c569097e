import { downloadBlob } from '../../../ui/download';

/**
 * The bytes of a .reg file ↔ text, in the page. The renderer may import only
 * electron/contract, so this is a copy of electron/domain/registry/encoding.ts (whose tests
 * pin the behaviour): UTF-16LE/BE or UTF-8 by their BOM, else UTF-16 by the zero bytes of
 * its first character, UTF-8, or ANSI (Windows-1252, REGEDIT4 files).
 */
export function decodeRegBytes(bytes: Uint8Array): string {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  const decode = (encoding: string, skip: number) =>
    new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(skip));
  if (a === 0xff && b === 0xfe) return decode('utf-16le', 2);
  if (a === 0xfe && b === 0xff) return decode('utf-16be', 2);
  if (a === 0xef && b === 0xbb && c === 0xbf) return decode('utf-8', 3);
  if (bytes.length >= 2 && a !== 0 && b === 0) return decode('utf-16le', 0);
  if (bytes.length >= 2 && a === 0 && b !== 0) return decode('utf-16be', 0);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decode('windows-1252', 0);
  }
}

/**
 * Text → UTF-16LE with a BOM, the bytes regedit itself writes for a "Windows Registry Editor
 * Version 5.00" file (some Windows versions refuse a UTF-8 file with a BOM).
 */
export function encodeRegBytes(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2] = unit & 0xff;
    out[3 + i * 2] = unit >> 8;
  }
  return out;
}

/** Saves bytes as a file from the page. */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, name: string, type = 'application/octet-stream'): void {
  downloadBlob(bytes, name, type);
}
