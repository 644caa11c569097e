import { describe, expect, it } from 'vitest';
import { auditCsvName, formatDateTime, isoLocal } from './format';

describe('dates as the preferences say', () => {
  const at = new Date(2026, 0, 31, 14, 5, 9);
  it('ISO 8601 in local time', () => {
    expect(isoLocal(at)).toBe('2026-01-31 14:05:09');
    expect(formatDateTime(at.toISOString(), 'iso')).toBe('2026-01-31 14:05:09');
  });
  it('the locale’s format', () => {
    expect(formatDateTime(at.toISOString(), 'locale', 'en-US')).toBe(at.toLocaleString('en-US'));
  });
  it('empty for none, the text itself when it is not a date', () => {
    expect(formatDateTime(null, 'iso')).toBe('');
    expect(formatDateTime('yesterday', 'iso')).toBe('yesterday');
  });
  it('names the CSV file after the local time', () => {
    expect(auditCsvName(new Date(2026, 10, 2, 9, 7, 59))).toBe('audit-20261102-0907.csv');
  });
});
