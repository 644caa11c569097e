import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

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

/**
 * A file built next to the main bundle (out/main/<name>: the worker entries), or null when running from sources.
 * The code asking is often in a shared chunk (out/main/chunks/), whose __dirname is one folder down, so both
 * folders are looked in. Looking only in __dirname found nothing in the built console, which then quietly did
 * the workers' work on main.
 */
export function builtMainFile(name: string, dir: string = __dirname): string | null {
  for (const d of [dir, dirname(dir)]) {
    const file = join(d, name);
    if (existsSync(file)) return file;
  }
  return null;
}
