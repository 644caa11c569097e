import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Contact Center Console';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives, so
 * browser mode and the desktop app share preferences and the demo database.
 * CCM_USER_DATA overrides it (tests, portable installs).
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CCM_USER_DATA) return env.CCM_USER_DATA;
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(appData, PRODUCT_NAME);
}
