import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ANONYMOUS, EVENTS_CHANNEL, channelOf, type Principal } from '../contract';
import { isAppUrl } from '../window/appProtocol';
import type { EventBus } from './events';
import type { Router } from './router';
import { primaryAddress } from './workstationAddress';

/**
 * Only our own window's main frame may call: not a subframe, not a page that somehow got
 * loaded from elsewhere (Electron security checklist #17, validate the sender).
 */
function isTrustedSender(event: IpcMainInvokeEvent, window: () => WebContents | null): boolean {
  const frame = event.senderFrame;
  const contents = window();
  return !!frame && !!contents && event.sender === contents && frame === contents.mainFrame && isAppUrl(frame.url);
}

/** One `ipcMain.handle` channel per contract method (`ccm:<service>:<method>`). */
export function registerIpc(
  router: Router,
  bus: EventBus,
  window: () => WebContents | null,
  principal: () => Principal = () => ANONYMOUS,
) {
  for (const { service, method } of router.routes) {
    ipcMain.handle(channelOf(service, method), async (event, args: unknown) => {
      if (!isTrustedSender(event, window)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Refused: the call did not come from the console window.' },
        };
      }
      return router.call(service, method, args, { principal: principal(), origin: 'electron', host: primaryAddress() });
    });
  }
  bus.addSink((batch) => {
    const contents = window();
    if (contents && !contents.isDestroyed()) contents.send(EVENTS_CHANNEL, batch);
  });
}
