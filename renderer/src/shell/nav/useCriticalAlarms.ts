import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ccm, unwrap } from '../../api/client';
import { canRead } from '../../data/permissions';
import { useAuthStatus, usePrefs } from '../../data/queries';
import { registerDbTables } from '../../ui/kit/dbChanged';

/** Open Critical alarms: not cleared, not acknowledged. */
const FILTER = { severities: ['Critical' as const], ack: 'unacknowledged' as const };
const KEY = ['alarms', 'list', 'critical-count'] as const;
const BASE_TITLE = 'Contact Center Console';

/**
 * A new Critical alarm, noticed anywhere in the console (not only in the alarm browser):
 * the number of open Critical alarms for the Alarms navigation item, the same number in the
 * window title, and a desktop notification per new Critical alarm (in a browser, once the
 * user allowed notifications; the Electron window's come from main). Each follows its
 * preference. The count is re-read when main says alarms changed (at most a few times a
 * second) and when another console changes them.
 */
export function useCriticalAlarms(): { count: number; badge: boolean } {
  const qc = useQueryClient();
  const perms = useAuthStatus().data?.user?.permissions;
  const allowed = canRead(perms, 'alarms');
  const prefs = usePrefs().data?.value;
  const badge = prefs?.alarmBadge ?? true;
  const title = prefs?.alarmTitle ?? true;
  const desktop = prefs?.alarmDesktop ?? true;
  const count = useQuery({
    queryKey: KEY,
    queryFn: async () => (await unwrap(ccm.alarms.list({ filter: FILTER, limit: 1, offset: 0 }))).total,
    enabled: allowed,
  });
  const desktopRef = useRef(desktop);
  useEffect(() => {
    desktopRef.current = desktop;
  }, [desktop]);

  useEffect(() => {
    if (!allowed) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    // alarms.changed comes at most ~4/s; one count query a second is plenty.
    const reread = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: KEY });
      }, 1000);
    };
    const offChanged = ccm.on('alarms.changed', reread);
    // another console changed alarms: the same throttled re-read, through the one db.changed subscription
    const offDb = registerDbTables({ tables: ['alarm'], run: reread });
    const offRaised = ccm.on('alarms.raised', (items) => {
      const critical = items.filter((i) => i.severity === 'Critical');
      if (critical.length === 0 || !desktopRef.current) return;
      // The Electron window has window.ccm from the preload and gets main's notifications.
      if (
        (window as { ccm?: unknown }).ccm ||
        typeof Notification === 'undefined' ||
        Notification.permission !== 'granted'
      )
        return;
      const first = critical[0]!;
      try {
        new Notification(
          `Critical alarm from ${first.source}${critical.length > 1 ? ` (+${critical.length - 1} more)` : ''}`,
          { body: first.message, tag: 'ccm-critical-alarm' },
        );
      } catch {
        // not allowed here
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      offChanged();
      offDb();
      offRaised();
    };
  }, [allowed, qc]);

  const n = allowed ? (count.data ?? 0) : 0;
  useEffect(() => {
    document.title = title && n > 0 ? `(${n} Critical) ${BASE_TITLE}` : BASE_TITLE;
    // Signed out (the navigation goes away): the plain title again.
    return () => {
      document.title = BASE_TITLE;
    };
  }, [n, title]);
  return { count: n, badge };
}
