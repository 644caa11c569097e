import { Notification } from 'electron';
import type { DesktopPort } from '../services/deps';

/** The Electron side of ServiceDeps.desktop: what services may do on the desktop, injected by main.ts. */
export const electronDesktop: DesktopPort = {
  notify(title, body) {
    try {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    } catch {
      // No notification service: the alarm browser, the navigation badge and the title still show it.
    }
  },
};
