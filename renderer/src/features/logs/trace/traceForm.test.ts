import { describe, expect, it } from 'vitest';
import type { TraceSettings } from '../../../../../electron/contract';
import { describeMs, formWarnings, isTraceDirty, newExecutableRow, parseTraceForm, toTraceForm } from './traceForm';

const saved: TraceSettings = {
  seclogonws: { logLevel: 2, logonWsTimeoutMs: 30000 },
  secreportws: { logLevel: 2 },
  socketManager: { trace: 0, executables: [{ name: 'cs.exe', level: 0 }] },
  disableWsdl: false,
};

describe('trace levels form', () => {
  it('round-trips and is clean until something changes', () => {
    const f = toTraceForm(saved);
    expect(parseTraceForm(f)).toEqual({ ok: true, value: saved });
    expect(isTraceDirty(f, saved)).toBe(false);
    expect(isTraceDirty({ ...f, disableWsdl: true }, saved)).toBe(true);
    expect(isTraceDirty({ ...f, executables: [] }, saved)).toBe(true);
    expect(isTraceDirty({ ...f, trace: ' 0 ' }, saved)).toBe(false);
  });

  it('errors sit under the field path the contract names, in words', () => {
    const f = toTraceForm(saved);
    const bad = parseTraceForm({
      ...f,
      logonTimeoutMs: '',
      trace: '4294967296',
      executables: [newExecutableRow('cs', '1'), newExecutableRow('ts.exe', '-1'), newExecutableRow('TS.EXE', '2')],
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual({
      'seclogonws.logonWsTimeoutMs': 'Required: a whole number (0–4294967295)',
      'socketManager.trace': 'At most 4294967295 (a DWORD)',
      'socketManager.executables.0.name': 'An executable name such as cs.exe',
      'socketManager.executables.1.level': 'A whole number (0–4294967295)',
    });
    // the duplicate shows once the other rows are valid
    const dup = parseTraceForm({
      ...f,
      executables: [newExecutableRow('ts.exe', '1'), newExecutableRow('TS.EXE', '2')],
    });
    expect(!dup.ok && dup.errors).toEqual({
      'socketManager.executables.1.name': 'TS.EXE is listed twice (value names ignore case)',
    });
  });

  it('warns live, with the contract’s rule', () => {
    expect(formWarnings(toTraceForm(saved))).toEqual([]);
    const w = formWarnings({
      ...toTraceForm(saved),
      logonLogLevel: '3',
      executables: [newExecutableRow('cs.exe', '9')],
    });
    expect(w.map((x) => x.field)).toEqual(['seclogonws.logLevel', 'socketManager.executables.0.level']);
    expect(formWarnings({ ...toTraceForm(saved), trace: 'x' })).toEqual([]); // invalid: no warnings yet
  });

  it('describes the timeout in seconds', () => {
    expect(describeMs('30000')).toBe('30 seconds');
    expect(describeMs('1500')).toBe('1.5 seconds');
    expect(describeMs('1000')).toBe('1 second');
    expect(describeMs('250')).toBe('250 ms');
    expect(describeMs('x')).toBeNull();
  });
});
