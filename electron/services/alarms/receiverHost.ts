import { builtMainFile } from '../../paths';
import { Worker } from 'node:worker_threads';
import { ListenError } from '../../connectors/snmp/trapListener';
import { unpackBatch, type EventConfig, type MappedTrap } from '../../domain/alarms/eventConfig';
import { ReceiverCore, type ReceiverCounts, type ReceiverSetup, type V3Seen } from './receiverCore';

/** The built receiver worker next to the main bundle (out/main/alarmsReceiver.cjs), or null from sources. */
export function defaultReceiverWorker(): string | null {
  return builtMainFile('alarmsReceiver.cjs');
}

export interface ReceiverSink {
  mapped(batch: MappedTrap[]): void;
  dropLog(source: string, reason: string, detail: string): void;
  v3Seen?(seen: V3Seen): void;
}

export interface Receiver {
  start(): Promise<{ address: string; port: number; recvBufferBytes: number }>;
  counts(): ReceiverCounts;
  reconfigure(configs: EventConfig[], mibs: ReceiverSetup['mibs']): void;
  close(): Promise<void>;
}

/** A receiver in a worker thread when the built worker exists, else in this thread. */
export function createReceiver(
  setup: ReceiverSetup,
  sink: ReceiverSink,
  workerFile: string | null = defaultReceiverWorker(),
): Receiver {
  if (!workerFile) {
    const core = new ReceiverCore(setup, sink);
    return {
      start: () => core.start(),
      counts: () => core.counts,
      reconfigure: (c, m) => core.reconfigure(c, m),
      close: () => core.close(),
    };
  }
  let counts: ReceiverCounts = { received: 0, decoded: 0, ignored: 0, dropped: {} };
  let worker: Worker | null = null;
  let exited = false;
  let closed: Promise<void> | null = null;
  return {
    start() {
      return new Promise((resolve, reject) => {
        const w = new Worker(workerFile, { workerData: setup });
        worker = w;
        w.once('exit', () => (exited = true));
        w.on('message', (m: { type: string; [k: string]: unknown }) => {
          if (m.type === 'batch') {
            counts = m.counts as ReceiverCounts;
            sink.mapped(unpackBatch(m.json as string));
            w.postMessage({ type: 'ack' });
          } else if (m.type === 'counts' || m.type === 'closed') counts = m.counts as ReceiverCounts;
          else if (m.type === 'dropLog') sink.dropLog(m.source as string, m.reason as string, m.detail as string);
          else if (m.type === 'v3seen') sink.v3Seen?.(m.seen as V3Seen);
          else if (m.type === 'started')
            resolve({
              address: m.address as string,
              port: m.port as number,
              recvBufferBytes: m.recvBufferBytes as number,
            });
          else if (m.type === 'error') {
            reject(new ListenError(m.code as string, m.message as string));
            void w.terminate();
          }
        });
        w.on('error', (err) => reject(err));
      });
    },
    counts: () => counts,
    reconfigure(configs, mibs) {
      worker?.postMessage({ type: 'reconfigure', configs, mibs });
    },
    close() {
      const w = worker;
      if (!w || exited) return Promise.resolve();
      closed ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => void w.terminate().then(() => resolve()), 2000);
        w.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        w.postMessage({ type: 'close' });
      });
      return closed;
    },
  };
}
