import { describe, expect, it } from 'vitest';
import { EMPTY_ALARM_FILTER, oneLine, toAlarmFilter } from './filterForm';

describe('alarm filter form', () => {
  it('leaves out empty fields and converts local times', () => {
    expect(toAlarmFilter(EMPTY_ALARM_FILTER)).toEqual({});
    const f = toAlarmFilter({ ...EMPTY_ALARM_FILTER, severities: ['Critical'], source: ' 10.20 ', text: 'OAS !reconnected', from: '2026-01-02T03:04', ack: 'unacknowledged', includeCleared: true });
    expect(f).toEqual({ severities: ['Critical'], source: '10.20', text: 'OAS !reconnected', from: new Date('2026-01-02T03:04').toISOString(), ack: 'unacknowledged', includeCleared: true });
  });
  it('shows control characters of a message instead of breaking the row', () => {
    expect(oneLine('Fail to connect to Broker.\r\n')).toBe('Fail to connect to Broker.');
    expect(oneLine('a\rb')).toBe('a\\rb');
    expect(oneLine('a\nb')).toBe('a\\nb');
  });
});
