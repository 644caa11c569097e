/**
 * The only bridge between the sandboxed renderer and main: window.ccm, a typed client
 * built from the contract. Raw ipcRenderer is never exposed; every call goes to one
 * `ccm:<service>:<method>` channel where main validates and permission-checks it.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENTS_CHANNEL, buildClient, channelOf, contract, type Envelope, type EventBatch } from '../electron/contract';

const client = buildClient(contract, {
  async invoke(service, method, args): Promise<Envelope<unknown>> {
    try {
      return (await ipcRenderer.invoke(channelOf(service, method), args)) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `The call ${service}.${method} did not reach main.` } };
    }
  },
  subscribe(listener) {
    const handler = (_event: unknown, batch: EventBatch) => listener(batch);
    ipcRenderer.on(EVENTS_CHANNEL, handler);
    return () => {
      ipcRenderer.off(EVENTS_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld('ccm', client);
