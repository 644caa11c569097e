// Finds out, without starting or downloading anything, whether Electron can run here.
// Electron 45's npm package fetches its binary from GitHub on the first require():
// where that is impossible we must not trigger it (it would print a stack trace).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** { ok: true, path } or { ok: false, reason } — reason is one line for the user. */
export function electronBinary(env = process.env, platform = process.platform) {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const rel = env.ELECTRON_OVERRIDE_DIST_PATH
    ? null
    : existsSync(pathFile)
      ? readFileSync(pathFile, 'utf8').trim()
      : null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, platform === 'win32' ? 'electron.exe' : 'electron')
    : rel
      ? join(pkgDir, 'dist', rel)
      : null;
  if (!binary || !existsSync(binary)) {
    return {
      ok: false,
      reason:
        'the Electron binary is not downloaded (Electron 45 fetches it from GitHub on first run; where GitHub is ' +
        'reachable, `npx install-electron` gets it)',
    };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { ok: true, path: binary };
}
