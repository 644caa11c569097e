import { DEMO_PROFILE_ID } from '../data/profilesStore';
import type { ProfilesStore } from '../data/profilesStore';
import type { Logger } from '../../log/logger';
import { LogsRuntime } from './logsRuntime';

export { LogsRuntime, demoSources, requireHostAdmin } from './logsRuntime';
export { LogStore } from './logStore';

/**
 * The logs service as startCore registers it. With the embedded demo database selected at
 * start, the demo log server runs in-process and the demo sources are added on first run.
 */
export function startLogs(options: {
  userDataDir: string;
  bus: { emit(name: string, item: unknown): void };
  log: Logger;
  profiles: ProfilesStore;
}): LogsRuntime {
  const demo = options.profiles.selected()?.id === DEMO_PROFILE_ID;
  const databaseFiles = () => options.profiles.read().profiles.flatMap((p) => (p.engine === 'sqlite' ? [p.file] : []));
  return new LogsRuntime({ userDataDir: options.userDataDir, bus: options.bus, log: options.log, demo, databaseFiles });
}
