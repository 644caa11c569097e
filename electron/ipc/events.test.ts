import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { service, type EventBatch } from '../contract';
import { EventBus, validatesEventsByDefault } from './events';

// The batching tests use a small contract of their own; the typing tests the application's.
const testContract = {
  alarms: service({ methods: {}, events: { trap: z.object({ i: z.number() }) } }),
  app: service({ methods: {}, events: { notice: z.object({ text: z.string() }) } }),
  logs: service({ methods: {}, events: { lines: z.number() } }),
  e: service({ methods: {}, events: { x: z.number() } }),
  a: service({ methods: {}, events: { b: z.number() } }),
};

afterEach(() => vi.useRealTimers());

describe('EventBus', () => {
  it('delivers many items as one batch per interval, grouped by event', () => {
    vi.useFakeTimers();
    const bus = new EventBus({ intervalMs: 50, contract: testContract });
    const batches: EventBatch[] = [];
    bus.addSink((b) => batches.push(b));
    for (let i = 0; i < 1000; i++) bus.emit('alarms.trap', { i });
    bus.emit('app.notice', { text: 'x' });
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(batches).toHaveLength(1);
    const traps = batches[0]!.events.find((e) => e.name === 'alarms.trap')!;
    expect(traps.items).toHaveLength(1000);
    expect(traps.items[999]).toEqual({ i: 999 });
    expect(batches[0]!.events.find((e) => e.name === 'app.notice')!.items).toHaveLength(1);
  });

  it('sends at most one message per interval to a sink, whatever the rate', () => {
    vi.useFakeTimers();
    const bus = new EventBus({ intervalMs: 50, contract: testContract });
    let messages = 0;
    bus.addSink(() => messages++);
    for (let ms = 0; ms < 1000; ms++) {
      bus.emit('logs.lines', ms);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(50);
    expect(messages).toBeLessThanOrEqual(21); // 1000 ms / 50 ms, plus the tail
    expect(messages).toBeGreaterThanOrEqual(19);
  });

  it('drops the oldest items beyond the queue cap and says how many', () => {
    vi.useFakeTimers();
    const bus = new EventBus({ intervalMs: 50, maxQueuedPerEvent: 10, contract: testContract });
    const batches: EventBatch[] = [];
    bus.addSink((b) => batches.push(b));
    for (let i = 0; i < 25; i++) bus.emit('e.x', i);
    vi.advanceTimersByTime(50);
    expect(batches[0]!.events[0]).toEqual({
      name: 'e.x',
      items: [15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
      dropped: 15,
    });
  });

  it('keeps delivering to the other sinks when one throws, and stops after removal', () => {
    vi.useFakeTimers();
    const bus = new EventBus({ intervalMs: 10, contract: testContract });
    let got = 0;
    bus.addSink(() => {
      throw new Error('window closed');
    });
    const remove = bus.addSink(() => got++);
    bus.emit('a.b', 1);
    vi.advanceTimersByTime(10);
    expect(got).toBe(1);
    remove();
    bus.emit('a.b', 2);
    vi.advanceTimersByTime(10);
    expect(got).toBe(1);
  });
});

describe('EventBus: typed from the contract, validated outside production', () => {
  it('validates in tests (NODE_ENV is not production)', () => {
    expect(validatesEventsByDefault()).toBe(true);
    const was = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(validatesEventsByDefault()).toBe(false);
    } finally {
      if (was === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = was;
    }
  });

  it('throws at the emit site for a payload that does not match the event schema', () => {
    vi.useFakeTimers();
    const bus = new EventBus();
    const batches: EventBatch[] = [];
    bus.addSink((b) => batches.push(b));
    // A cast gets past the types (as code built from untyped data would): the schema still catches it.
    expect(() => bus.emit('db.changed', { table: 'cc_user' } as never)).toThrow(
      /Event db\.changed does not match its schema: tenantId/,
    );
    expect(() => bus.emit('alarms.raised', { severity: 'loud', source: 's', message: 'm' } as never)).toThrow(
      /alarms\.raised.*severity/,
    );
    expect(() => bus.emit('nope.never' as never, {} as never)).toThrow(/Unknown event nope\.never/);
    bus.emit('db.changed', { table: 'cc_user', tenantId: 1, rowId: '2' });
    vi.advanceTimersByTime(50);
    expect(batches.flatMap((b) => b.events.map((e) => [e.name, e.items.length]))).toEqual([['db.changed', 1]]);
    bus.dispose();
  });

  it('does not check payloads when validation is off (production)', () => {
    const bus = new EventBus({ validate: false });
    expect(() => bus.emit('db.changed', { table: 'cc_user' } as never)).not.toThrow();
    bus.dispose();
  });

  it('types the name and the item from the contract (a wrong one does not compile)', () => {
    const bus = new EventBus({ validate: false });
    bus.emit('auth.changed', {});
    bus.emit('db.changed', { table: 'tenant', tenantId: null, rowId: null });
    // @ts-expect-error: no such event in the contract
    bus.emit('auth.chnaged', {});
    // @ts-expect-error: db.changed items name the table
    bus.emit('db.changed', { tenantId: 1, rowId: 1 });
    // @ts-expect-error: alarms.raised has no severity "loud"
    bus.emit('alarms.raised', { severity: 'loud', source: 's', message: 'm' });
    bus.dispose();
  });
});
