import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { CcmErrorShape, Envelope } from '../../../../electron/contract';
import { errorShapeOf } from './serverErrors';

/** Options of a write: what it makes stale, and what follows a success. */
export interface CommandOptions<V, R> {
  /** Query keys (prefixes) refreshed after a success, before `run` resolves. */
  invalidates?: readonly QueryKey[] | ((vars: V, result: R) => readonly QueryKey[]);
  onSuccess?: (result: R, vars: V) => void | Promise<void>;
  /** Told the contract's error when the write fails (it is also in `error` of useCommand). */
  onError?: (error: CcmErrorShape, vars: V) => void;
  /** A line for the user after a success (`notice` of useCommand), e.g. "Saved." */
  notice?: string | ((result: R, vars: V) => string);
}

/** A refused or failed write, carrying the contract's error (code, message, field …). */
export class CommandError extends Error {
  readonly shape: CcmErrorShape;
  constructor(shape: CcmErrorShape) {
    super(shape.message);
    this.name = 'CommandError';
    this.shape = shape;
  }
}

/**
 * The contract's error for anything a write threw: main's answer as is (with its details), a local failure as INTERNAL.
 */
export function toErrorShape(err: unknown): CcmErrorShape {
  return errorShapeOf(err) ?? { code: 'INTERNAL', message: 'The action failed.' };
}

/**
 * One write: calls main, throws CommandError for a refusal, refreshes the queries it names and
 * runs onSuccess. useCommand wraps this in react-query's useMutation.
 */
export async function runCommand<V, R>(
  qc: QueryClient,
  fn: (vars: V) => Promise<Envelope<R>>,
  options: CommandOptions<V, R>,
  vars: V,
): Promise<R> {
  let env: Envelope<R>;
  try {
    env = await fn(vars);
  } catch (err) {
    throw new CommandError(toErrorShape(err));
  }
  if (!env.ok) throw new CommandError(env.error);
  const keys = typeof options.invalidates === 'function' ? options.invalidates(vars, env.value) : options.invalidates;
  if (keys?.length) await Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })));
  await options.onSuccess?.(env.value, vars);
  return env.value;
}

export function noticeText<V, R>(options: CommandOptions<V, R>, result: R, vars: V): string | null {
  if (options.notice === undefined) return null;
  return typeof options.notice === 'function' ? options.notice(result, vars) : options.notice;
}
