import { describe, expect, it } from 'vitest';
import { deletionOf } from './deletion';

const user = { id: 7, logonId: 'kasharp', syncId: null as string | null, deleted: false };

describe('deleting a user (seed 001, User Deletion)', () => {
  it('a user created by hand is deleted for good (nothing could undelete it)', () => {
    expect(deletionOf(user, { allowManualDeleteSynced: false }, 1)).toEqual({ kind: 'hard' });
  });
  it('a synchronized user is refused unless the tenant allows manual deletion', () => {
    const d = deletionOf({ ...user, syncId: 'abc' }, { allowManualDeleteSynced: false }, 1);
    expect(d).toMatchObject({ kind: 'refuse', message: /Allow Manual Deletion for Synchronized Users/ });
  });
  it('an allowed synchronized deletion is soft: synchronization undeletes it with all its settings', () => {
    expect(deletionOf({ ...user, syncId: 'abc' }, { allowManualDeleteSynced: true }, 1)).toEqual({ kind: 'soft' });
  });
  it('refuses the signed-in account and an already deleted user', () => {
    expect(deletionOf(user, { allowManualDeleteSynced: true }, 7)).toMatchObject({
      kind: 'refuse',
      message: /signed in with/,
    });
    expect(deletionOf({ ...user, deleted: true }, { allowManualDeleteSynced: true }, 1)).toMatchObject({
      kind: 'refuse',
      message: /already deleted/,
    });
  });
});
