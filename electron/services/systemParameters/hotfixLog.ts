import { createHash } from 'node:crypto';
import { allowedLogFolders, declareLogSource, requireHostAdmin } from '../logs';
import { ServiceError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { systemParametersService as Contract } from '../../contract';
import type { ServiceDeps } from '../deps';

/** The manual's LOG FILE of MICCEHOTFIXINSTALLER. */
export const HOTFIX_LOG_MANUAL_PATH =
  '%USERPROFILE%\\AppData\\Local\\Mitel\\MiCC Enterprise\\MiCCEHotFixInstaller\\MiCCEHotFixInstaller.log';

/**
 * That path on this computer: %USERPROFILE% expanded on Windows; elsewhere (browser mode on a
 * Linux or macOS machine, where a collector gathers the MiCC logs) under /var/log/micc, the
 * default allowed log folder there.
 */
export function hotfixLogPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform !== 'win32') return '/var/log/micc/MiCCEHotFixInstaller/MiCCEHotFixInstaller.log';
  const profile = env.USERPROFILE ?? 'C:\\Users\\Default';
  return HOTFIX_LOG_MANUAL_PATH.replace('%USERPROFILE%', profile.replace(/[\\/]+$/, ''));
}

const inside = (file: string, folder: string, win: boolean) => {
  const norm = (p: string) => (win ? p.replace(/\//g, '\\').toLowerCase() : p);
  const f = norm(folder).replace(/[\\/]+$/, '');
  const sep = win ? '\\' : '/';
  return norm(file).startsWith(f + sep);
};

/** The hotfix installer's log: where it is, and following it in Logs as a file source. */
export function createHotfixImpl(
  deps: ServiceDeps,
  platform: NodeJS.Platform = process.platform,
): Pick<ServiceImpl<typeof Contract>, 'getHotfixLog' | 'followHotfixLog'> {
  return {
    getHotfixLog: async () => ({ manualPath: HOTFIX_LOG_MANUAL_PATH, path: hotfixLogPath(platform), platform }),
    async followHotfixLog(_args, ctx) {
      requireHostAdmin(ctx, 'log sources');
      const path = hotfixLogPath(platform);
      const folders = allowedLogFolders(deps.userDataDir);
      if (!folders.some((f) => inside(path, f, platform === 'win32')))
        throw new ServiceError(
          'FORBIDDEN',
          `${path} is outside the folders log files may be followed in ` +
            `(Logs › Allowed folders: ${folders.join(', ')}).`,
          'path',
        );
      const id = `hotfix-${createHash('sha256').update(path).digest('hex').slice(0, 12)}`;
      declareLogSource(
        deps.userDataDir,
        { id, name: 'MiCCEHotFixInstaller', path, component: 'MiCCEHotFixInstaller' },
        false,
      );
      return { id, path };
    },
  };
}
