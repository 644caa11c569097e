/**
 * Splits a Windows-style command line into arguments, the way the MSVC runtime /
 * CommandLineToArgvW do, so a command line forwarded by a second instance (or typed in
 * a shortcut) yields the same argv the program itself would have seen:
 * - spaces and tabs separate arguments unless inside double quotes;
 * - quotes may start mid-argument (`/user:"John Smith"` → `/user:John Smith`);
 * - 2n backslashes before a quote → n backslashes, and the quote toggles quoting;
 *   2n+1 backslashes before a quote → n backslashes and a literal quote;
 *   backslashes elsewhere are literal (so `C:\Logs\x` survives);
 * - inside quotes, `""` is a literal quote (MSVC 2008+ rule);
 * - `""` on its own is an empty argument.
 * The program name, if present, is returned as the first element; callers slice it off.
 */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  // An argument exists once any character or quote was seen, so `""` yields ''.
  let inArg = false;
  let quoted = false;

  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);

    if (ch === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n++;
      inArg = true;
      if (line[i + n] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) {
          current += '"';
          i += n; // past the escaped quote
        } else {
          i += n - 1; // the quote is handled as a quote on the next turn
        }
      } else {
        current += '\\'.repeat(n);
        i += n - 1;
      }
      continue;
    }

    if (ch === '"') {
      inArg = true;
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else {
        quoted = !quoted;
      }
      continue;
    }

    if ((ch === ' ' || ch === '\t') && !quoted) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
      continue;
    }

    current += ch;
    inArg = true;
  }
  if (inArg) args.push(current);
  return args;
}
