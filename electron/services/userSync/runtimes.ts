import type { DataContext } from '../data';
import type { UserSyncRuntime } from './userSyncService';

const runtimes = new WeakMap<DataContext, UserSyncRuntime>();
/** The runtime of the console whose data context this is (a headless run, tests). */
export const userSyncRuntimeFor = (data: DataContext): UserSyncRuntime | undefined => runtimes.get(data);
export const registerRuntime = (data: DataContext, r: UserSyncRuntime) => void runtimes.set(data, r);
