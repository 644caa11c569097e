import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The Electron window's desktop notifications (main's DesktopPort), through the real listener,
// writer, runtime and the preference notifier.
describe('desktop notifications of new alarms follow the user’s preference', () => {
  let c: TestConsole;
  const shown: string[] = [];
  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite'), [], { desktop: { notify: (t, b) => shown.push(`${t}: ${b}`) } });
    await signIn(c, 'admin', 'Admin#2026');
    const doc = (await c.call('alarms', 'settings')).value;
    // The listener's own "desktop notification" setting on (Critical and Major).
    const saved = await c.call('alarms', 'saveSettings', {
      expectedVersion: doc.version,
      settings: { ...doc.settings, enabled: true, address: '127.0.0.1', port: 0, notifyDesktop: true },
    });
    expect(saved.error).toBeUndefined();
    await until(
      async () => (await c.call('alarms', 'status')).value.state,
      (s) => s === 'listening',
    );
  });
  afterAll(async () => {
    await c?.stop();
  });

  const openCritical = async () =>
    (
      await c.call('alarms', 'list', {
        filter: { severities: ['Critical'], source: '127.0.0.1' },
        limit: 10,
        offset: 0,
      })
    ).value.total;
  const lose = async (text: string) => {
    await c.call('alarms', 'sendTestTrap', { version: 'v2c', trapOid: '1.3.6.1.4.1.9999.0.47000', message: text });
    await until(openCritical, (n) => n === 1);
  };
  const restore = async () => {
    await c.call('alarms', 'sendTestTrap', { version: 'v2c', trapOid: '1.3.6.1.4.1.9999.0.47001', message: 'back' });
    await until(openCritical, (n) => n === 0);
  };

  it('preference off: no notification although the listener’s setting is on; on again: one', async () => {
    const prefs = (await c.call('prefs', 'get')).value;
    expect(
      (
        await c.call('prefs', 'save', {
          expectedVersion: prefs.version,
          value: { ...prefs.value, alarmDesktop: false },
        })
      ).error,
    ).toBeUndefined();
    await lose('Genesys Cloud connection lost (preference off).');
    // alarms.raised leaves with the next alarms.changed (≤ 250 ms) and events are batched: wait well past both.
    await until(
      async () => c.events('alarms.raised').length,
      (n) => n >= 1,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(shown).toEqual([]);

    await restore();
    const now = (await c.call('prefs', 'get')).value;
    await c.call('prefs', 'save', { expectedVersion: now.version, value: { ...now.value, alarmDesktop: true } });
    await lose('Genesys Cloud connection lost (preference on).');
    await until(
      async () => shown.length,
      (n) => n >= 1,
    );
    expect(shown).toEqual(['Critical alarm from 127.0.0.1: Genesys Cloud connection lost (preference on).']);
  });
});
