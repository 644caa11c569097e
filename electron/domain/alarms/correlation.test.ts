import { describe, expect, it } from 'vitest';
import { correlationKey, correlationPairs, matchOfKey } from './correlation';
import { DEFAULT_EVENT_CONFIGS } from './defaults';

describe('correlation rules in the event configuration', () => {
  it('reads the shipped pairs: Genesys 47001 clears 47000 (same source), linkUp clears linkDown (same ifIndex)', () => {
    const pairs = correlationPairs(DEFAULT_EVENT_CONFIGS.map((c, i) => ({ ...c, id: i + 1 })));
    expect(pairs.map((p) => [p.clears.oidPattern, p.cleared.oidPattern, p.match])).toEqual([
      ['1.3.6.1.4.1.*.0.47001', '1.3.6.1.4.1.*.0.47000', { on: 'source' }],
      ['1.3.6.1.6.3.1.1.5.4', '1.3.6.1.6.3.1.1.5.3', { on: 'varbind', position: 1 }],
    ]);
  });
  it('writes and reads back the two key shapes; anything else is a key of its own', () => {
    expect(correlationKey('1.2.3', { on: 'source' })).toBe('$A|1.2.3');
    expect(correlationKey('1.2.3', { on: 'varbind', position: 2 })).toBe('$A|1.2.3|$2');
    expect(matchOfKey('$A|1.2.3|$2')).toEqual({ on: 'varbind', position: 2 });
    expect(matchOfKey('$A|genesys-cloud')).toEqual({ on: 'source' });
    expect(matchOfKey('$O|x')).toBeNull();
  });
});
