/**
 * Command-line flags of the console (seed: "APPLICATION COMMAND LINE PARAMETERS").
 *
 * Accepted spellings, names case-insensitive: `/name:value` (seed style), `/name=value`,
 * `--name=value`, `--name:value`, and `--name value` (two arguments, `--` style only:
 * the seed never separates a value from its flag, and `/user John` is more likely a
 * mistake than an intent). Parsing stops at the first refusal, in argv order; the
 * /user–/password pairing is checked last.
 *
 * Passwords: no message or `flag` field ever contains the password value, nor an
 * argument that may be the rest of an unquoted password.
 */
import type { LaunchOptionsView } from '../contract/services/app';
import { findFlagSpec, HELP_ALIASES, VALID_FLAGS_LIST, type FlagSpec } from './flag-specs';
import { isIgnoredSwitch } from './ignored-switches';
import { checkPort, checkWebServer, stripQuotes } from './values';

export { splitCommandLine } from './split-command-line';
export { formatHostPort } from './values';
export { usage } from './usage';

export interface LaunchOptions {
  user?: string;
  password?: string;
  webServer?: { host: string; port: number };
  stdLogin: boolean;
  brokerName?: string;
  brokerPort?: number;
  tenantId?: string;
  reset: boolean;
  logFile?: string;
  browser: boolean;
  port?: number;
  help: boolean;
  /** /adsync: one user synchronization of every configured tenant, no window, then exit (AgentService /adsync). */
  adSync?: boolean;
  ignoredSwitches: string[];
}

export type ParseResult =
  { ok: true; options: LaunchOptions } | { ok: false; error: { flag: string; message: string } };

class Refusal extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

/** Splits `/name:value` / `--name=value` at the first `:` or `=`; names contain neither. */
function splitFlag(body: string): { name: string; value?: string } {
  const at = body.search(/[:=]/);
  return at < 0 ? { name: body } : { name: body.slice(0, at), value: body.slice(at + 1) };
}

/**
 * Whether `arg` would be read as a flag of its own; used so `--user --reset` reports a
 * missing value instead of logging in as "--reset", while `--logfile /tmp/x.log` still
 * takes the Unix path.
 */
function looksLikeFlag(arg: string): boolean {
  if (arg.startsWith('--') || HELP_ALIASES.has(arg.toLowerCase()) || isIgnoredSwitch(arg)) return true;
  return arg.startsWith('/') && findFlagSpec(splitFlag(arg.slice(1)).name.toLowerCase()) !== undefined;
}

const example = (prefix: string, spec: FlagSpec) =>
  `${prefix}${spec.name}${spec.placeholder ? `${prefix === '/' ? ':' : '='}${spec.placeholder}` : ''}`;

/**
 * The safer way to give the password: the environment variable CCM_PASSWORD, which
 * `ps` and npm's logs do not show (a `/password:` argument is visible to every user of the
 * machine in the process list). Used only with `/user:` and only when `/password:` is not
 * on the command line.
 */
export const PASSWORD_ENV = 'CCM_PASSWORD';

/**
 * Reads CCM_PASSWORD once and removes it from the environment, so nothing this process
 * starts (Electron's helper processes, a browser, a shell) inherits it.
 */
export function takeEnvPassword(env: Record<string, string | undefined> = process.env): string | undefined {
  const value = env[PASSWORD_ENV];
  delete env[PASSWORD_ENV];
  return value === undefined || value === '' ? undefined : value;
}

