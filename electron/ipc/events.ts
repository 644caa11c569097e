import type { EventBatch } from '../contract';

export type BatchSink = (batch: EventBatch) => void;

export interface EventBusOptions {
  /** Minimum time between two batches to one sink; 50 ms caps it at 20 messages a second. */
  intervalMs?: number;
  /** Items kept per event name between flushes; older ones beyond this are dropped and counted. */
  maxQueuedPerEvent?: number;
}

/**
 * Collects events from services and hands them to sinks (the Electron window, each
 * browser-mode WebSocket) in batches: one message per interval with every item since the
 * last one, grouped by event name — never one message per item, so a trap storm or a log
 * flood cannot swamp the renderer.
 */
export class EventBus {
  private readonly intervalMs: number;
  private readonly maxQueued: number;
  private readonly queues = new Map<string, { items: unknown[]; dropped: number }>();
  private readonly sinks = new Set<BatchSink>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: EventBusOptions = {}) {
    this.intervalMs = options.intervalMs ?? 50;
    this.maxQueued = options.maxQueuedPerEvent ?? 10_000;
  }

  emit(name: string, item: unknown): void {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = { items: [], dropped: 0 }));
    queue.items.push(item);
    if (queue.items.length > this.maxQueued) {
      queue.items.shift();
      queue.dropped++;
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  addSink(sink: BatchSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Sends what is queued now (also used at shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queues.size === 0) return;
    const batch: EventBatch = {
      events: [...this.queues].map(([name, q]) => ({ name, items: q.items, dropped: q.dropped })),
    };
    this.queues.clear();
    for (const sink of this.sinks) {
      try {
        sink(batch);
      } catch {
        // A closed window or socket must not stop the others from getting the batch.
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queues.clear();
    this.sinks.clear();
  }
}
