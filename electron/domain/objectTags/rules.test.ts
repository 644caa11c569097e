import { describe, expect, it } from 'vitest';
import { checkObjectTagValue } from '../../contract';
import {
  likePattern,
  listNames,
  objectTypeCode,
  objectTypeFromCode,
  tagLimitRefusal,
  tagTypeCode,
  tagTypeFromCode,
  uncheckRefusal,
} from '.';

describe('object tag codes (seed 001, OBJECT TAGS)', () => {
  it('object types are the seed’s codes', () => {
    expect(objectTypeCode('serviceGroup')).toBe(0x0200);
    expect(objectTypeCode('serviceAccess')).toBe(0x0400);
    expect(objectTypeCode('agent')).toBe(0x1000);
    expect(objectTypeCode('dialedNumber')).toBe(0x100000);
    expect(objectTypeFromCode(0x1000)).toBe('agent');
    expect(() => objectTypeFromCode(0x0800)).toThrow(/not one of the object types/);
  });
  it('tag types are 0–6 in the seed’s order', () => {
    expect(
      ['number', 'text', 'serviceAccess', 'serviceGroup', 'scheduler', 'agent', 'playMessage'].map((t) =>
        tagTypeCode(t as never),
      ),
    ).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(tagTypeFromCode(6)).toBe('playMessage');
  });
});

describe('the Data field by tag type', () => {
  it('Number: a number is required', () => {
    expect(checkObjectTagValue('number', '')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Data is required.*number/),
    });
    expect(checkObjectTagValue('number', 'ten')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Data must be a number/),
    });
    expect(checkObjectTagValue('number', ' 42 ')).toEqual({ ok: true, value: '42' });
    expect(checkObjectTagValue('number', -3.5)).toEqual({ ok: true, value: '-3.5' });
  });
  it('Text: required, at most 100 characters, kept as typed', () => {
    expect(checkObjectTagValue('text', '   ')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Data is required/),
    });
    expect(checkObjectTagValue('text', 'x'.repeat(101))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most 100 characters.*101/),
    });
    expect(checkObjectTagValue('text', 'x'.repeat(100))).toEqual({ ok: true, value: 'x'.repeat(100) });
    expect(checkObjectTagValue('text', ' North ')).toEqual({ ok: true, value: ' North ' });
  });
  it('object types: the ID of a defined object', () => {
    for (const t of ['agent', 'serviceGroup', 'serviceAccess', 'scheduler', 'playMessage'] as const) {
      expect(checkObjectTagValue(t, '')).toMatchObject({ ok: false });
      expect(checkObjectTagValue(t, 'Sales')).toMatchObject({
        ok: false,
        message: expect.stringMatching(/must be the ID/),
      });
      expect(checkObjectTagValue(t, 0)).toMatchObject({ ok: false });
      expect(checkObjectTagValue(t, 17)).toEqual({ ok: true, value: '17' });
    }
    expect(checkObjectTagValue('playMessage', 'x')).toMatchObject({ message: expect.stringMatching(/play message/) });
  });
});

describe('refusal messages', () => {
  it('at most 50 per tenant', () => {
    expect(tagLimitRefusal(49)).toBeNull();
    expect(tagLimitRefusal(50)).toMatch(/already has 50 object tags: up to 50 object tags are permitted per tenant/);
  });
  it('unchecking says how many and which, the rest counted', () => {
    expect(uncheckRefusal('Escalation', 'serviceGroup', 1, ['Sales Voice'])).toBe(
      'Allow Object Tag for service groups cannot be unchecked: “Escalation” is assigned to 1 service group (“Sales Voice”). Unassign it first.',
    );
    const names = Array.from({ length: 10 }, (_, i) => `a${i}`);
    expect(uncheckRefusal('R', 'agent', 12, names)).toMatch(
      /assigned to 12 agents \(“a0”, .*“a9” and 2 more\)\. Unassign them first/,
    );
    expect(listNames(['A', 'B', 'C'])).toBe('“A”, “B” and “C”');
  });
  it('LIKE patterns escape the user’s wildcards', () => {
    expect(likePattern('50%_Off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
