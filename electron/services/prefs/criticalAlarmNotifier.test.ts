import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../ipc/events';
import { startCriticalAlarmNotifier } from './criticalAlarmNotifier';
import { DEFAULT_PREFERENCES, PrefsStore } from './prefsStore';

const setup = (listenerNotifies = false) => {
  const bus = new EventBus();
  const prefs = new PrefsStore(mkdtempSync(join(tmpdir(), 'ccm-notify-')));
  const shown: string[] = [];
  const stop = startCriticalAlarmNotifier(bus, prefs, {
    listenerNotifies: () => listenerNotifies,
    show: (t, b) => shown.push(`${t}: ${b}`),
  });
  const raise = (...items: Array<{ severity: string; source: string; message: string }>) => {
    for (const i of items) bus.emit('alarms.raised', i as never);
    bus.flush();
  };
  return { bus, prefs, shown, stop, raise };
};

describe('desktop notification for a new Critical alarm (Electron window)', () => {
  it('shows Critical alarms only, one notification per batch', () => {
    const { shown, raise } = setup();
    raise({ severity: 'Major', source: '10.20.1.11', message: 'Router Service lost connection to OAS.' });
    expect(shown).toEqual([]);
    raise(
      { severity: 'Critical', source: '10.20.2.31', message: 'Genesys Cloud connection lost.' },
      { severity: 'Critical', source: '10.20.2.32', message: 'x' },
    );
    expect(shown).toEqual(['Critical alarm from 10.20.2.31 (+1 more): Genesys Cloud connection lost.']);
  });
  it('follows the preference', () => {
    const { prefs, shown, raise } = setup();
    prefs.save(0, { ...DEFAULT_PREFERENCES, alarmDesktop: false });
    raise({ severity: 'Critical', source: 'a', message: 'b' });
    expect(shown).toEqual([]);
  });
  it('with the listener’s desktop notification on: Major alarms too, Criticals first, still one notification', () => {
    const { shown, raise } = setup(true);
    raise({ severity: 'Major', source: 'm', message: 'major' }, { severity: 'Critical', source: 'a', message: 'b' });
    expect(shown).toEqual(['Critical alarm from a (+1 more): b']);
    raise({ severity: 'Major', source: 'm', message: 'major' });
    expect(shown).toEqual(['Critical alarm from a (+1 more): b', 'Major alarm from m: major']);
  });
  it('the user’s preference off stops them even when the listener’s desktop notification is on', () => {
    const { prefs, shown, raise } = setup(true);
    prefs.save(0, { ...DEFAULT_PREFERENCES, alarmDesktop: false });
    raise({ severity: 'Critical', source: 'a', message: 'b' }, { severity: 'Major', source: 'm', message: 'x' });
    expect(shown).toEqual([]);
  });
  it('stops with the console', () => {
    const { shown, raise, stop } = setup();
    stop();
    raise({ severity: 'Critical', source: 'a', message: 'b' });
    expect(shown).toEqual([]);
  });
});
