import { parseFlags, takeEnvPassword, usage, type LaunchOptions } from './flags';

/**
 * Shared by both entries: print usage for --help (exit 0), a one-line refusal for a bad
 * command line (exit 2), otherwise return the options. `report` lets the Electron entry
 * also show the message in a dialog, since a shortcut on Windows has no console.
 */
export function exitOnFlagProblems(
  argv: readonly string[],
  report: (kind: 'help' | 'error', text: string) => void = () => {},
  env: Record<string, string | undefined> = process.env,
): LaunchOptions {
  // Taken out of the environment before anything else runs, so no child process inherits it.
  const parsed = parseFlags(argv, { envPassword: takeEnvPassword(env) });
  if (!parsed.ok) {
    const text = `${parsed.error.message}\nRun with --help to see every flag.`;
    console.error(text);
    report('error', text);
    process.exit(2);
  }
  if (parsed.options.help) {
    console.log(usage());
    report('help', usage());
    process.exit(0);
  }
  return parsed.options;
}
