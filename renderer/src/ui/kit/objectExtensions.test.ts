import { describe, expect, it } from 'vitest';
import { registerObjectExtensions, useObjectGridColumns, useObjectPageSections } from './objectExtensions';

const View = () => null;

describe('object page sections and grid columns other features add', () => {
  it('answers the shown contributions of one object, in list order', () => {
    let shown = true;
    registerObjectExtensions([
      {
        sections: [
          { id: 'a', object: 'user', label: 'A', useShown: () => shown, View },
          { id: 'g', object: 'agentGroup', label: 'G', useShown: () => true, View },
        ],
        columns: [
          {
            id: 'c',
            object: 'user',
            label: 'C',
            width: '90px',
            useShown: () => shown,
            useCells: () => (id) => `#${id}`,
          },
        ],
      },
      { sections: [{ id: 'b', object: 'user', label: 'B', useShown: () => true, View }] },
    ]);
    expect(useObjectPageSections('user').map((s) => s.id)).toEqual(['a', 'b']);
    expect(useObjectGridColumns('user').map((c) => c.cell(7))).toEqual(['#7']);
    shown = false; // e.g. the integration is not configured
    expect(useObjectPageSections('user').map((s) => s.id)).toEqual(['b']);
    expect(useObjectGridColumns('user')).toEqual([]);
    expect(useObjectPageSections('skill')).toEqual([]);
  });

  it('refuses a section registered twice for the same object', () => {
    const s = { id: 'x', object: 'user' as const, label: 'X', useShown: () => true, View };
    expect(() => registerObjectExtensions([{ sections: [s] }, { sections: [s] }])).toThrow(/registered twice/);
  });
});
