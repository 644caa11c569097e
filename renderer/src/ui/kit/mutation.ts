import { useCallback, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CcmErrorShape, Envelope } from '../../../../electron/contract';
import { noticeText, runCommand, toErrorShape, type CommandOptions } from './commandCore';

export { CommandError, type CommandOptions } from './commandCore';

export interface Command<V, R> {
  /** Runs the write; answers the result, or undefined when it failed (then `error` says why). */
  run(vars: V): Promise<R | undefined>;
  /** Runs the write and throws on failure (for confirm({ action }), which shows the error in the dialog). */
  runOrThrow(vars: V): Promise<R>;
  /** True while the write (and the refresh of what it invalidates) runs. */
  busy: boolean;
  /** The contract's error of the last run; cleared when the next run starts. */
  error: CcmErrorShape | null;
  /** The notice of the last success (options.notice), cleared when the next run starts. */
  notice: string | null;
  /** Clears error and notice (e.g. when the form is edited). */
  reset(): void;
}

/**
 * A write to main (a `ccm.*` call answering an Envelope) as a react-query mutation: busy state,
 * the error main answered, and the queries it makes stale refreshed after a success.
 *
 *   const remove = useCommand((id: number) => ccm.logs.removeSource({ id }), { invalidates: [logKeys.sources] });
 *   <Button disabled={remove.busy} onClick={() => void remove.run(id)} />
 */
export function useCommand<V = void, R = unknown>(
  fn: (vars: V) => Promise<Envelope<R>>,
  options: CommandOptions<V, R> = {},
): Command<V, R> {
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const m = useMutation<R, unknown, V>({
    mutationFn: (vars) => runCommand(qc, fn, options, vars),
    onMutate: () => setNotice(null),
    onSuccess: (result, vars) => setNotice(noticeText(options, result, vars)),
    onError: (err, vars) => options.onError?.(toErrorShape(err), vars),
  });
  const { mutateAsync, reset: resetMutation } = m;
  const runOrThrow = useCallback((vars: V) => mutateAsync(vars), [mutateAsync]);
  const run = useCallback((vars: V) => mutateAsync(vars).catch(() => undefined), [mutateAsync]);
  const reset = useCallback(() => {
    resetMutation();
    setNotice(null);
  }, [resetMutation]);
  return { run, runOrThrow, busy: m.isPending, error: m.error ? toErrorShape(m.error) : null, notice, reset };
}
