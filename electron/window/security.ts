import { app, session, shell } from 'electron';
import { isAppUrl } from './appProtocol';
import { isSafeExternalUrl } from './externalUrl';

/**
 * Process-wide hardening, applied once before any window exists:
 * - every permission request (camera, notifications, geolocation …) is denied;
 * - no request leaves the app: only app:// (our renderer) and devtools are loaded;
 * - no navigation, no new windows, no <webview>; https/mailto links go to the OS.
 */
export function hardenSessionAndContents(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url) || details.url.startsWith('devtools://');
    callback({ cancel: !allowed });
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
