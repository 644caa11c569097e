import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv, parseCsvYielding } from './csv';

describe('users CSV reading and writing', () => {
  it('reads quotes, doubled quotes, commas and newlines inside quotes, BOM and CRLF', () => {
    const res = parseCsv('\ufeffa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain,,end\r\n');
    expect(res).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
        { line: 4, fields: ['plain', '', 'end'] },
      ],
    });
  });

  it('reads LF and CR line ends, skips blank lines, keeps a last line without a newline', () => {
    const res = parseCsv('a\n\nb\rc');
    expect(res.ok && res.records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'a'],
      [3, 'b'],
      [4, 'c'],
    ]);
  });

  it('refuses an unclosed quote and a stray quote, naming the line', () => {
    expect(parseCsv('a\r\n"open,b\r\n')).toMatchObject({ ok: false, line: 2, message: /not closed/ });
    expect(parseCsv('a\r\nab"c\r\n')).toMatchObject({ ok: false, line: 2, message: /quote inside an unquoted field/ });
    expect(parseCsv('"a"b')).toMatchObject({ ok: false, message: /after a closing quote/ });
  });

  it('writes a BOM, CRLF, quotes what needs it and guards spreadsheet formulas; reads back what it wrote', () => {
    const text = formatCsv([
      ['Logon ID', 'Note'],
      ['a,b', 'say "hi"'],
      ['=cmd()', '+1 613 555 0100'],
      [null, 'x\ny'],
    ]);
    expect(text).toBe('\ufeffLogon ID,Note\r\n"a,b","say ""hi"""\r\n\'=cmd(),+1 613 555 0100\r\n,"x\ny"\r\n');
    const back = parseCsv(text);
    expect(back.ok && back.records.map((r) => r.fields)).toEqual([
      ['Logon ID', 'Note'],
      ['a,b', 'say "hi"'],
      ["'=cmd()", '+1 613 555 0100'],
      ['', 'x\ny'],
    ]);
  });

  it('reads a long file in steps that let the caller’s loop turn, with the same records and errors', async () => {
    // 20,000 rows (~1 MB): a quoted field with a newline and doubled quotes lands on many step boundaries.
    const rows = Array.from({ length: 20_000 }, (_, i) => `user${i},"Last, ""${i}""\r\nline two",${i}`);
    const text = `\ufeffLogon ID,Note,N\r\n${rows.join('\r\n')}\r\n`;
    let pauses = 0;
    const yielded = await parseCsvYielding(text, async () => {
      pauses++;
    });
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(text.length / 65_536));
    expect(yielded).toEqual(parseCsv(text));
    expect(yielded.ok && yielded.records[20_000]).toEqual({
      line: 40_000,
      fields: ['user19999', 'Last, "19999"\nline two', '19999'],
    });
    const broken = `${text}bad"quote\r\n`;
    expect(await parseCsvYielding(broken, async () => {})).toEqual(parseCsv(broken));
    expect(parseCsv(broken)).toMatchObject({ ok: false, line: 40_002 });
  });
});
