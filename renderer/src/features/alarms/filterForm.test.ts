import { describe, expect, it } from 'vitest';
import { EMPTY_ALARM_FILTER, oneLine, toAlarmFilter } from './filterForm';

describe('alarm filter form', () => {
  it('leaves out empty fields and converts local times', () => {
    expect(toAlarmFilter(EMPTY_ALARM_FILTER)).toEqual({});
    const f = toAlarmFilter({
      ...EMPTY_ALARM_FILTER,
      severities: ['Critical'],
      source: ' 10.20 ',
      text: 'OAS !reconnected',
      from: '2026-01-02T03:04',
      ack: 'unacknowledged',
      includeCleared: true,
    });
    expect(f).toEqual({
      severities: ['Critical'],
      source: '10.20',
      text: 'OAS !reconnected',
      from: new Date('2026-01-02T03:04').toISOString(),
      ack: 'unacknowledged',
      includeCleared: true,
    });
  });
  it('shows control characters of a message instead of breaking the row', () => {
    expect(oneLine('Fail to connect to Broker.\r\n')).toBe('Fail to connect to Broker.');
    expect(oneLine('a\rb')).toBe('a\\rb');
    expect(oneLine('a\nb')).toBe('a\\nb');
  });
});

describe('time presets', () => {
  const now = new Date('2026-03-04T10:20:30.500Z').getTime();
  it('are "from now minus the span", now rounded down to the minute', () => {
    expect(toAlarmFilter({ ...EMPTY_ALARM_FILTER, preset: '15m' }, now)).toEqual({ from: '2026-03-04T10:05:00.000Z' });
    expect(toAlarmFilter({ ...EMPTY_ALARM_FILTER, preset: '1h' }, now)).toEqual({ from: '2026-03-04T09:20:00.000Z' });
    expect(toAlarmFilter({ ...EMPTY_ALARM_FILTER, preset: '24h' }, now)).toEqual({ from: '2026-03-03T10:20:00.000Z' });
    expect(toAlarmFilter({ ...EMPTY_ALARM_FILTER, preset: '7d' }, now)).toEqual({ from: '2026-02-25T10:20:00.000Z' });
  });
  it('keep the filter (a query key) the same within a minute', () => {
    const a = toAlarmFilter({ ...EMPTY_ALARM_FILTER, preset: '15m' }, now);
    const b = toAlarmFilter({ ...EMPTY_ALARM_FILTER, preset: '15m' }, now + 20_000);
    expect(a).toEqual(b);
  });
  it('a preset wins over From/To; a custom range uses them', () => {
    expect(toAlarmFilter({ ...EMPTY_ALARM_FILTER, preset: '1h', from: '2020-01-01T00:00' }, now).from).toBe(
      '2026-03-04T09:20:00.000Z',
    );
    expect(toAlarmFilter({ ...EMPTY_ALARM_FILTER, preset: 'custom', from: '2026-01-02T03:04' }, now)).toEqual({
      from: new Date('2026-01-02T03:04').toISOString(),
    });
  });
});
