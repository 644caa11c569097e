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
 * In:  { type: 'reconfigure', configs, mibs } | { type: 'close' }
 * Out: { type: 'started', address, port, recvBufferBytes } | { type: 'error', code, message }
 *      | { type: 'batch', json, counts } | { type: 'counts', counts } | { type: 'dropLog', … } | { type: 'closed', counts }
 */
const port = parentPort!;
const core = new ReceiverCore(workerData as ReceiverSetup, {
  mapped: (batch) => port.postMessage({ type: 'batch', json: packBatch(batch), counts: core.counts }),
  dropLog: (source, reason, detail) => port.postMessage({ type: 'dropLog', source, reason, detail }),
});
const ticker = setInterval(() => port.postMessage({ type: 'counts', counts: core.counts }), 250);

core.start().then(
  (bound) => port.postMessage({ type: 'started', ...bound }),
  (err: Error & { code?: string }) => port.postMessage({ type: 'error', code: err.code ?? 'ERROR', message: err.message }),
);

port.on('message', (m: { type: 'reconfigure'; configs: ReceiverSetup['configs']; mibs: ReceiverSetup['mibs'] } | { type: 'close' }) => {
  if (m.type === 'reconfigure') core.reconfigure(m.configs, m.mibs);
  else {
    clearInterval(ticker);
    void core.close().then(() => {
      port.postMessage({ type: 'closed', counts: core.counts });
      port.close();
    });
  }
});
