import type { CcmErrorShape, ErrorCode, ErrorDetails } from '../../../../electron/contract';

/**
 * The one mapping from an error main answered to a form: which field shows which text, and
 * what goes above the form. Driven by the envelope's `details` (the field path, the bare
 * message for beside the field, the conflicting version, the holder …): nothing here — and
 * nothing in a feature — takes main's message text apart.
 */
export interface ServerErrors {
  /** Form field → the text to show under it (main's `details.fieldMessage`, else its message). */
  fields: Record<string, string>;
  /** The text for above the form: set when the error names no field the form has (or none at all). */
  message?: string;
  code?: ErrorCode;
  details?: ErrorDetails;
  /** The error as the contract shapes it (null when there was none). */
  error: CcmErrorShape | null;
}

export interface ServerErrorOptions {
  /**
   * The form's fields (paths joined with ".", e.g. "name", "allow.serviceGroup"). An error naming
   * another field goes to `message`. Omitted: any field the error names is placed.
   */
  fields?: readonly string[];
  /**
   * Leading path segments the form leaves out, tried in order: with `['settings', 'fields']`,
   * "settings.seclogonws.logLevel" is placed on "seclogonws.logLevel".
   */
  prefixes?: readonly string[];
  /** Also match the last path segment alone ("profile.host" → "host"), as forms of a nested argument do. */
  lastSegment?: boolean;
}

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_ARGUMENTS',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID',
  'UNAVAILABLE',
  'PASSWORD_EXPIRED',
  'UNKNOWN_METHOD',
  'INTERNAL',
]);

const isShape = (v: unknown): v is CcmErrorShape =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as { code?: unknown }).code === 'string' &&
  CODES.has((v as { code: string }).code) &&
  typeof (v as { message?: unknown }).message === 'string';

/**
 * The contract's error in anything a caller holds: an error shape (`env.error`), a failed envelope,
 * a thrown CcmError (unwrap) or CommandError (useCommand), a `{ error }` holder such as a Command.
 * Another Error becomes INTERNAL with its message; null/undefined/an ok envelope answer null.
 */
export function errorShapeOf(err: unknown): CcmErrorShape | null {
  if (err === null || err === undefined) return null;
  if (typeof err !== 'object') return { code: 'INTERNAL', message: String(err) };
  const o = err as Record<string, unknown>;
  if (o.ok === true) return null;
  if (isShape(o.shape)) return o.shape; // CommandError
  if (isShape(err)) {
    // CcmErrorShape itself, or CcmError (an Error with code/field/details)
    const shape: CcmErrorShape = { code: err.code, message: err.message };
    if (typeof err.field === 'string') shape.field = err.field;
    if (err.details !== undefined) shape.details = err.details;
    return shape;
  }
  if ('error' in o) return errorShapeOf(o.error); // Envelope { ok: false, error } or a Command
  return { code: 'INTERNAL', message: err instanceof Error && err.message ? err.message : 'The action failed.' };
}

/** The path an error is about, as data: `details.path`, else `field` split at ".". */
export function errorPath(err: unknown): ReadonlyArray<string | number> | undefined {
  const e = errorShapeOf(err);
  if (!e) return undefined;
  if (e.details?.path && e.details.path.length > 0) return e.details.path;
  return e.field ? e.field.split('.') : undefined;
}

function placeOn(path: ReadonlyArray<string | number>, options: ServerErrorOptions): string | undefined {
  const full = path.join('.');
  const stripped: string[] = [];
  for (const prefix of options.prefixes ?? []) {
    const segs = prefix.split('.');
    if (path.length > segs.length && segs.every((s, i) => String(path[i]) === s)) {
      stripped.push(path.slice(segs.length).join('.'));
    }
  }
  const last = options.lastSegment && path.length > 1 ? String(path[path.length - 1]) : undefined;
  const known = options.fields;
  if (!known) return stripped[0] ?? last ?? full;
  return [full, ...stripped, ...(last !== undefined ? [last] : [])].find((c) => known.includes(c));
}

/**
 * Where an error goes on a form: `fields[name]` for the field it names (one of `options.fields`,
 * after `prefixes` / `lastSegment`), else `message` above the form.
 *
 *   const placed = serverErrors(env.error, { fields: ['name', 'type'] });
 *   <Field validationMessage={placed.fields.name} />  {placed.message && <MessageBar>{placed.message}</MessageBar>}
 */
export function serverErrors(err: unknown, options: ServerErrorOptions = {}): ServerErrors {
  const error = errorShapeOf(err);
  if (!error) return { fields: {}, error: null };
  const base = {
    code: error.code,
    error,
    ...(error.details !== undefined ? { details: error.details } : {}),
  };
  const path = errorPath(error);
  const field = path ? placeOn(path, options) : undefined;
  if (field === undefined) return { ...base, fields: {}, message: error.message };
  return { ...base, fields: { [field]: error.details?.fieldMessage ?? error.message } };
}

/** The text for one field of the form (or undefined): `serverErrors(err, options).fields[field]`. */
export function fieldError(err: unknown, field: string, options: Omit<ServerErrorOptions, 'fields'> = {}) {
  return serverErrors(err, { ...options, fields: [field] }).fields[field];
}

/** True when main refused because of a CONFLICT (a stale save, a duplicate, a file that exists …). */
export const isConflict = (err: unknown): boolean => errorShapeOf(err)?.code === 'CONFLICT';

/** The stale-save facts (supplied and current version, who changed it when), or undefined for other errors. */
export function staleConflict(err: unknown): NonNullable<ErrorDetails['conflict']> | undefined {
  const e = errorShapeOf(err);
  return e?.code === 'CONFLICT' ? e.details?.conflict : undefined;
}

/** True for a stale save (another console saved a newer version): the editor offers Reload / Overwrite. */
export const isStaleSave = (err: unknown): boolean => staleConflict(err) !== undefined;

/** What already holds a value that must be unique, or the object that still uses it. */
export const holderOf = (err: unknown): ErrorDetails['holder'] => errorShapeOf(err)?.details?.holder;

/**
 * The sentence a versioned editor shows for a stale save, built from `details.conflict`, ending
 * with what this editor offers (`next`: "Reload to see the saved values, or overwrite them with
 * yours."). Falls back to main's message when the error carries no conflict facts.
 */
export function staleSaveText(err: unknown, next: string): string {
  const e = errorShapeOf(err);
  const c = e?.details?.conflict;
  if (!c) return e?.message ?? next;
  const who =
    c.updatedBy !== undefined && c.updatedAt !== undefined ? `: ${c.updatedBy} changed it at ${c.updatedAt}` : '';
  const supplied = c.expectedVersion !== undefined ? `The version you supplied [${c.expectedVersion}]` : 'Your version';
  return `${supplied} does not match the current version [${c.version}]${who}. ${next}`;
}
