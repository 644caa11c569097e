import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { PRODUCT_NAME } from '../paths';
import { APP_ORIGIN_URL } from './appProtocol';

export function createMainWindow(onDirtyClose: () => void): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The renderer's beforeunload refuses to unload while a tab is dirty; instead of
  // Chromium's generic prompt, the renderer shows Save / Don't Save / Cancel itself.
  win.webContents.on('will-prevent-unload', () => onDirtyClose());
  void win.loadURL(APP_ORIGIN_URL);
  return win;
}
