import { displayName, FLAG_SPECS } from './flag-specs';

/** Built from the same table the parser uses, so every accepted flag is listed. */
export function usage(): string {
  const rows = FLAG_SPECS.map((s) => {
    const sep = s.own ? '=' : ':';
    const left =
      s.name === 'help' ? '--help, -h, /?' : `${displayName(s)}${s.placeholder ? `${sep}${s.placeholder}` : ''}`;
    return `  ${left.padEnd(30)} ${s.meaning}`;
  });
  return [
    'Usage: Contact Center Console [flags]',
    '',
    'Flags (names are case-insensitive; every flag works as /name:value, --name=value or --name value):',
    ...rows,
    '',
    'Values that contain spaces must be enclosed in quotes, e.g. /user:"John Smith".',
    'Chromium, Electron and Node switches (e.g. --no-sandbox, --inspect) are accepted and ignored.',
    '',
    'A /password: argument can be read by other users of this computer in the process list (ps, Task',
    "Manager) and ends up in npm's logs. Safer: give /user: only and put the password in the CCM_PASSWORD",
    'environment variable; the console reads it once and removes it from its environment.',
    '',
    'Examples:',
    '  npm start -- /user:admin /password:secret',
    '  CCM_PASSWORD=secret npm start -- /user:admin      (the password stays out of the process list)',
    '  npm start -- --browser --port 8080',
    '  "Contact Center Console.exe" /user:user1 /password:12345 /webserver:ccserver:8080 "/logfile:C:\\Logs\\my ' +
      'log.txt"',
    '    (same syntax as CM.exe /user:user1 /password:12345)',
    '',
  ].join('\n');
}
