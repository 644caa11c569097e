import { describe, expect, it } from 'vitest';
import type { LogFilter } from '../../contract';
import { LogStore, type LogView } from './logStore';

// Issue 21, "log entries, not lines": continuation lines (stack traces, wrapped messages) belong
// to the entry that started them, so a severity or text filter keeps or drops the whole entry;
// time order across sources is kept; a line that arrives out of order is marked, not moved.

const MB = 1024 * 1024;
const T0 = new Date(2026, 10, 22, 10, 0, 0, 0).getTime();
const pad = (v: number, w = 2) => String(v).padStart(w, '0');
const stamp = (ms: number) => {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
};
const line = (ms: number, level: string, msg: string, component = 'cs.exe', thread = '1844') =>
  `${stamp(ms)} ${level} ${component} [${thread}] ${msg}`;
const filter = (f: Partial<LogFilter> = {}): LogFilter => ({ regex: false, caseSensitive: false, ...f });

const JAVA = [
  'java.lang.NullPointerException: Cannot invoke "Agent.getState()" because "agent" is null',
  '\tat com.micc.router.AgentRouter.route(AgentRouter.java:142)',
  '\tat com.micc.router.CallDispatcher.dispatch(CallDispatcher.java:88)',
  'Caused by: java.io.IOException: Broken pipe',
  '\t... 12 more',
];
const DOTNET = [
  'System.InvalidOperationException: Sequence contains no elements',
  '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
  '   at Micc.Cs.Queue.Dispatch(Call call) in C:\\src\\Cs\\Queue.cs:line 211',
  '--- End of stack trace from previous location ---',
];

function setup() {
  const store = new LogStore({ capacityBytes: 4 * MB });
  const java = store.sourceIndex('java');
  const net = store.sourceIndex('net');
  const feed = (src: number, lines: string[], recv = T0) =>
    store.append(src, Buffer.from(lines.join('\n') + '\n'), recv);
  const view = (f: Partial<LogFilter> = {}) => store.openView(`v-${Math.random()}`, store.compileFilter(filter(f)));
  const texts = (v: LogView) => store.window(v, 0, 1000).map((l) => l.text);
  return { store, java, net, feed, view, texts };
}

/** Two sources, each with an ERROR entry and its stack trace between INFO lines. */
function twoStackTraces() {
  const s = setup();
  s.feed(s.java, [
    line(T0, 'INFO', 'Routing call 1', 'router'),
    line(T0 + 10, 'ERROR', 'Routing call 2 failed', 'router'),
    ...JAVA,
    line(T0 + 30, 'INFO', 'Routing call 3', 'router'),
  ]);
  s.feed(s.net, [
    line(T0 + 5, 'DEBUG', 'Queue poll', 'cs.exe'),
    line(T0 + 20, 'ERROR', 'Dispatch failed', 'cs.exe'),
    ...DOTNET,
    line(T0 + 40, 'INFO', 'Queue poll', 'cs.exe'),
  ]);
  return s;
}

