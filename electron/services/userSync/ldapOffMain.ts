import { Worker } from 'node:worker_threads';
import { builtMainFile } from '../../paths';
import { DirectoryError, type DirectoryCause, type DirectoryEntry, type DirectoryRead } from './directory';
import { directoryCas, readAdGroup, type AdTarget } from './ldapReader';
import { directoryDnsServers } from './locate';

export interface LdapWorkerInput {
  target: AdTarget;
  attributes: string[];
  ca: readonly string[];
  dnsServers: string[] | null;
}
export type LdapWorkerMessage =
  | { kind: 'batch'; entries: DirectoryEntry[] }
  | { kind: 'done' }
  | { kind: 'error'; reason: DirectoryCause; message: string };

let workerOverride: string | null = null;
/** The bench runs from its own folder: it points the reader at the worker built next to main (out/main/). */
export function setLdapWorkerFile(file: string | null): void {
  workerOverride = file;
}
/** The built worker next to the main bundle, or null when running from sources (then the read stays on main). */
export const defaultLdapWorker = (): string | null => workerOverride ?? builtMainFile('userSyncLdapWorker.cjs');

/**
 * readAdGroup in a worker thread. Reading 100,000 entries decoded every search entry on main (ldapts' BER
 * parsing, TextDecoder) and left their garbage in main's heap: the preview's longest stall was 117–131 ms,
 * 75 % of it that decoding and the major GC after it. The worker posts each page; pages reach `read.onBatch`
 * one after another, in order, as from readAdGroup itself. A cancelled signal asks the worker to stop (it
 * answers "cancelled" like the in-process reader); a worker that dies is a 'directory' error.
 */
export function readAdGroupOffMain(
  t: AdTarget,
  attributes: string[],
  read: DirectoryRead,
  workerFile: string | null = defaultLdapWorker(),
): Promise<void> {
  if (!workerFile) return readAdGroup(t, attributes, read);
  const input: LdapWorkerInput = { target: t, attributes, ca: directoryCas(), dnsServers: directoryDnsServers() };
  return new Promise<void>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: input });
    } catch (e) {
      reject(new DirectoryError('directory', `The directory reader cannot start: ${(e as Error).message}`));
      return;
    }
    let chain = Promise.resolve();
    let settled = false;
    const finish = (err: DirectoryError | null) => {
      if (settled) return;
      settled = true;
      read.signal?.removeEventListener('abort', onAbort);
      void worker.terminate().catch(() => {});
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => worker.postMessage('cancel');
    read.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: LdapWorkerMessage) => {
      // In order: a page is handed on only after the previous one's onBatch is done.
      chain = chain.then(async () => {
        if (settled) return;
        // Cancelled: no page after it, whatever the worker had already sent (as readAdGroup checks between pages).
        if (read.signal?.aborted) return finish(new DirectoryError('cancelled', 'Cancelled.'));
        if (m.kind === 'batch') await read.onBatch(m.entries);
        else finish(m.kind === 'done' ? null : new DirectoryError(m.reason, m.message));
      });
      chain.catch((e: unknown) =>
        finish(e instanceof DirectoryError ? e : new DirectoryError('directory', (e as Error).message)),
      );
    });
    // After the pages and the answer already received (they are handled first).
    const stopped = (message: string) => {
      chain = chain.then(() => finish(new DirectoryError('directory', message)));
    };
    worker.on('error', (e) => stopped(`The directory reader stopped: ${e.message}`));
    worker.on('exit', (code) => stopped(`The directory reader stopped (exit code ${code}).`));
  });
}
