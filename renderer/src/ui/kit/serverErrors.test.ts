import { describe, expect, it } from 'vitest';
import type { CcmErrorShape } from '../../../../electron/contract';
import { CommandError } from './commandCore';
import {
  errorShapeOf,
  fieldError,
  holderOf,
  isConflict,
  isStaleSave,
  serverErrors,
  staleConflict,
  staleSaveText,
} from './serverErrors';

const badArgs: CcmErrorShape = {
  code: 'BAD_ARGUMENTS',
  field: 'settings.seclogonws.logLevel',
  message: 'settings.seclogonws.logLevel: Too big: expected number to be <=5',
  details: {
    path: ['settings', 'seclogonws', 'logLevel'],
    fieldMessage: 'Too big: expected number to be <=5',
    rule: 'too_big',
    limit: 5,
  },
};
const stale: CcmErrorShape = {
  code: 'CONFLICT',
  message:
    'The version you supplied [1] does not match the current version [2]: ann changed it at T. Reload, overwrite, or merge.',
  details: { rule: 'stale_version', conflict: { expectedVersion: 1, version: 2, updatedBy: 'ann', updatedAt: 'T' } },
};

describe('serverErrors', () => {
  it('places a refusal under the field its path names, with the bare message from details', () => {
    expect(serverErrors(badArgs, { prefixes: ['settings'] }).fields).toEqual({
      'seclogonws.logLevel': 'Too big: expected number to be <=5',
    });
    expect(serverErrors(badArgs, { fields: ['seclogonws.logLevel'], prefixes: ['settings'] }).message).toBeUndefined();
  });

  it('puts an error naming no field of the form above it', () => {
    const placed = serverErrors(badArgs, { fields: ['name'] });
    expect(placed.fields).toEqual({});
    expect(placed.message).toBe(badArgs.message);
    expect(placed.code).toBe('BAD_ARGUMENTS');
    expect(serverErrors({ code: 'INVALID', message: 'No.' }).message).toBe('No.');
  });

  it('matches the last segment when asked (a nested argument such as profile.host)', () => {
    const e: CcmErrorShape = { code: 'BAD_ARGUMENTS', message: 'Host is required', field: 'profile.host' };
    expect(serverErrors(e, { fields: ['host'] }).fields).toEqual({});
    expect(serverErrors(e, { fields: ['host'], lastSegment: true }).fields).toEqual({ host: 'Host is required' });
  });

  it('uses field when details carry no path, and the message when there is no fieldMessage', () => {
    const e: CcmErrorShape = { code: 'INVALID', message: 'Logon ID already exists.', field: 'logonId' };
    expect(fieldError(e, 'logonId')).toBe('Logon ID already exists.');
    expect(fieldError(e, 'name')).toBeUndefined();
  });

  it('reads the error out of an envelope, a CommandError, a CcmError-like error and a Command', () => {
    expect(errorShapeOf({ ok: false, error: stale })).toEqual(stale);
    expect(errorShapeOf(new CommandError(stale))).toEqual(stale);
    const thrown = Object.assign(new Error(stale.message), { code: stale.code, details: stale.details });
    expect(errorShapeOf(thrown)).toEqual(stale);
    expect(errorShapeOf({ busy: false, error: stale })).toEqual(stale);
    expect(errorShapeOf({ ok: true, value: 1 })).toBeNull();
    expect(errorShapeOf(null)).toBeNull();
    expect(errorShapeOf(new TypeError('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
    expect(serverErrors(undefined)).toEqual({ fields: {}, error: null });
  });

  it('tells a stale save from another conflict, and words it from the facts', () => {
    const duplicate: CcmErrorShape = {
      code: 'CONFLICT',
      message: 'Directory Number 4001 is already used by ann.',
      field: 'dn',
      details: { rule: 'duplicate', holder: { kind: 'user', id: 7, name: 'ann' } },
    };
    expect(isConflict(stale) && isConflict(duplicate)).toBe(true);
    expect(isStaleSave(stale)).toBe(true);
    expect(isStaleSave(duplicate)).toBe(false);
    expect(staleConflict(stale)?.version).toBe(2);
    expect(holderOf(duplicate)).toEqual({ kind: 'user', id: 7, name: 'ann' });
    expect(staleSaveText(stale, 'Reload to see the saved values, or overwrite them with yours.')).toBe(
      'The version you supplied [1] does not match the current version [2]: ann changed it at T. ' +
        'Reload to see the saved values, or overwrite them with yours.',
    );
  });
});
