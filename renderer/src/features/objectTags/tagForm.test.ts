import { describe, expect, it } from 'vitest';
import { checkTagForm, EMPTY_TAG_FORM, placeTagError } from './tagForm';

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
    expect(placeTagError({ code: 'INVALID', message: 'cannot be unchecked', field: 'allow.serviceGroup' })).toEqual({
      field: 'allow.serviceGroup',
      message: 'cannot be unchecked',
    });
    expect(placeTagError({ code: 'CONFLICT', message: 'stale' })).toEqual({ field: null, message: 'stale' });
  });
});
