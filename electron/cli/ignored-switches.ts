/**
 * Switches meant for Chromium, Electron or Node rather than for the console. They reach
 * our argv when a user or a tool (debugger, installer, test runner) adds them; refusing
 * them would stop the app from starting, so they are recognised and set aside.
 * Anything else starting with `--` is an unknown flag, so a typo in one of our own
 * flags is still reported.
 */

const KNOWN: ReadonlySet<string> = new Set([
  // Chromium
  '--no-sandbox',
  '--no-zygote',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-proxy-server',
  '--headless',
  '--in-process-gpu',
  '--single-process',
  '--v',
  '--vmodule',
  '--log-level',
  '--log-file',
  '--lang',
  '--user-data-dir',
  '--remote-debugging-port',
  '--remote-debugging-address',
  '--remote-debugging-pipe',
  '--remote-allow-origins',
  '--js-flags',
  '--proxy-server',
  '--proxy-bypass-list',
  '--proxy-pac-url',
  '--host-rules',
  '--host-resolver-rules',
  '--auth-server-allowlist',
  '--auth-server-whitelist',
  '--auth-negotiate-delegate-allowlist',
  '--ignore-certificate-errors',
  '--ignore-gpu-blocklist',
  '--high-dpi-support',
  '--use-gl',
  '--use-angle',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy',
  '--allow-file-access-from-files',
  '--password-store', // Linux keyring choice; unrelated to /password
  '--gtk-version',
  '--class',
  '--type',
  '--field-trial-handle',
  '--original-process-start-time',
  // Node
  '--trace-warnings',
  '--trace-deprecation',
  '--trace-uncaught',
  '--unhandled-rejections',
  '--max-old-space-size',
  '--expose-gc',
  // electron-builder's NSIS installer relaunches the app with this after an update
  '--updated',
]);

/** Families too large to list one by one. */
const PREFIXES = ['--enable-', '--disable-', '--force-', '--ozone-', '--inspect', '--squirrel-'];

/** `arg` as typed; the switch name is compared without its `=value` and ignoring case. */
export function isIgnoredSwitch(arg: string): boolean {
  // macOS Finder adds a process serial number when launching from the Dock/Finder.
  if (arg.startsWith('-psn_')) return true;
  if (!arg.startsWith('--')) return false;
  const eq = arg.indexOf('=');
  const name = (eq < 0 ? arg : arg.slice(0, eq)).toLowerCase();
  return KNOWN.has(name) || PREFIXES.some((p) => name.startsWith(p));
}
