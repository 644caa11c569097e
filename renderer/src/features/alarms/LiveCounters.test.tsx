import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { AlarmListenerStatus } from '../../../../electron/contract/services/alarms';
import { alarmKeys } from './data';
import { LiveCounters } from './LiveCounters';

// The counters come from the query cache here; no transport to main is needed (or available in node).
vi.mock('../../api/client', () => ({ ccm: {}, unwrap: (x: unknown) => x }));

const status = (dropped: Record<string, number>): AlarmListenerStatus => ({
  state: 'listening',
  address: '127.0.0.1',
  port: 162,
  message: null,
  recvBufferBytes: 4 << 20,
  demo: false,
  counters: { received: 120, decoded: 100, stored: 90, queued: 0, dropped, rate: [1, 2, 3] },
});

const render = (s: AlarmListenerStatus) => {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  qc.setQueryData(alarmKeys.status, s);
  return renderToStaticMarkup(
    <QueryClientProvider client={qc}>
      <LiveCounters />
    </QueryClientProvider>,
  )
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
};

describe('the listener counters', () => {
  it('say in words why packets were dropped, never the internal reason codes', () => {
    const text = render(
      status({
        'bad-length': 1,
        truncated: 2,
        'wrong-version': 3,
        'bad-value': 4,
        'not-ber': 5,
        'security-level': 6,
        'unknown-user': 7,
        'auth-failure': 8,
        'decrypt-failure': 9,
        'not-in-time-window': 10,
        replayed: 11,
        ignored: 12,
      }),
    );
    for (const words of [
      'length error 1',
      'truncated 2',
      'unsupported version 3',
      'bad value 4',
      'not BER 5',
      'security level 6',
      'unknown user 7',
      'wrong digest 8',
      'decryption failed 9',
      'not in time window 10',
      'replay 11',
      'ignored by configuration 12',
    ])
      expect(text).toContain(words);
    for (const code of ['bad-length', 'not-in-time-window', 'auth-failure', 'decrypt-failure', 'replayed'])
      expect(text).not.toContain(code);
    // "Ignored" is not a drop: the total counts the rest.
    expect(text).toContain(`Dropped ${(66).toLocaleString()}`);
  });

  it('a reason it has no words for is shown as it came, not hidden', () => {
    expect(render(status({ 'something-new': 2 }))).toContain('something-new 2');
  });
});
