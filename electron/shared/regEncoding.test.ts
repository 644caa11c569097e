import { describe, expect, it } from 'vitest';
import { decodeRegFile, encodeRegFile } from './regEncoding';

describe('.reg bytes (main and the page)', () => {
  const text = 'Windows Registry Editor Version 5.00\r\n\r\n; café\r\n';
  it('downloads UTF-16LE with a BOM and reads it back', () => {
    const bytes = encodeRegFile(text);
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]);
    expect(decodeRegFile(bytes).text).toBe(text);
  });
  it('reads UTF-8 (with or without BOM), UTF-16BE with BOM, and ANSI', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeRegFile(utf8).text).toBe(text);
    expect(decodeRegFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8])).text).toBe(text);
    const be = Uint8Array.from([
      0xfe,
      0xff,
      ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]),
    ]);
    expect(decodeRegFile(be).text).toBe(text);
    const ansi = Uint8Array.from([...new TextEncoder().encode('REGEDIT4\r\n; caf'), 0xe9]);
    expect(decodeRegFile(ansi).text).toBe('REGEDIT4\r\n; café');
  });
});
