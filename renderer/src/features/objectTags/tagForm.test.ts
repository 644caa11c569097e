import { describe, expect, it } from 'vitest';
import { serverErrors } from '../../ui/kit/serverErrors';
import { checkTagForm, EMPTY_TAG_FORM, TAG_FIELDS } from './tagForm';

describe('object tag form', () => {
  it('name is required and at most 100 characters (the contract’s rule)', () => {
    expect(checkTagForm({ ...EMPTY_TAG_FORM, name: '  ' })).toEqual({
      ok: false,
      errors: { name: 'Name is required' },
    });
    expect(checkTagForm({ ...EMPTY_TAG_FORM, name: 'x'.repeat(101) })).toEqual({
      ok: false,
      errors: { name: 'Name is at most 100 characters' },
    });
    expect(checkTagForm({ ...EMPTY_TAG_FORM, name: ' Region ' })).toMatchObject({
      ok: true,
      value: { name: 'Region', type: 'text' },
    });
  });
  it('main’s refusals go under the field they name', () => {
    const e = { code: 'INVALID', message: 'cannot be unchecked', field: 'allow.serviceGroup' } as const;
    expect(serverErrors(e, { fields: TAG_FIELDS }).fields).toEqual({ 'allow.serviceGroup': 'cannot be unchecked' });
    expect(serverErrors({ code: 'CONFLICT', message: 'stale' }, { fields: TAG_FIELDS }).message).toBe('stale');
  });
});
