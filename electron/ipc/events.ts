import {
  contract as appContract,
  describeZodError,
  type Contract,
  type EventBatch,
  type EventInput,
  type EventNames,
  type ServiceSpec,
} from '../contract';

export type BatchSink = (batch: EventBatch) => void;

export interface EventBusOptions<C extends Record<string, ServiceSpec> = Contract> {
  /** Minimum time between two batches to one sink; 50 ms caps it at 20 messages a second. */
  intervalMs?: number;
  /** Items kept per event name between flushes; older ones beyond this are dropped and counted. */
  maxQueuedPerEvent?: number;
  /** The contract whose events this bus carries (the application's; tests may pass their own). */
  contract?: C;
  /**
   * Check each item against its event's schema and throw on a wrong one. Default: on, except
   * in production (NODE_ENV=production, which the packaged Electron app sets): there the
   * types alone guard the emit sites, and a trap storm costs no parsing.
   */
  validate?: boolean;
}

/** Whether events are validated by default: in development and tests, not in production. */
export const validatesEventsByDefault = (): boolean => process.env.NODE_ENV !== 'production';

/**
 * Collects events from services and hands them to sinks (the Electron window, each
 * browser-mode WebSocket) in batches: one message per interval with every item since the
 * last one, grouped by event name — never one message per item, so a trap storm or a log
 * flood cannot swamp the renderer.
 */
export class EventBus<C extends Record<string, ServiceSpec> = Contract> {
  private readonly intervalMs: number;
  private readonly contract: Record<string, ServiceSpec>;
  private readonly validate: boolean;
  private readonly maxQueued: number;
  private readonly queues = new Map<string, { items: unknown[]; dropped: number }>();
  private readonly sinks = new Set<BatchSink>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: EventBusOptions<C> = {}) {
    this.intervalMs = options.intervalMs ?? 50;
    this.maxQueued = options.maxQueuedPerEvent ?? 10_000;
    this.contract = options.contract ?? appContract;
    this.validate = options.validate ?? validatesEventsByDefault();
  }

  /**
   * Queues one item of a contract event. The name and the item are typed from the contract's
   * event schemas (a wrong name or payload does not compile); outside production the item is
   * also checked against its schema at run time and a wrong one throws here, at the emit site.
   */
  emit<N extends EventNames<C>>(name: N, item: EventInput<C, N>): void {
    if (this.validate) this.check(name, item);
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = { items: [], dropped: 0 }));
    queue.items.push(item);
    if (queue.items.length > this.maxQueued) {
      queue.items.shift();
      queue.dropped++;
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  private check(name: string, item: unknown): void {
    const [service, event] = name.split('.');
    const events = service !== undefined && Object.hasOwn(this.contract, service) ? this.contract[service]!.events : {};
    const schema = event !== undefined && Object.hasOwn(events, event) ? events[event] : undefined;
    if (!schema) throw new Error(`Unknown event ${name}: the contract declares no such event.`);
    const parsed = schema.safeParse(item);
    if (!parsed.success)
      throw new Error(`Event ${name} does not match its schema: ${describeZodError(parsed.error).message}`);
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

/** What a producer needs of the bus: the typed `emit` (fakes in tests implement just this). */
export type BusEmitter<C extends Record<string, ServiceSpec> = Contract> = Pick<EventBus<C>, 'emit'>;
