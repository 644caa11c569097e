/**
 * The console's own command-line flags: one table shared by the parser and the usage
 * text, so the two cannot drift apart. Meanings follow the seed's "APPLICATION COMMAND
 * LINE PARAMETERS" section; the last three are the console's own.
 */

export type FlagKind = 'string' | 'port' | 'webServer' | 'boolean';

export interface FlagSpec {
  /** Lower-case name, without prefix. */
  readonly name: string;
  readonly kind: FlagKind;
  /** Placeholder shown in usage, e.g. `<LoginID>`; absent for booleans. */
  readonly placeholder?: string;
  /** One line. */
  readonly meaning: string;
  /** The console's own flags (not in the seed) are shown in the `--name` style. */
  readonly own?: true;
}

export const FLAG_SPECS: readonly FlagSpec[] = [
  { name: 'user', kind: 'string', placeholder: '<LoginID>', meaning: 'User logon ID (give together with /password).' },
  { name: 'password', kind: 'string', placeholder: '<Password>', meaning: 'User password (give together with /user).' },
  {
    name: 'webserver',
    kind: 'webServer',
    placeholder: '<WebServer[:Port]>',
    meaning: 'Overrides the Web server and port; the port defaults to 80.',
  },
  {
    name: 'stdlogin',
    kind: 'boolean',
    meaning: 'Forces conventional login with login ID and password, bypassing single sign-on.',
  },
  {
    name: 'brokername',
    kind: 'string',
    placeholder: '<ServerName>',
    meaning: 'Name of the machine where the Broker service is located.',
  },
  { name: 'brokerport', kind: 'port', placeholder: '<Port>', meaning: 'Port used to connect to the Broker service.' },
  {
    name: 'tenantid',
    kind: 'string',
    placeholder: '<TenantID>',
    meaning: 'ID of the tenant to use; overrides the configured tenant (NOC server).',
  },
  { name: 'reset', kind: 'boolean', meaning: 'Resets all user preferences.' },
  {
    name: 'adsync',
    kind: 'boolean',
    meaning:
      'Runs one user synchronization of every configured tenant without opening a window, then exits ' +
      '(0: all succeeded).',
  },
  {
    name: 'logfile',
    kind: 'string',
    placeholder: '<LogFileName>',
    meaning: 'Overrides the name of the application log file.',
  },
  {
    name: 'browser',
    kind: 'boolean',
    own: true,
    meaning: 'Runs in browser mode (serves the console over HTTP) instead of a window.',
  },
  { name: 'port', kind: 'port', placeholder: '<Port>', own: true, meaning: 'HTTP port for browser mode.' },
  { name: 'help', kind: 'boolean', own: true, meaning: 'Prints this help.' },
];

const BY_NAME = new Map(FLAG_SPECS.map((s) => [s.name, s]));

export const findFlagSpec = (lowerName: string): FlagSpec | undefined => BY_NAME.get(lowerName);

/** Single-token spellings of help that do not follow the /name or --name pattern. */
export const HELP_ALIASES: ReadonlySet<string> = new Set(['-h', '/?']);

/** How a flag is shown to the user: seed flags as `/name`, the console's own as `--name`. */
export const displayName = (s: FlagSpec): string => `${s.own ? '--' : '/'}${s.name}`;

/** For "unknown flag" messages: every accepted flag. */
export const VALID_FLAGS_LIST = [...FLAG_SPECS.map(displayName), '-h', '/?'].join(', ');