describe('log entries: continuation lines belong to the entry that started them', () => {
  it('a Java and a .NET stack trace under ERROR lines stay with them in the time order of both sources', () => {
    const s = twoStackTraces();
    expect(s.texts(s.view())).toEqual([
      line(T0, 'INFO', 'Routing call 1', 'router'),
      line(T0 + 5, 'DEBUG', 'Queue poll', 'cs.exe'),
      line(T0 + 10, 'ERROR', 'Routing call 2 failed', 'router'),
      ...JAVA,
      line(T0 + 20, 'ERROR', 'Dispatch failed', 'cs.exe'),
      ...DOTNET,
      line(T0 + 30, 'INFO', 'Routing call 3', 'router'),
      line(T0 + 40, 'INFO', 'Queue poll', 'cs.exe'),
    ]);
    const lines = s.store.window(s.view(), 0, 100);
    const trace = lines.filter((l) => l.continuation);
    expect(trace.map((l) => l.text)).toEqual([...JAVA, ...DOTNET]);
    // a continuation line has its entry's time (and is filtered by its severity, shown on the first line only)
    expect(trace.slice(0, JAVA.length).every((l) => l.time === T0 + 10 && l.severity === null)).toBe(true);
    expect(trace.slice(JAVA.length).every((l) => l.time === T0 + 20 && l.severity === null)).toBe(true);
    // "next error" goes from entry to entry, not through the stack trace
    const all = s.view();
    const first = s.store.find(all, 0, 'next', { severity: 0 })!;
    expect(s.store.find(all, first + 1, 'next', { severity: 0 })).toBe(first + 1 + JAVA.length);
  });

  it('the severity filter "error" keeps the whole entries: the ERROR lines with their stack traces', () => {
    const s = twoStackTraces();
    expect(s.texts(s.view({ severities: ['error'] }))).toEqual([
      line(T0 + 10, 'ERROR', 'Routing call 2 failed', 'router'),
      ...JAVA,
      line(T0 + 20, 'ERROR', 'Dispatch failed', 'cs.exe'),
      ...DOTNET,
    ]);
    // and a filter without errors drops them whole: no stray stack-trace lines
    expect(s.texts(s.view({ severities: ['info'] }))).toEqual([
      line(T0, 'INFO', 'Routing call 1', 'router'),
      line(T0 + 30, 'INFO', 'Routing call 3', 'router'),
      line(T0 + 40, 'INFO', 'Queue poll', 'cs.exe'),
    ]);
  });

  it('a text found only in a stack trace keeps its whole entry; one found in the first line keeps the trace', () => {
    const s = twoStackTraces();
    expect(s.texts(s.view({ include: 'broken pipe' }))).toEqual([
      line(T0 + 10, 'ERROR', 'Routing call 2 failed', 'router'),
      ...JAVA,
    ]);
    expect(s.texts(s.view({ include: 'dispatch failed' }))).toEqual([
      line(T0 + 20, 'ERROR', 'Dispatch failed', 'cs.exe'),
      ...DOTNET,
    ]);
    // regular expressions too, and with a severity filter that leaves few lines (the per-line path)
    expect(s.texts(s.view({ include: 'Queue\\.cs:line \\d+', regex: true, severities: ['error'] }))).toEqual([
      line(T0 + 20, 'ERROR', 'Dispatch failed', 'cs.exe'),
      ...DOTNET,
    ]);
  });

  it('filtering out a text of a stack trace drops the whole entry', () => {
    const s = twoStackTraces();
    const v = s.texts(s.view({ exclude: 'NullPointerException' }));
    expect(v).not.toContain(line(T0 + 10, 'ERROR', 'Routing call 2 failed', 'router'));
    expect(v.some((t) => JAVA.includes(t))).toBe(false);
    expect(v).toContain(line(T0 + 20, 'ERROR', 'Dispatch failed', 'cs.exe'));
    expect(v.filter((t) => DOTNET.includes(t))).toEqual(DOTNET);
  });

  it('an open view that follows new lines takes whole entries as they arrive', () => {
    const s = setup();
    const errors = s.view({ severities: ['error'] });
    const pipes = s.view({ include: 'broken pipe' });
    s.feed(s.java, [line(T0, 'INFO', 'start'), line(T0 + 10, 'ERROR', 'Routing call 2 failed', 'router'), ...JAVA]);
    s.feed(s.java, [line(T0 + 20, 'INFO', 'after')]);
    const entry = [line(T0 + 10, 'ERROR', 'Routing call 2 failed', 'router'), ...JAVA];
    expect(s.texts(errors)).toEqual(entry);
    expect(s.texts(pipes)).toEqual(entry);
  });

  it('export of a filtered view has the whole entries in time order', () => {
    const s = twoStackTraces();
    const v = s.view({ severities: ['error'] });
    const out = s.store.exportLines(v, { offset: 0, count: 1000 }, 1e9).text.toString('utf8');
    expect(out).toBe(
      [
        line(T0 + 10, 'ERROR', 'Routing call 2 failed', 'router'),
        ...JAVA,
        line(T0 + 20, 'ERROR', 'Dispatch failed', 'cs.exe'),
        ...DOTNET,
      ].join('\n') + '\n',
    );
  });

  it('a plain line long after the last structured line is its own entry (its own severity and time)', () => {
    const s = setup();
    s.feed(s.java, [line(T0, 'ERROR', 'boom')], T0);
    s.feed(s.java, ['later plain text'], T0 + 60_000);
    const [, plain] = s.store.window(s.view(), 0, 10);
    expect(plain).toMatchObject({ text: 'later plain text', continuation: false, severity: null });
    expect(s.texts(s.view({ severities: ['error'] }))).toEqual([line(T0, 'ERROR', 'boom')]);
  });
});

describe('log time order: a line that arrives out of order is marked, not moved', () => {
  it('stays after the line it arrived after (in view and export) and is marked; the sources stay merged by time', () => {
    const s = setup();
    s.feed(s.java, [line(T0 + 100, 'INFO', 'A1'), line(T0 + 50, 'WARN', 'A2 late'), line(T0 + 300, 'INFO', 'A3')]);
    s.feed(s.net, [line(T0 + 75, 'INFO', 'B1'), line(T0 + 200, 'INFO', 'B2')]);
    const v = s.view();
    const lines = s.store.window(v, 0, 10);
    expect(lines.map((l) => l.text)).toEqual([
      line(T0 + 75, 'INFO', 'B1'),
      line(T0 + 100, 'INFO', 'A1'),
      line(T0 + 50, 'WARN', 'A2 late'),
      line(T0 + 200, 'INFO', 'B2'),
      line(T0 + 300, 'INFO', 'A3'),
    ]);
    expect(lines.map((l) => l.outOfOrder)).toEqual([false, false, true, false, false]);
    // its own time is kept (shown as written), only its place follows its source's order
    expect(lines[2]!.time).toBe(T0 + 50);
    const out = s.store.exportLines(v, { offset: 0, count: 10 }, 1e9).text.toString('utf8').split('\n');
    expect(out.slice(0, 5)).toEqual(lines.map((l) => l.text));
  });
});
