import type { z } from 'zod';
import type { Permission } from './permissions';
import type { CcmErrorShape } from './envelope';

/** A method of a service: what it takes, what it answers, what it needs. */
export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
  readonly permission: Permission;
  /** One line for docs and error messages. */
  readonly summary: string;
  /**
   * Browser mode: the largest request body (JSON, in bytes) the host reads for this
   * method. Unset: DEFAULT_MAX_BODY_BYTES. Methods that take files (CSV, XML) declare more.
   */
  readonly maxBodyBytes?: number;
  /**
   * The method only stops work the caller started (a Cancel). The router does not first re-check the session
   * against the database for it: on SQLite the running work's transaction holds the one connection, so that
   * check would wait until the work ended and Cancel could never arrive in time. The permission is still checked
   * against the session's principal as of its last check.
   */
  readonly stopsRunningWork?: true;
}

/** The request body cap of methods that do not declare their own (4 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The body cap for a method taking up to `textBytes` of text in one field: JSON escapes
 * quotes, backslashes and line ends (two bytes each), so allow twice that plus room for
 * the other fields.
 */
export const bodyFor = (textBytes: number) => 2 * textBytes + 1024 * 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text (PostgreSQL refuses NUL; neither engine keeps a lone surrogate), or null. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain NUL characters';
  const wellFormed = (s as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof wellFormed === 'function' ? !wellFormed.call(s) : LONE_SURROGATE.test(s)) {
    return 'must not contain unpaired surrogate characters (the text is not valid Unicode)';
  }
  return null;
}

/** Every string (and object key) in a parsed value that is not storable text, with its path. */
function findBadText(
  value: unknown,
  path: Array<string | number>,
  depth = 0,
): { path: Array<string | number>; message: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, message: problem } : null;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadText(value[i], [...path, i], depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return null; // Dates, Maps … made by transforms
  for (const [k, v] of Object.entries(value)) {
    const keyProblem = textProblem(k);
    if (keyProblem) return { path, message: `a key ${keyProblem}` };
    const bad = findBadText(v, [...path, k], depth + 1);
    if (bad) return bad;
  }
  return null;
}

/** The limit a too_small / too_big issue names (a length, a count, a number), if any. */
function limitOf(issue: z.core.$ZodIssue): number | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  return typeof limit === 'number' ? limit : typeof limit === 'bigint' ? Number(limit) : undefined;
}

/**
 * A zod error as the BAD_ARGUMENTS envelope: the first issue as "<path>: <message>", the
 * path joined with "." as `field`, and the same as data in `details` (the path as a list,
 * the bare message for beside the field, the issue code as the rule, the limit if any),
 * so the renderer never takes the message apart.
 */
export function describeZodError(error: z.ZodError): Omit<CcmErrorShape, 'code'> {
  const issue = error.issues[0];
  if (!issue) return { message: 'Invalid arguments.' };
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const field = path.map(String).join('.');
  const limit = limitOf(issue);
  const details = {
    ...(field ? { path } : {}),
    fieldMessage: issue.message,
    rule: issue.code,
    ...(limit !== undefined ? { limit } : {}),
  };
  return field ? { field, message: `${field}: ${issue.message}`, details } : { message: issue.message, details };
}

export interface ServiceSpec {
  readonly methods: Record<string, MethodSpec>;
  /** Event name → schema of one item. Items always arrive in batches. */
  readonly events: Record<string, z.ZodType>;
}

/**
 * Declares a method. Its arguments are checked as a whole for text neither engine can
 * store (NUL, lone surrogates): every string anywhere in them is refused with
 * BAD_ARGUMENTS naming the field ("logonId: must not contain NUL characters"), so no
 * method can reach the database with one (PostgreSQL would answer an internal error).
 */
export const method = <A extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<A, R>): MethodSpec<A, R> => ({
  ...spec,
  args: spec.args.superRefine((value, ctx) => {
    const bad = findBadText(value, []);
    if (bad) ctx.addIssue({ code: 'custom', message: bad.message, path: bad.path });
  }) as A,
});
export const service = <M extends Record<string, MethodSpec>, E extends Record<string, z.ZodType>>(spec: {
  methods: M;
  events: E;
}) => spec;

/**
 * The request body cap of `<service>.<method>` in a contract (DEFAULT_MAX_BODY_BYTES when it declares none or does not
 * exist).
 */
export function maxBodyBytesOf(contract: Record<string, ServiceSpec>, serviceName: string, methodName: string): number {
  const spec =
    Object.hasOwn(contract, serviceName) && Object.hasOwn(contract[serviceName]!.methods, methodName)
      ? contract[serviceName]!.methods[methodName]
      : undefined;
  return spec?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
}

/** The IPC channel of a method: `ccm:<service>:<method>`. */
export const channelOf = (serviceName: string, methodName: string) => `ccm:${serviceName}:${methodName}`;
export const EVENTS_CHANNEL = 'ccm:events';
