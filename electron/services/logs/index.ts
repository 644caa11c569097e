import { DEMO_PROFILE_ID, type ProfilesStore } from '../data';
import type { Logger } from '../../log/logger';
import { defineFeature } from '../feature';
import type { BusEmitter } from '../../ipc/events';
import { LogsRuntime } from './logsRuntime';
import { defaultLogFolders, SourcesFile } from './sourcesFile';

export { LogsRuntime, requireHostAdmin } from './logsRuntime';

/** The running logs runtime of each user-data folder, for features that declare a file they write (declare). */
const running = new Map<string, LogsRuntime>();
/** The folders file log sources may be in (Logs › Allowed folders), as a host administrator set them. */
export function allowedLogFolders(userDataDir: string): string[] {
  const r = running.get(userDataDir);
  if (r) return r.allowed().folders;
  return new SourcesFile(userDataDir).read().allowedFolders ?? defaultLogFolders();
}
/** Shows a file another feature writes as a log source (see LogsRuntime.declare). */
export function declareLogSource(
  userDataDir: string,
  spec: { id: string; name: string; path: string; component: string },
  ownLogsFolder: boolean,
): void {
  running.get(userDataDir)?.declare(spec, ownLogsFolder);
}

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
    running.set(userDataDir, logs);
    return {
      impl: logs.impl(),
      dispose: () => {
        if (running.get(userDataDir) === logs) running.delete(userDataDir);
        return logs.dispose();
      },
    };
  },
});
