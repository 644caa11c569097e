import { describe, expect, it } from 'vitest';
import { actionErrorText, createConfirmQueue } from './confirmQueue';

const opts = (title: string) => ({ title, body: `${title}?`, confirmLabel: 'Delete', danger: true });

describe('confirm queue', () => {
  it('answers the promise with the button the user chose', async () => {
    const q = createConfirmQueue();
    const yes = q.ask(opts('a'));
    q.current()!.settle(true);
    expect(await yes).toBe(true);
    const no = q.ask(opts('b'));
    q.current()!.settle(false);
    expect(await no).toBe(false);
    expect(q.current()).toBeNull();
  });

  it('shows one request at a time, in order', async () => {
    const q = createConfirmQueue();
    const first = q.ask(opts('first'));
    const second = q.ask(opts('second'));
    expect(q.current()!.options.title).toBe('first');
    q.current()!.settle(false);
    expect(q.current()!.options.title).toBe('second');
    q.current()!.settle(true);
    expect([await first, await second]).toEqual([false, true]);
  });

  it('settles once: a second answer (Escape after Confirm) changes nothing', async () => {
    const q = createConfirmQueue();
    const p = q.ask(opts('a'));
    const r = q.current()!;
    r.settle(true);
    r.settle(false);
    expect(await p).toBe(true);
  });

  it('tells the host when the request changes, and cancelAll answers false', async () => {
    const q = createConfirmQueue();
    let calls = 0;
    const off = q.subscribe(() => calls++);
    const a = q.ask(opts('a'));
    const b = q.ask(opts('b'));
    q.cancelAll();
    expect([await a, await b]).toEqual([false, false]);
    expect(q.current()).toBeNull();
    expect(calls).toBe(4);
    off();
    void q.ask(opts('c'));
    expect(calls).toBe(4);
  });

  it('shows the error main answered, else a generic text', () => {
    expect(actionErrorText(new Error('The assignments changed meanwhile.'))).toBe('The assignments changed meanwhile.');
    expect(actionErrorText({ code: 'CONFLICT', message: 'Stale.' })).toBe('Stale.');
    expect(actionErrorText('x')).toBe('The action failed.');
  });
});
