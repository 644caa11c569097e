/**
 * npm run demo:logs — the demo log source on its own: one TCP port per MiCC Enterprise
 * component on 127.0.0.1, serving SocketManager-style lines (docs/LOG-PROTOCOL.md).
 *
 *   --port N   first port (default 47301, the ports the demo sources use; 0 = any free ports)
 *   --rate N   lines a second per connection (default 3)
 *
 * The console starts the same server in-process when it runs on the embedded demo
 * database; run this one to feed a console on another database, or with --port 0 next to it.
 */
import { DEMO_BASE_PORT, startDemoLogServer } from '../../electron/services/logs/demoLogServer';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} needs a number`);
    process.exit(2);
  }
  return value;
}

const basePort = option('--port', DEMO_BASE_PORT);
const rate = option('--rate', 3);

startDemoLogServer({ basePort, linesPerSecond: rate }).then(
  (server) => {
    console.log(`Demo log source (${rate} lines/s per connection), Ctrl+C to stop:`);
    for (const e of server.endpoints)
      console.log(`  ${e.component.padEnd(18)} ${e.description.padEnd(24)} ${e.host}:${e.port}`);
    const keepAlive = setInterval(() => {}, 1 << 30);
    const stop = () => {
      clearInterval(keepAlive);
      void server.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (err: NodeJS.ErrnoException) => {
    console.error(
      err.code === 'EADDRINUSE'
        ? `A port from ${basePort} on is in use (is the console already serving demo logs?). Try --port 0.`
        : `Cannot start: ${err.message}`,
    );
    process.exit(1);
  },
);
