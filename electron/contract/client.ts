import type { z } from 'zod';
import type { MethodSpec, ServiceSpec } from './define';
import type { Envelope, EventBatch } from './envelope';

type ArgsOf<M> = M extends MethodSpec<infer A, z.ZodType> ? z.input<A> : never;
type ResultOf<M> = M extends MethodSpec<z.ZodType, infer R> ? z.output<R> : never;

/** A service as the renderer calls it: each method returns the envelope, never throws. */
export type ServiceClient<S extends ServiceSpec> = {
  [K in keyof S['methods']]: (args: ArgsOf<S['methods'][K]>) => Promise<Envelope<ResultOf<S['methods'][K]>>>;
};

/** Every event of a contract as "<service>.<event>". */
export type EventNames<C extends Record<string, ServiceSpec>> = {
  [S in keyof C & string]: `${S}.${keyof C[S]['events'] & string}`;
}[keyof C & string];

/** The schema of one event of a contract. */
export type EventSchema<C extends Record<string, ServiceSpec>, N extends string> = N extends `${infer S}.${infer E}`
  ? S extends keyof C
    ? E extends keyof C[S]['events']
      ? C[S]['events'][E]
      : never
    : never
  : never;

/** One item of an event as the renderer receives it. */
export type EventItem<C extends Record<string, ServiceSpec>, N extends string> = z.output<EventSchema<C, N>>;
/** One item of an event as main emits it. */
export type EventInput<C extends Record<string, ServiceSpec>, N extends string> = z.input<EventSchema<C, N>>;

export type EventListener<T> = (items: T[], dropped: number) => void;

export type CcmClient<C extends Record<string, ServiceSpec>> = { [S in keyof C]: ServiceClient<C[S]> } & {
  /** Subscribe to an event; the listener gets the items of each batch at once. Returns unsubscribe. */
  on<N extends EventNames<C>>(name: N, listener: EventListener<EventItem<C, N>>): () => void;
};

export interface Transport {
  invoke(service: string, method: string, args: unknown): Promise<Envelope<unknown>>;
  /** Receives every event batch; returns unsubscribe. */
  subscribe(listener: (batch: EventBatch) => void): () => void;
}

/**
 * Builds the typed client over a transport. Used by the preload (IPC) and by the
 * renderer in browser mode (HTTP + WebSocket), so both expose the same shape.
 */
export function buildClient<C extends Record<string, ServiceSpec>>(contract: C, transport: Transport): CcmClient<C> {
  const client: Record<string, unknown> = {};
  for (const [serviceName, spec] of Object.entries(contract)) {
    const methods: Record<string, (args: unknown) => Promise<Envelope<unknown>>> = {};
    for (const methodName of Object.keys(spec.methods)) {
      methods[methodName] = (args: unknown) => transport.invoke(serviceName, methodName, args ?? {});
    }
    client[serviceName] = methods;
  }
  const listeners = new Map<string, Set<EventListener<unknown>>>();
  let unsubscribeTransport: (() => void) | null = null;
  const onBatch = (batch: EventBatch) => {
    for (const group of batch.events) {
      for (const listener of listeners.get(group.name) ?? []) {
        try {
          listener(group.items, group.dropped);
        } catch (err) {
          console.error(`listener for ${group.name} failed`, err);
        }
      }
    }
  };
  client.on = (name: string, listener: EventListener<unknown>) => {
    const [serviceName, eventName] = name.split('.');
    if (!serviceName || !eventName || !(eventName in (contract[serviceName]?.events ?? {}))) {
      throw new Error(`Unknown event ${name}`);
    }
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    unsubscribeTransport ??= transport.subscribe(onBatch);
    return () => {
      set.delete(listener);
    };
  };
  return client as CcmClient<C>;
}
