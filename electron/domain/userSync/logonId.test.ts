import { describe, expect, it } from 'vitest';
import { identityKey } from '../users/logonKey';
import { baseLogonId, checkLogonIdOptions, generateLogonId, logonIdPart } from '../../shared/logonIdGeneration';

const none = () => false;

describe('Logon ID generation (the manual examples)', () => {
  it('Karen Sharp, 2/18 First/Last → kasharp', () => {
    expect(generateLogonId('Karen', 'Sharp', { order: 'firstLast', firstChars: 2, lastChars: 18 }, none)).toBe(
      'kasharp',
    );
  });
  it('Karen Sharp, 2/18 Last/First → sharpka', () => {
    expect(generateLogonId('Karen', 'Sharp', { order: 'lastFirst', firstChars: 2, lastChars: 18 }, none)).toBe(
      'sharpka',
    );
  });
  it('Karen Sharp, 10/10 Last/First → sharpkaren', () => {
    expect(generateLogonId('Karen', 'Sharp', { order: 'lastFirst', firstChars: 10, lastChars: 10 }, none)).toBe(
      'sharpkaren',
    );
  });
  it('Karen Sharp, 17/3 Last/First → shakaren', () => {
    expect(generateLogonId('Karen', 'Sharp', { order: 'lastFirst', firstChars: 17, lastChars: 3 }, none)).toBe(
      'shakaren',
    );
  });
});

describe('clashes', () => {
  const o = { order: 'lastFirst', firstChars: 2, lastChars: 18 } as const;
  it('appends 1, 2, … until unique (sharpka1, sharpka2)', () => {
    const used = new Set(['sharpka']);
    const taken = (id: string) => used.has(identityKey(id));
    const a = generateLogonId('Karen', 'Sharp', o, taken)!;
    expect(a).toBe('sharpka1');
    used.add(identityKey(a));
    expect(generateLogonId('Kathy', 'Sharp', o, taken)).toBe('sharpka2');
  });
  it('is unique ignoring case: an existing "SharpKa" takes sharpka', () => {
    const used = new Set([identityKey('SharpKa')]);
    expect(generateLogonId('Karen', 'Sharp', o, (id) => used.has(identityKey(id)))).toBe('sharpka1');
  });
});

describe('non-ASCII names are transliterated', () => {
  it('Jürgen Müßig → jumussig (First/Last 2/18), müßig → mussig', () => {
    expect(logonIdPart('Müßig')).toBe('mussig');
    expect(baseLogonId('Jürgen', 'Müßig', { order: 'firstLast', firstChars: 2, lastChars: 18 })).toBe('jumussig');
  });
  it("Zoë O'Brien-Smith → obriensmithzo (Last/First 18/2): apostrophe and hyphen dropped, ë → e", () => {
    expect(logonIdPart("O'Brien-Smith")).toBe('obriensmith');
    expect(baseLogonId('Zoë', "O'Brien-Smith", { order: 'lastFirst', firstChars: 2, lastChars: 18 })).toBe(
      'obriensmithzo',
    );
    expect(baseLogonId('Zoë', "O'Brien-Smith", { order: 'firstLast', firstChars: 3, lastChars: 3 })).toBe('zoeobr');
  });
  it('other scripts are kept, lower-cased', () => {
    expect(logonIdPart('Ирина')).toBe('ирина');
  });
  it('a name with no letter or digit gives no Logon ID', () => {
    expect(generateLogonId("'-", ' ', { order: 'firstLast', firstChars: 2, lastChars: 2 }, none)).toBeNull();
  });
});

describe('options', () => {
  it('refuses more than 20 characters combined, and fewer than 1 per name', () => {
    expect(checkLogonIdOptions({ order: 'firstLast', firstChars: 17, lastChars: 3 })).toBeNull();
    expect(checkLogonIdOptions({ order: 'firstLast', firstChars: 17, lastChars: 4 })).toMatch(/at most 20/);
    expect(checkLogonIdOptions({ order: 'firstLast', firstChars: 0, lastChars: 4 })).toMatch(/at least 1/);
  });
});
