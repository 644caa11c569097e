// One build for the three parts, with Vite: the renderer (React), main (two Node entries:
// the Electron main and the browser-mode host) and the sandboxed preload (a single
// CommonJS file with its imports bundled, as Electron's sandbox requires).
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const quiet = process.argv.includes('--quiet');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const logLevel = quiet ? 'warn' : 'info';
const define = { __CCM_VERSION__: JSON.stringify(pkg.version) };
// CCM_OUT lets parallel work build elsewhere than out/ (e2e fixtures read the same variable).
const out = process.env.CCM_OUT ? resolve(process.env.CCM_OUT) : resolve(root, 'out');

rmSync(out, { recursive: true, force: true });

const node = (name, input, bundleDeps) => ({
  configFile: false,
  root,
  logLevel,
  define,
  ssr: bundleDeps ? { noExternal: true, external: ['electron'] } : { external: ['electron'] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(out, name),
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input,
      external: ['electron', /^node:/],
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
});

await build(
  node(
    'main',
    {
      main: resolve(root, 'electron/main.ts'),
      browser: resolve(root, 'electron/host/browserMain.ts'),
      // Parses large response files off the main thread (issue 6); found next to main.cjs.
      responseFilesWorker: resolve(root, 'electron/services/responseFiles/worker.ts'),
      // Receives, decodes and maps SNMP traps off the main event loop (issue 8); found next to main.cjs.
      alarmsReceiver: resolve(root, 'electron/services/alarms/receiverWorker.ts'),
      // Reads an Active Directory group off the main event loop (user synchronization); found next to main.cjs.
      userSyncLdapWorker: resolve(root, 'electron/services/userSync/ldapWorker.ts'),
    },
    false,
  ),
);
if (process.argv.includes('--bench')) {
  // Benchmarks are built only for `npm run bench:*` and never packaged.
  await build(
    node(
      'bench',
      {
        db: resolve(root, 'scripts/bench/db.ts'),
        logs: resolve(root, 'scripts/bench/logs.ts'),
        'logs-ui': resolve(root, 'scripts/bench/logs-ui.ts'),
        responses: resolve(root, 'scripts/bench/responses.ts'),
        'users-ui': resolve(root, 'scripts/bench/users-ui.ts'),
        objectTags: resolve(root, 'scripts/bench/objectTags.ts'),
        dispatch: resolve(root, 'scripts/bench/dispatch.ts'),
        usersImport: resolve(root, 'scripts/bench/usersImport.ts'),
        traps: resolve(root, 'scripts/bench/traps.ts'),
        mail: resolve(root, 'scripts/bench/mail.ts'),
        userSync: resolve(root, 'scripts/bench/userSync.ts'),
        'graph-standin': resolve(root, 'scripts/bench/graphStandIn.ts'),
        genesys: resolve(root, 'scripts/bench/genesys.ts'),
        'genesys-standin': resolve(root, 'scripts/bench/genesysStandIn.ts'),
        start: resolve(root, 'scripts/bench/start.ts'),
      },
      false,
    ),
  );
}
if (process.argv.includes('--demo')) {
  // The standalone demo log source (`npm run demo:logs`); never packaged.
  await build(node('demo', { logs: resolve(root, 'scripts/demo/logServer.ts') }, false));
}
if (process.argv.includes('--send-trap')) {
  // The trap sender (`npm run send-trap -- …`, issue 8); never packaged.
  await build(node('tools', { 'send-trap': resolve(root, 'scripts/send-trap.ts') }, false));
}
await build(node('preload', { preload: resolve(root, 'preload/preload.ts') }, true));
await build({
  configFile: false,
  root: resolve(root, 'renderer'),
  base: './',
  logLevel,
  define,
  plugins: [react()],
  build: { outDir: resolve(out, 'renderer'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 4000 },
});
if (!quiet) console.log(`built into ${out}`);
