import { BrowserWindow, session, shell, type Event } from 'electron';
import { isIdpPageUrl } from './idpPageUrl';

/**
 * Electron only (imported by main.ts, never by browser mode): how the desktop opens the
 * identity provider's page for the console's own sign-in (seed 001, "By default, an
 * internal Web browser is used … If this option is checked, the default Web browser …").
 *
 * The internal window is deliberately not the console's window: its own in-memory
 * session (partition 'sso-idp', so the default session's app://-only request filter does
 * not apply and the IdP's cookies never mix with the app's), sandboxed, no preload, no
 * Node, no permissions, no pop-ups. window/security.ts stops every web contents from
 * navigating off app://; the IdP's pages must navigate (login forms, redirects back to
 * the loopback listener), so this window's contents swap that guard for one that allows
 * https, and plain http only to this machine (isIdpPageUrl), in every frame.
 */
export function desktopIdpOpener(parent: () => BrowserWindow | null) {
  return (url: string, external: boolean, onClosed: () => void): (() => void) => {
    if (!isIdpPageUrl(url)) return () => {};
    const u = new URL(url);
    if (external) {
      void shell.openExternal(u.href);
      return () => {};
    }
    const ses = session.fromPartition('sso-idp');
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    const owner = parent();
    const win = new BrowserWindow({
      ...(owner ? { parent: owner } : {}),
      width: 520,
      height: 720,
      title: 'Sign in',
      autoHideMenuBar: true,
      webPreferences: {
        session: ses,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
      },
    });
    const contents = win.webContents;
    contents.removeAllListeners('will-navigate');
    contents.removeAllListeners('will-redirect');
    const guard = (e: Event, target: string) => {
      if (!isIdpPageUrl(target)) e.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    // Sub-frames too (will-navigate is the main frame only).
    contents.on('will-frame-navigate', (e) => guard(e, e.url));
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    let closedByUs = false;
    win.on('closed', () => {
      if (!closedByUs) onClosed();
    });
    void win.loadURL(u.href);
    return () => {
      closedByUs = true;
      if (!win.isDestroyed()) win.close();
    };
  };
}