export function parseFlags(argv: readonly string[], extra: { envPassword?: string | undefined } = {}): ParseResult {
  const o: LaunchOptions = { stdLogin: false, reset: false, browser: false, help: false, ignoredSwitches: [] };
  // flag name → spelling first used, for duplicate and pairing messages
  const seen = new Map<string, string>();
  // the previous argument set the password, so a stray word after it may be its tail
  let afterPassword = false;

  try {
    for (let i = 0; i < argv.length; i++) {
      const raw = argv[i] ?? '';
      // A whole argument can arrive quoted, e.g. `"/logfile:C:\my log.txt"` via a shortcut.
      const arg = stripQuotes(raw);
      const followsPassword = afterPassword;
      afterPassword = false;

      // Empty arguments come from shortcuts/scripts with blank variables; harmless.
      if (arg.trim() === '') continue;
      if (isIgnoredSwitch(arg)) {
        o.ignoredSwitches.push(raw);
        continue;
      }

      let prefix: string;
      let name: string;
      let value: string | undefined;
      if (HELP_ALIASES.has(arg.toLowerCase())) {
        prefix = arg.slice(0, 1);
        name = 'help';
      } else if (arg.startsWith('--') || arg.startsWith('/')) {
        prefix = arg.startsWith('--') ? '--' : '/';
        ({ name, value } = splitFlag(arg.slice(prefix.length)));
      } else if (arg.startsWith('-')) {
        const dashed = splitFlag(arg).name;
        throw new Refusal(dashed, `Unknown flag ${dashed}. Valid flags: ${VALID_FLAGS_LIST}.`);
      } else {
        throw positional(arg, followsPassword);
      }

      const typed = HELP_ALIASES.has(arg.toLowerCase()) ? arg : prefix + name;
      const spec = findFlagSpec(name.toLowerCase());
      if (!spec) throw new Refusal(typed, `Unknown flag ${typed}. Valid flags: ${VALID_FLAGS_LIST}.`);

      const first = seen.get(spec.name);
      if (first !== undefined) {
        throw new Refusal(typed, `${typed} is given twice (first as ${first}); give it once.`);
      }
      seen.set(spec.name, typed);

      if (spec.kind === 'boolean') {
        if (value !== undefined) throw new Refusal(typed, `${typed} takes no value; give it as just ${typed}.`);
        setBoolean(o, spec.name);
        continue;
      }

      const next = argv[i + 1];
      if (value === undefined && prefix === '--' && next !== undefined && !looksLikeFlag(next)) {
        value = next;
        i++;
      }
      value = value === undefined ? '' : stripQuotes(value);
      if (value.trim() === '') {
        throw new Refusal(typed, `${typed} needs a value, e.g. ${example(prefix, spec)}.`);
      }
      setValue(o, spec, typed, value);
      afterPassword = spec.name === 'password';
    }
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: { flag: e.flag, message: e.message } };
    throw e;
  }

  // CCM_PASSWORD stands in for /password: (the command line wins when both are given).
  if (seen.has('user') && !seen.has('password') && extra.envPassword !== undefined) {
    o.password = extra.envPassword;
    seen.set('password', PASSWORD_ENV);
  }
  // Seed: "/user and /password must be passed together".
  const user = seen.get('user');
  const password = seen.get('password');
  if ((user === undefined) !== (password === undefined)) {
    const given = user ?? password ?? '';
    const missing = user === undefined ? '/user' : '/password';
    return {
      ok: false,
      error: {
        flag: given,
        message: `/user and /password must be given together: ${given} was given without ${missing}.`,
      },
    };
  }
  return { ok: true, options: o };
}

/**
 * A bare word. After a password it is likely the unquoted rest of that password, and
 * `password:secret` is a flag missing its slash: in both cases the text is not echoed.
 */
function positional(arg: string, followsPassword: boolean): Refusal {
  if (followsPassword) {
    return new Refusal(
      '/password',
      'Unexpected argument after /password (not shown); enclose a password that contains spaces in quotes.',
    );
  }
  const { name, value } = splitFlag(arg);
  if (value !== undefined && findFlagSpec(name.toLowerCase())) {
    return new Refusal(
      name,
      `Unexpected argument "${name}…" (value not shown): flags start with / or --, e.g. /${name.toLowerCase()}:….`,
    );
  }
  return new Refusal(
    arg,
    `Unexpected argument "${arg}": flags start with / or --, and values that contain spaces must be quoted.`,
  );
}

function setBoolean(o: LaunchOptions, name: string): void {
  if (name === 'stdlogin') o.stdLogin = true;
  else if (name === 'reset') o.reset = true;
  else if (name === 'browser') o.browser = true;
  else if (name === 'help') o.help = true;
  else if (name === 'adsync') o.adSync = true;
}

function setValue(o: LaunchOptions, spec: FlagSpec, typed: string, value: string): void {
  if (spec.kind === 'port') {
    const port = checkPort(value);
    if (!port.ok) throw new Refusal(typed, `${typed}: ${port.rule}.`);
    if (spec.name === 'brokerport') o.brokerPort = port.value;
    else o.port = port.value;
    return;
  }
  if (spec.kind === 'webServer') {
    const ws = checkWebServer(value);
    if (!ws.ok) throw new Refusal(typed, `${typed}: ${ws.rule}.`);
    o.webServer = ws.value;
    return;
  }
  if (spec.name === 'user') o.user = value;
  else if (spec.name === 'password') o.password = value;
  else if (spec.name === 'brokername') o.brokerName = value;
  else if (spec.name === 'tenantid') o.tenantId = value;
  else if (spec.name === 'logfile') o.logFile = value;
}

/** What the renderer may see: the password is reduced to whether one was given. */
export function toLaunchOptionsView(o: LaunchOptions): LaunchOptionsView {
  const view: LaunchOptionsView = {
    passwordGiven: o.password !== undefined,
    stdLogin: o.stdLogin,
    reset: o.reset,
    ignoredSwitches: [...o.ignoredSwitches],
  };
  // Absent rather than `undefined`, so the object round-trips through JSON/IPC unchanged.
  if (o.user !== undefined) view.user = o.user;
  if (o.webServer) view.webServer = { ...o.webServer };
  if (o.brokerName !== undefined) view.brokerName = o.brokerName;
  if (o.brokerPort !== undefined) view.brokerPort = o.brokerPort;
  if (o.tenantId !== undefined) view.tenantId = o.tenantId;
  if (o.logFile !== undefined) view.logFile = o.logFile;
  return view;
}
