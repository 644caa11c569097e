import { ServiceError } from '../../ipc/errors';

export const bit = (b: boolean) => (b ? 1 : 0);

export const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};
export const isForeignKeyViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23503' || /FOREIGN KEY constraint failed/i.test(e?.message ?? '');
};

/** The database's own unique keys are the last word: a race past the pre-check still gets a clear refusal. */
export async function refusingDuplicates<T>(what: string, field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new ServiceError(
        'CONFLICT',
        `${what} is already in use in this tenant (it was saved by someone else just now).`,
        field,
        { rule: 'duplicate' },
      );
    throw err;
  }
}

export const notFound = (what: string) =>
  new ServiceError('NOT_FOUND', `${what} no longer exists: another console deleted it.`);

export const fullName = (u: { first_name: string; last_name: string; logon_id: string }) =>
  `${u.first_name} ${u.last_name}`.trim() || u.logon_id;
