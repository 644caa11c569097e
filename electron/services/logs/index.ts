import { DEMO_PROFILE_ID, type ProfilesStore } from '../data';
import type { Logger } from '../../log/logger';
import { defineFeature } from '../feature';
import type { BusEmitter } from '../../ipc/events';
import { LogsRuntime } from './logsRuntime';

export { LogsRuntime, requireHostAdmin } from './logsRuntime';

/**
 * The logs service as startCore registers it. With the embedded demo database selected at
 * start, the demo log server runs in-process and the demo sources are added on first run.
 */
function startLogs(options: {
  userDataDir: string;
  bus: BusEmitter;
  log: Logger;
  profiles: ProfilesStore;
}): LogsRuntime {
  const demo = options.profiles.selected()?.id === DEMO_PROFILE_ID;
  const databaseFiles = () => options.profiles.read().profiles.flatMap((p) => (p.engine === 'sqlite' ? [p.file] : []));
  return new LogsRuntime({ userDataDir: options.userDataDir, bus: options.bus, log: options.log, demo, databaseFiles });
}

/** The log viewer: sources, the ring, views, find and export. No database tables. */
export const logsFeature = defineFeature({
  name: 'logs',
  start: ({ userDataDir, bus, log, profiles }) => {
    const logs = startLogs({ userDataDir, bus, log, profiles });
    return { impl: logs.impl(), dispose: () => logs.dispose() };
  },
});
