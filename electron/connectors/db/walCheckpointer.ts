import type BetterSqlite3 from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Keeps SQLite's WAL checkpoints off main's event loop.
 *
 * With the default `wal_autocheckpoint` (1,000 pages), the connection that commits runs the
 * checkpoint inside COMMIT once the WAL is over 4 MiB: after a large transaction (100,000
 * synchronized users, a 50,000-user import) that copies tens of megabytes back into the database
 * file while main waits — measured 200 ms of a 242 ms COMMIT with a 47 MB WAL. better-sqlite3 is
 * synchronous, so that is a stall of every call and event.
 *
 * So main's connection does not checkpoint (`wal_autocheckpoint = 0`); a worker thread with its
 * own connection to the same file runs `wal_checkpoint(PASSIVE)` when the WAL has grown past
 * `thresholdBytes` (looked at every `intervalMs`, asynchronously). PASSIVE never blocks a reader or
 * the writer; SQLite restarts the WAL from its start at the next write once a checkpoint has copied
 * every frame. The worker starts only when first needed (most databases never grow a large WAL).
 * If the worker cannot start or fails, main's connection gets its autocheckpoint back: the WAL
 * never grows without bound. On close, main's connection (the last one) checkpoints and removes
 * the WAL as usual.
 */
export interface WalCheckpointer {
  /** Checks the WAL's size now and checkpoints if it is over the threshold (tests; the timer does this). */
  check(): Promise<void>;
  /** How many checkpoints the worker ran, and the last result. */
  stats(): { runs: number; last: { log: number; checkpointed: number; busy: number } | null; fallback: boolean };
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, result: r });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String(e && e.message || e) });
  }
});
`;

export function startWalCheckpointer(
  file: string,
  main: BetterSqlite3.Database,
  opts: { thresholdBytes?: number; intervalMs?: number; workerModule?: string } = {},
): WalCheckpointer {
  const threshold = opts.thresholdBytes ?? 4 * 1024 * 1024;
  main.pragma('wal_autocheckpoint = 0');
  // When SQLite restarts the WAL after a complete checkpoint, it truncates the file to this size
  // (below the threshold), so the size looked at below means "frames not yet checkpointed" again.
  main.pragma(`journal_size_limit = ${Math.floor(threshold / 4)}`);
  /** The WAL's size when the last checkpoint copied every frame: unchanged since, nothing to do. */
  let doneAtSize = -1;
  let worker: Worker | null = null;
  let pending: { resolve: () => void } | null = null;
  let runs = 0;
  let last: { log: number; checkpointed: number; busy: number } | null = null;
  let fallback = false;
  let closed = false;

  const giveUp = () => {
    if (fallback || closed) return;
    fallback = true;
    // SQLite's default again: main checkpoints inside COMMIT, as before, rather than an unbounded WAL.
    if (main.open) main.pragma('wal_autocheckpoint = 1000');
    void worker?.terminate().catch(() => {});
    worker = null;
    pending?.resolve();
    pending = null;
  };

  const ensureWorker = (): Worker | null => {
    if (worker || fallback) return worker;
    try {
      const module = opts.workerModule ?? createRequire(__filename).resolve('better-sqlite3');
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module } });
      w.unref();
      w.on('message', (m: { ok: boolean; result?: typeof last; error?: string }) => {
        if (m.ok) {
          runs++;
          last = m.result ?? null;
        }
        pending?.resolve();
        pending = null;
      });
      w.on('error', giveUp);
      w.on('exit', () => {
        if (!closed) giveUp();
      });
      worker = w;
    } catch {
      giveUp();
    }
    return worker;
  };

  const check = async (): Promise<void> => {
    if (closed || fallback || pending) return;
    const size = await stat(`${file}-wal`).then(
      (s) => s.size,
      () => 0,
    );
    if (size < threshold || size === doneAtSize || closed || pending) return;
    const w = ensureWorker();
    if (!w) return;
    const before = runs;
    await new Promise<void>((resolve) => {
      pending = { resolve };
      w.postMessage('checkpoint');
    });
    if (runs > before && last && last.checkpointed === last.log) doneAtSize = size;
  };

  const timer = setInterval(() => void check().catch(() => {}), opts.intervalMs ?? 2000);
  timer.unref();

  return {
    check,
    stats: () => ({ runs, last, fallback }),
    async close() {
      closed = true;
      clearInterval(timer);
      pending?.resolve();
      pending = null;
      const w = worker;
      worker = null;
      await w?.terminate().catch(() => {});
    },
  };
}
