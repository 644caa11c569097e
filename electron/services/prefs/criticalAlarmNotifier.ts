import type { EventBatch } from '../../contract';
import type { EventBus } from '../../ipc/events';
import type { PrefsStore } from './prefsStore';

export type ShowNotification = (title: string, body: string) => void;

/**
 * The desktop notification for a new Critical alarm in the Electron window (Preferences ›
 * "Critical alarms: desktop notification"). The renderer's own Notification permission is
 * denied there by design, so main shows it from the alarms.raised events it already sends; in
 * browser mode the page does (shell/nav/useCriticalAlarms.ts), and this shows nothing (no `show`:
 * main.ts injects ServiceDeps.desktop, electron/window/desktop.ts).
 * `listenerNotifies`: the listener's installation-wide "desktop notification" setting already
 * shows Critical and Major alarms, so this one stays quiet then (no second notification).
 */
export function startCriticalAlarmNotifier(
  bus: EventBus,
  prefs: PrefsStore,
  opts: { listenerNotifies: () => boolean; show?: ShowNotification },
): () => void {
  const show = opts.show;
  if (!show) return () => {};
  return bus.addSink((batch: EventBatch) => {
    for (const e of batch.events) {
      if (e.name !== 'alarms.raised') continue;
      const critical = (e.items as Array<{ severity: string; source: string; message: string }>).filter(
        (i) => i.severity === 'Critical',
      );
      if (critical.length === 0 || opts.listenerNotifies() || !prefs.read().value.alarmDesktop) continue;
      const first = critical[0]!;
      show(
        `Critical alarm from ${first.source}${critical.length > 1 ? ` (+${critical.length - 1} more)` : ''}`,
        first.message,
      );
    }
  });
}
