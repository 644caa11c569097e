import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../contract';
import { EventBus } from './events';

afterEach(() => vi.useRealTimers());

describe('EventBus', () => {
  it('delivers many items as one batch per interval, grouped by event', () => {
    vi.useFakeTimers();
    const bus = new EventBus({ intervalMs: 50 });
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
    const bus = new EventBus({ intervalMs: 50 });
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
    const bus = new EventBus({ intervalMs: 50, maxQueuedPerEvent: 10 });
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
    const bus = new EventBus({ intervalMs: 10 });
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
