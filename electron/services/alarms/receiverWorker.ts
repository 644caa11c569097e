import { parentPort, workerData } from 'node:worker_threads';
import { packBatch } from '../../domain/alarms/eventConfig';
import { ReceiverCore, type ReceiverSetup } from './receiverCore';

/**
 * The receiver worker (built to out/main/alarmsReceiver.cjs): the UDP socket, BER decoding
 * and event configuration run here, so a busy main event loop (SQLite writes, IPC, other
 * features) never leaves datagrams waiting in the kernel buffer. Mapped traps go to main as
 * JSON text in batches (one string crosses the thread boundary far faster than a structured
 * clone of thousands of small objects); counters ride along.
 *
 * In:  { type: 'reconfigure', configs, mibs } | { type: 'ack' } (a batch was taken) | { type: 'close' }
 * Out: { type: 'started', address, port, recvBufferBytes } | { type: 'error', code, message }
 *      | { type: 'batch', json, counts } | { type: 'counts', counts } | { type: 'dropLog', … }
 *      | { type: 'v3seen', seen } | { type: 'closed', counts }
 */
const port = parentPort!;
// Backpressure: main acknowledges each batch once it is queued for storage. If main falls
// this far behind, further batches are dropped here and counted (queue-full), instead of
// piling up in the message port without bound.
const MAX_INFLIGHT = 25; // × 2,000 traps: about 0.7 s at 75,000/s (plus the writer queue, MAX_QUEUE)
let inflight = 0;
const core = new ReceiverCore(workerData as ReceiverSetup, {
  mapped: (batch) => {
    if (inflight >= MAX_INFLIGHT) {
      core.counts.dropped['queue-full'] = (core.counts.dropped['queue-full'] ?? 0) + batch.length;
      return;
    }
    inflight++;
    port.postMessage({ type: 'batch', json: packBatch(batch), counts: core.counts });
  },
  dropLog: (source, reason, detail) => port.postMessage({ type: 'dropLog', source, reason, detail }),
  v3Seen: (seen) => port.postMessage({ type: 'v3seen', seen }),
});
const ticker = setInterval(() => port.postMessage({ type: 'counts', counts: core.counts }), 250);

core.start().then(
  (bound) => port.postMessage({ type: 'started', ...bound }),
  (err: Error & { code?: string }) =>
    port.postMessage({ type: 'error', code: err.code ?? 'ERROR', message: err.message }),
);

port.on(
  'message',
  (
    m:
      | { type: 'reconfigure'; configs: ReceiverSetup['configs']; mibs: ReceiverSetup['mibs'] }
      | { type: 'ack' }
      | { type: 'close' },
  ) => {
    if (m.type === 'ack') inflight = Math.max(0, inflight - 1);
    else if (m.type === 'reconfigure') core.reconfigure(m.configs, m.mibs);
    else {
      clearInterval(ticker);
      void core.close().then(() => {
        port.postMessage({ type: 'closed', counts: core.counts });
        port.close();
      });
    }
  },
);
