/**
 * The heavy half of browser mode: main's services (the database connectors, the contract with its
 * schemas, every feature). browserMain.ts loads this module with import() after the host is already
 * listening, so Chromium fetches and parses the renderer while Node requires these (~0.6 s on a
 * 2-core machine) instead of after them.
 */
import { contract, maxBodyBytesOf } from '../contract';
import { startCore, type Core } from '../services';
import { runAdSync } from '../services/userSync';
import { gatedRouter } from './gate';
import type { HostCore } from './server';

export { startCore, runAdSync };

/** What the host serves from a started core: the contract behind the start-up gate, its events and its log. */
export function hostCoreOf(core: Core): HostCore {
  return {
    router: gatedRouter(core.router, core.ready),
    bus: core.bus,
    log: core.log,
    principal: () => core.principal(),
    maxBodyBytes: (service, method) => maxBodyBytesOf(contract, service, method),
  };
}
