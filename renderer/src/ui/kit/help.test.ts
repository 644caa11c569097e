import { describe, expect, it } from 'vitest';
import { helpCitation, helpIds, helpTopic, parseHelp, parseInline } from './help';

describe('help topics', () => {
  it('ships a text for every topic of the index, with its title and manual', () => {
    expect(helpIds.length).toBeGreaterThan(10);
    for (const id of helpIds) {
      const t = helpTopic(id);
      expect(t.title, id).not.toBe('');
      expect(t.manual, id).toMatch(
        /MiCC Enterprise|OpenScape Contact Center|Genesys Cloud for PureConnect|^System Parameters$/,
      );
      expect(t.body.length, id).toBeGreaterThan(200);
      expect(t.body.startsWith('# '), id).toBe(false); // the title line is shown by the dialog, not twice
    }
  });

  it('cites a section as "manual › section"', () => {
    expect(helpCitation('object-tags')).toBe('MiCC Enterprise Advanced Configurations › Object Tags');
  });

  it('reads the tables of Object Tags as rows of cells', () => {
    const tables = parseHelp(helpTopic('object-tags').body).filter((b) => b.kind === 'table');
    expect(tables.length).toBeGreaterThanOrEqual(2);
    const first = tables[0];
    expect(first?.kind === 'table' && first.rows[0]).toEqual(['Column', 'Type', 'Description']);
  });

  it('parses headings, lists, code and inline marks', () => {
    const blocks = parseHelp('## Title\n\n1. one\n2. **two**\n\n```\nKey: X\n```\nplain *it* and `c`\nnext line');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'list', 'code', 'paragraph']);
    expect(blocks[1]).toEqual({
      kind: 'list',
      ordered: true,
      items: [[{ kind: 'text', text: 'one' }], [{ kind: 'bold', text: 'two' }]],
    });
    expect(blocks[2]).toEqual({ kind: 'code', text: 'Key: X' });
    expect(blocks[3]?.kind === 'paragraph' && blocks[3].lines.length).toBe(2);
    expect(parseInline('a ***b*** c')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'bold', text: 'b' },
      { kind: 'text', text: ' c' },
    ]);
  });
});
