import type { EventBatch } from '../../contract';
import type { EventBus } from '../../ipc/events';
import type { PrefsStore } from './prefsStore';

export type ShowNotification = (title: string, body: string) => void;

/**
 * The desktop notification for new alarms in the Electron window. The renderer's own
 * Notification permission is denied there by design, so main shows it from the alarms.raised
 * events it already sends; in browser mode the page does (shell/nav/useCriticalAlarms.ts), and
 * this shows nothing (no `show`: main.ts injects ServiceDeps.desktop, electron/window/desktop.ts).
 *
 * One notification per batch, and only while the user's preference (Preferences › "Critical
 * alarms: desktop notification") is on: it is the user's switch for every desktop notification
 * of alarms on this computer. Critical alarms always; Major ones too when the listener's
 * installation-wide "desktop notification" setting (`listenerNotifies`) asks for them. Before,
 * the listener's setting showed its own notification that the preference could not stop.
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
      const items = e.items as Array<{ severity: string; source: string; message: string }>;
      const critical = items.filter((i) => i.severity === 'Critical');
      const major = opts.listenerNotifies() ? items.filter((i) => i.severity === 'Major') : [];
      const shown = [...critical, ...major];
      if (shown.length === 0 || !prefs.read().value.alarmDesktop) continue;
      const first = shown[0]!;
      show(
        `${first.severity} alarm from ${first.source}${shown.length > 1 ? ` (+${shown.length - 1} more)` : ''}`,
        first.message,
      );
    }
  });
}
