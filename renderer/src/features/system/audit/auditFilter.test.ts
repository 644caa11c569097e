import { describe, expect, it } from 'vitest';
import { EMPTY_AUDIT_FILTER, prettyJson, summarizeJson, toAuditFilter } from './auditFilter';

describe('audit filter bar → AuditFilter', () => {
  it('leaves blanks out', () => {
    expect(toAuditFilter(EMPTY_AUDIT_FILTER)).toEqual({});
    expect(toAuditFilter({ ...EMPTY_AUDIT_FILTER, actor: '  ', text: ' ' })).toEqual({});
  });

  it('keeps what was given, trimmed', () => {
    expect(
      toAuditFilter({
        ...EMPTY_AUDIT_FILTER,
        tenantId: '2',
        actor: ' admin ',
        action: 'lock',
        objectType: 'user',
        text: 'supervisor',
      }),
    ).toEqual({
      tenantId: 2,
      actor: 'admin',
      action: 'lock',
      objectType: 'user',
      text: 'supervisor',
    });
  });

  it('turns local days into an inclusive range of instants', () => {
    const f = toAuditFilter({ ...EMPTY_AUDIT_FILTER, from: '2026-03-01', to: '2026-03-02' });
    expect(f.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(f.to).toBe(new Date(new Date(2026, 2, 3).getTime() - 1).toISOString());
    expect(toAuditFilter({ ...EMPTY_AUDIT_FILTER, from: 'yesterday' })).toEqual({});
  });
});

describe('before / after', () => {
  it('summarizes an object in one line', () => {
    expect(summarizeJson('{"locked":true,"reason":"failed-attempts","failedAttempts":5}')).toBe(
      'locked: true, reason: failed-attempts, failedAttempts: 5',
    );
    expect(summarizeJson(null)).toBe('');
    expect(summarizeJson('not json')).toBe('not json');
    expect(summarizeJson('"text"')).toBe('text');
  });
  it('pretty-prints for the expanded row', () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('x')).toBe('x');
  });
});
