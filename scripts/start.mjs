// `npm start`: the Electron window where its binary and a display exist, otherwise browser
// mode (one line saying why, then the URL). `npm start -- --browser` forces browser mode,
// `--port N` picks its port. Every other flag is handed to the console unchanged.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { electronBinary } from './electron-binary.mjs';
import { ensureNativeAbi } from './native-abi.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const forced = args.some((a) => /^(--browser|\/browser)$/i.test(a));
const electron = forced ? { ok: false } : electronBinary();

let child;
if (electron.ok) {
  ensureNativeAbi('electron', root);
  child = spawn(electron.path, [resolve(root, 'out/main/main.cjs'), ...args], { stdio: 'inherit' });
} else {
  ensureNativeAbi('node', root);
  const reason = forced ? '--browser was given' : `Electron cannot start: ${electron.reason}`;
  // browser.cjs checks the flags first, then says in one line why it runs in browser mode.
  child = spawn(process.execPath, [resolve(root, 'out/main/browser.cjs'), ...args], {
    stdio: 'inherit',
    env: { ...process.env, CCM_BROWSER_REASON: reason },
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
