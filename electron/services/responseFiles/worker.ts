import { parentPort } from 'node:worker_threads';
import { parseResponseFile } from '../../domain/responseFiles/parser';

/**
 * The response-file worker (built to out/main/responseFilesWorker.cjs): parses XML off the
 * main process's event loop, so a 10 MB file never stalls IPC, events or other consoles'
 * change feed. One message in ({ id, content }), one out ({ id, result }).
 */
parentPort?.on('message', (msg: { id: number; content: string }) => {
  let result;
  try {
    result = parseResponseFile(msg.content);
  } catch (e) {
    result = {
      ok: false as const,
      error: { message: `The parser failed: ${(e as Error).message}`, line: 0, column: 0 },
    };
  }
  // As JSON text: one string crosses the thread boundary far faster than a structured clone of
  // tens of thousands of small objects (see docs/PERFORMANCE.md).
  parentPort!.postMessage({ id: msg.id, json: JSON.stringify(result) });
});
