// better-sqlite3 is a native module: built for Node's ABI by `npm ci`, it cannot load in
// Electron (another NODE_MODULE_VERSION), and the reverse. One node_modules serves both run
// modes, so before starting either we make sure it is built for the runtime about to use
// it, and remember which in a marker file.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const marker = join(dirname(require.resolve('better-sqlite3/package.json')), '.ccm-abi');
const current = () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim() : `node-${process.versions.modules}`);

/** @param {'node' | 'electron'} runtime */
export function ensureNativeAbi(runtime, root) {
  const abiFile = () => join(dirname(require.resolve('electron/package.json')), 'abi_version');
  const want =
    runtime === 'node' ? `node-${process.versions.modules}` : `electron-${readFileSync(abiFile(), 'utf8').trim()}`;
  if (current() === want) return;
  console.log(
    runtime === 'node'
      ? 'Rebuilding better-sqlite3 for Node…'
      : 'Rebuilding better-sqlite3 for Electron (first Electron start)…',
  );
  if (runtime === 'node') execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
  else execFileSync('npx', ['electron-builder', 'install-app-deps'], { cwd: root, stdio: 'inherit' });
  writeFileSync(marker, want);
}
