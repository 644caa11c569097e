import { builtMainFile } from '../../paths';
import { Worker } from 'node:worker_threads';
import { parseResponseFile, type RfParseResult } from '../../domain/responseFiles/parser';

/** Below this size parsing takes a few milliseconds: a worker round trip would cost more than it saves. */
export const WORKER_THRESHOLD_CHARS = 256 * 1024;

/** The built worker next to the main bundle (out/main/responseFilesWorker.cjs). */
export function defaultWorkerFile(): string | null {
  return builtMainFile('responseFilesWorker.cjs');
}

export interface ParserPool {
  parse(content: string): Promise<RfParseResult>;
  /** Whether large files go to a worker thread (false: no built worker, e.g. in unit tests of the service). */
  readonly usesWorker: boolean;
  dispose(): Promise<void>;
}

/**
 * One lazily started worker thread for large files; small ones are parsed in place. When the
 * worker file is missing (running from sources) everything is parsed in place.
 */
export function createParserPool(
  workerFile: string | null = defaultWorkerFile(),
  threshold = WORKER_THRESHOLD_CHARS,
): ParserPool {
  let worker: Worker | null = null;
  let seq = 0;
  const pending = new Map<number, { resolve: (r: RfParseResult) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  };
  const start = (file: string) => {
    const w = new Worker(file);
    w.on('message', (m: { id: number; json: string }) => {
      pending.get(m.id)?.resolve(JSON.parse(m.json) as RfParseResult);
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`The response-file worker stopped (exit code ${code}).`)));
    // An idle worker must not keep a test run or a closing app alive; a busy one must (ref below).
    w.unref();
    return w;
  };
  return {
    usesWorker: workerFile !== null,
    parse(content) {
      if (!workerFile || content.length < threshold) return Promise.resolve(parseResponseFile(content));
      worker ??= start(workerFile);
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.ref();
        worker!.postMessage({ id, content });
      });
    },
    async dispose() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
