import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../../../../electron/contract';
import { canOfferMerge, resolveMerge, threeWayMerge } from './merge';

const POLICY_FIELDS: ReadonlyArray<keyof PasswordPolicy> = [
  'lockoutAfterAttempts',
  'cannotReuseLast',
  'expiresAfterDays',
  'warnDaysRemaining',
];

const base: PasswordPolicy = {
  lockoutAfterAttempts: 5,
  cannotReuseLast: 3,
  expiresAfterDays: 90,
  warnDaysRemaining: 14,
};
const merge = (mine: Partial<PasswordPolicy>, theirs: Partial<PasswordPolicy>) =>
  threeWayMerge(base, { ...base, ...mine }, { ...base, ...theirs }, POLICY_FIELDS);

describe('three-way merge of the password policy', () => {
  it('takes mine where only I changed, theirs where only they changed', () => {
    const r = merge({ lockoutAfterAttempts: 6 }, { expiresAfterDays: 60 });
    expect(r.merged).toEqual({
      lockoutAfterAttempts: 6,
      cannotReuseLast: 3,
      expiresAfterDays: 60,
      warnDaysRemaining: 14,
    });
    expect(r.mineChanged).toEqual(['lockoutAfterAttempts']);
    expect(r.theirsChanged).toEqual(['expiresAfterDays']);
    expect(r.conflicts).toEqual([]);
    expect(canOfferMerge(r)).toBe(true);
    expect(resolveMerge(r, {})).toEqual(r.merged);
  });

  it('a field both changed to the same value is agreed, not a conflict', () => {
    const r = merge({ cannotReuseLast: 4, warnDaysRemaining: 7 }, { cannotReuseLast: 4 });
    expect(r.conflicts).toEqual([]);
    expect(r.merged).toMatchObject({ cannotReuseLast: 4, warnDaysRemaining: 7 });
  });

  it('a field both changed differently is a conflict: both values shown, the user picks', () => {
    const r = merge({ lockoutAfterAttempts: 6, cannotReuseLast: 5 }, { lockoutAfterAttempts: 10 });
    expect(r.conflicts).toEqual([{ field: 'lockoutAfterAttempts', base: 5, mine: 6, theirs: 10 }]);
    expect(canOfferMerge(r)).toBe(true); // I also changed cannotReuseLast
    expect(resolveMerge(r, {})).toBeNull();
    expect(resolveMerge(r, { lockoutAfterAttempts: 'theirs' })).toEqual({
      ...base,
      lockoutAfterAttempts: 10,
      cannotReuseLast: 5,
    });
    expect(resolveMerge(r, { lockoutAfterAttempts: 'mine' })).toEqual({
      ...base,
      lockoutAfterAttempts: 6,
      cannotReuseLast: 5,
    });
  });

  it('does not offer Merge when we changed exactly the same fields (Reload or Overwrite decide)', () => {
    const r = merge({ expiresAfterDays: 30 }, { expiresAfterDays: 60 });
    expect(canOfferMerge(r)).toBe(false);
  });

  it('offers Merge when they saved without changing a value (only the version moved)', () => {
    const r = merge({ expiresAfterDays: 30 }, {});
    expect(r.theirsChanged).toEqual([]);
    expect(canOfferMerge(r)).toBe(true);
    expect(r.merged.expiresAfterDays).toBe(30);
  });

  it('nothing of mine changed: no Merge', () => {
    expect(canOfferMerge(merge({}, { expiresAfterDays: 60 }))).toBe(false);
  });

  it('leaves its inputs alone', () => {
    const mine = { ...base, lockoutAfterAttempts: 6 };
    const theirs = { ...base, expiresAfterDays: 60 };
    threeWayMerge(base, mine, theirs, POLICY_FIELDS);
    expect(mine.expiresAfterDays).toBe(90);
    expect(theirs.lockoutAfterAttempts).toBe(5);
  });
});
