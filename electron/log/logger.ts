import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  readonly file: string | null;
}

/** Keys whose values never reach a log line, whatever a caller passes. */
const SECRET_KEY = /pass(word)?|secret|token|key|credential|authorization|cookie/i;

export function redact(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (SECRET_KEY.test(k)) out[k] = v === undefined || v === '' ? v : '[redacted]';
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = redact(v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

/**
 * Main's application log: one line per entry, appended synchronously (entries are rare
 * and must survive a crash). The file is <userData>/logs/console.log unless /logfile:
 * overrides it (seed 001, Agent parameters). Secrets are redacted by key name.
 */
export function createLogger(file: string | null, options: { echo?: boolean; minLevel?: LogLevel } = {}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(options.minLevel ?? 'info');
  if (file) mkdirSync(dirname(file), { recursive: true });
  const write = (level: LogLevel, msg: string, data?: Record<string, unknown>) => {
    if (order.indexOf(level) < min) return;
    const line =
      `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ` +
      `${msg}${data ? ' ' + JSON.stringify(redact(data)) : ''}\n`;
    if (file) {
      try {
        appendFileSync(file, line);
      } catch {
        // A full disk or a locked file must not take the console down.
      }
    }
    if (options.echo && level !== 'debug') process.stderr.write(line);
  };
  return {
    file,
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
