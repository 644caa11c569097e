/**
 * Bytes of a .reg file ↔ text.
 *
 * regedit exports "Windows Registry Editor Version 5.00" files as UTF-16LE with a byte-order
 * mark, and "REGEDIT4" files (Export as "Win9x/NT4 Registration Files") in the ANSI code page.
 * It imports both. A 5.00 file written by hand is often saved as UTF-8 (with or without a
 * BOM) or ANSI; some Windows versions refuse a UTF-8 file with a BOM, which is why the
 * console's own export is UTF-16LE with a BOM, exactly like regedit's (encodeRegFile).
 *
 * decodeRegFile accepts: UTF-16LE or UTF-16BE with a BOM, UTF-8 with a BOM, and without a
 * BOM UTF-16 (recognised by the zero high bytes of "Windows…"/"REGEDIT4"), UTF-8, or else
 * Windows-1252 (ANSI). TextDecoder is a global in Node and in browsers: no node:* needed.
 *
 * Shared (electron/shared): main's trace and SNMP-server exports and the renderer's file picker
 * and download use this one copy (electron/domain/registry re-exports it).
 */
export type RegEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'windows-1252';

export function detectRegEncoding(bytes: Uint8Array): { encoding: RegEncoding; bom: number } {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes.length >= 2 && a !== 0 && b === 0) return { encoding: 'utf-16le', bom: 0 };
  if (bytes.length >= 2 && a === 0 && b !== 0) return { encoding: 'utf-16be', bom: 0 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** The text of a .reg file, whatever regedit or an editor saved it as. */
export function decodeRegFile(bytes: Uint8Array): { text: string; encoding: RegEncoding } {
  const { encoding, bom } = detectRegEncoding(bytes);
  // ignoreBOM: the BOM is already skipped; a second one would be text.
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom)), encoding };
}

/** Text → UTF-16LE with a BOM: the bytes regedit itself writes for a version 5.00 file. */
export function encodeRegFile(text: string): Uint8Array<ArrayBuffer> {
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
