import { describe, expect, it } from 'vitest';
import { nestedQuantifier } from './regexSafety';
import { compileMatcher } from './textMatch';

describe('nested quantifiers (catastrophic backtracking) are refused', () => {
  it.each(['(a+)+$', '(\\w*)*x', '((ab)+c?)*', '(a{2,})+', '(x+y*){1,}', '(?:a|b+)*'])('refuses %s', (p) => {
    expect(nestedQuantifier(p)).not.toBeNull();
  });
  it.each([
    'error|warn',
    'a+b*c?',
    '(foo|bar)+',
    'id=\\d+ (ok|failed)',
    '[(*+)]+',
    '\\(a+\\)+',
    '(ab){3}',
    '(a+){1}',
    'x{2}(y)+',
  ])('accepts %s', (p) => {
    expect(nestedQuantifier(p)).toBeNull();
  });
  it('names the group in the error, with the field', () => {
    expect(() => compileMatcher('(a+)+$', true, false, 'include')).toThrow(/\(a\+\)\+.*nested/i);
    try {
      compileMatcher('(a+)+$', true, false, 'include');
    } catch (err) {
      expect(err).toMatchObject({ code: 'INVALID', field: 'include' });
    }
  });
});
