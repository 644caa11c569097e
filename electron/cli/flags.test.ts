import { describe, it, expect } from 'vitest';
import { LaunchOptionsView } from '../contract/services/app';
import { formatHostPort, parseFlags, splitCommandLine, toLaunchOptionsView, usage, type LaunchOptions } from './flags';
import { displayName, FLAG_SPECS } from './flag-specs';

const ok = (argv: string[]): LaunchOptions => {
  const r = parseFlags(argv);
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  return r.options;
};
const fail = (argv: string[]) => {
  const r = parseFlags(argv);
  if (r.ok) throw new Error(`expected a refusal for ${JSON.stringify(argv)}`);
  return r.error;
};

describe('defaults', () => {
  it('no arguments gives all booleans false and nothing else', () => {
    expect(ok([])).toEqual({ stdLogin: false, reset: false, browser: false, help: false, ignoredSwitches: [] });
  });

  it('empty arguments (blank shortcut variables) are skipped', () => {
    expect(ok(['', '  ', '""'])).toEqual(ok([]));
  });
});

describe('seed flags', () => {
  it('parses every flag in seed style', () => {
    const o = ok([
      '/user:user1',
      '/password:12345',
      '/webserver:ccserver:8080',
      '/stdlogin',
      '/brokername:broker1',
      '/brokerport:5000',
      '/tenantid:42',
      '/reset',
      '/logfile:C:\\Logs\\cm.log',
    ]);
    expect(o).toEqual({
      user: 'user1',
      password: '12345',
      webServer: { host: 'ccserver', port: 8080 },
      stdLogin: true,
      brokerName: 'broker1',
      brokerPort: 5000,
      tenantId: '42',
      reset: true,
      logFile: 'C:\\Logs\\cm.log',
      browser: false,
      help: false,
      ignoredSwitches: [],
    });
  });

  it('parses the console flags', () => {
    expect(ok(['--browser', '--port=8080'])).toMatchObject({ browser: true, port: 8080 });
    expect(ok(['/port:9000']).port).toBe(9000);
  });

  it('keeps a value that itself contains colons (only the first separator counts)', () => {
    expect(ok(['/logfile:C:\\x:y.log']).logFile).toBe('C:\\x:y.log');
    expect(ok(['/user:a', '/password:p:w=d']).password).toBe('p:w=d');
  });
});

describe('spellings', () => {
  it('names are case-insensitive', () => {
    expect(ok(['/USER:Admin', '/Password:x', '/STDLOGIN', '--BROWSER'])).toMatchObject({
      user: 'Admin',
      stdLogin: true,
      browser: true,
    });
  });

  it('values keep their case', () => {
    expect(ok(['/user:MixedCase', '/password:AbC']).user).toBe('MixedCase');
  });

  it('accepts --name=value', () => {
    expect(ok(['--user=admin', '--password=pw', '--tenantid=7'])).toMatchObject({
      user: 'admin',
      password: 'pw',
      tenantId: '7',
    });
  });

  it('accepts --name value as two arguments', () => {
    expect(ok(['--port', '8080']).port).toBe(8080);
    expect(ok(['--user', 'admin', '--password', 'pw'])).toMatchObject({ user: 'admin', password: 'pw' });
  });

  it('two-argument form takes a Unix path as the value', () => {
    expect(ok(['--logfile', '/tmp/cm.log']).logFile).toBe('/tmp/cm.log');
  });

  it('two-argument form takes a value starting with a single dash', () => {
    expect(ok(['--user', 'a', '--password', '-x-']).password).toBe('-x-');
  });

  it('accepts /name=value and --name:value too', () => {
    expect(ok(['/tenantid=5', '--brokername:b'])).toMatchObject({ tenantId: '5', brokerName: 'b' });
  });

  it('does not take the next argument for /name (seed style never separates the value)', () => {
    expect(fail(['/user', 'admin'])).toMatchObject({ flag: '/user' });
  });
});

describe('/user and /password', () => {
  it('refuses /user without /password', () => {
    const e = fail(['/user:admin']);
    expect(e.flag).toBe('/user');
    expect(e.message).toContain('/user and /password must be given together');
  });

  it('refuses /password without /user', () => {
    const e = fail(['/password:pw']);
    expect(e.flag).toBe('/password');
    expect(e.message).toContain('/user and /password must be given together');
  });

  it('names the flag as typed in the pairing message', () => {
    expect(fail(['--USER=a']).flag).toBe('--USER');
  });
});

describe('unknown flags and stray arguments', () => {
  it('names an unknown flag exactly as typed and lists the valid flags', () => {
    const e = fail(['/bogus']);
    expect(e.flag).toBe('/bogus');
    expect(e.message).toContain('/bogus');
    for (const s of FLAG_SPECS) expect(e.message).toContain(displayName(s));
    expect(e.message).toContain('-h');
    expect(e.message).toContain('/?');
  });

  it('names an unknown flag without its value', () => {
    const e = fail(['/BoGuS:value']);
    expect(e.flag).toBe('/BoGuS');
    expect(e.message).toContain('Unknown flag /BoGuS.');
    expect(e.message).not.toContain('value"');
  });

  it('refuses an unknown --flag (typo of an own flag)', () => {
    expect(fail(['--usr=admin']).flag).toBe('--usr');
  });

  it('refuses an unknown single-dash flag', () => {
    expect(fail(['-x']).flag).toBe('-x');
  });

  it('refuses a lone slash', () => {
    expect(fail(['/']).message).toContain('Unknown flag /.');
  });

  it('refuses a positional argument and names it', () => {
    const e = fail(['hello']);
    expect(e.flag).toBe('hello');
    expect(e.message).toContain('"hello"');
  });

  it('hints at quoting when an unquoted value was split in two', () => {
    const e = fail(['/user:John', 'Smith', '/password:x']);
    expect(e.flag).toBe('Smith');
    expect(e.message).toContain('quoted');
  });

  it('stops at the first refusal in argv order', () => {
    expect(fail(['/one', '/two']).flag).toBe('/one');
  });
});

describe('empty values and booleans', () => {
  it.each([['/user:'], ['/user'], ['--tenantid='], ['--tenantid'], ['/logfile:""'], ['/brokername:   ']])(
    'refuses an empty value: %s',
    (arg) => {
      const e = fail([arg]);
      expect(e.message).toMatch(/needs a value/);
      expect(e.message).toContain(e.flag);
    },
  );

  it('--name followed by another flag is a missing value, not the value', () => {
    expect(fail(['--user', '--password=x'])).toMatchObject({ flag: '--user' });
    expect(fail(['--user', '/reset']).message).toContain('--user needs a value');
    expect(fail(['--user', '-h']).flag).toBe('--user');
  });

  it('--name followed by an empty argument is an empty value', () => {
    expect(fail(['--brokername', '']).message).toContain('needs a value');
  });

  it('the empty-value message shows the expected form', () => {
    expect(fail(['/user:']).message).toContain('/user:<LoginID>');
    expect(fail(['--brokerport=']).message).toContain('--brokerport=<Port>');
  });

  it.each([['/stdlogin:yes'], ['/reset:true'], ['--browser=1'], ['/stdlogin:'], ['--help=please']])(
    'refuses a value on a boolean flag: %s',
    (arg) => {
      const e = fail([arg]);
      expect(e.message).toContain('takes no value');
      expect(e.message).toContain(e.flag);
    },
  );

  it('a boolean --flag never takes the next argument', () => {
    expect(fail(['--reset', 'yes']).flag).toBe('yes');
  });
});

describe('ports', () => {
  const portFlags: [string, (v: string) => string[]][] = [
    ['/brokerport', (v) => [`/brokerport:${v}`]],
    ['--port', (v) => ['--port', v]],
    ['/port', (v) => [`/port:${v}`]],
    ['/webserver', (v) => [`/webserver:host:${v}`]],
  ];

  for (const [flag, argsFor] of portFlags) {
    it.each([['0'], ['65536'], ['abc'], ['-1'], ['8080.5'], ['1e3'], ['+80'], ['99999999999999999999']])(
      `${flag} refuses port %s and shows it`,
      (v) => {
        const e = fail(argsFor(v));
        expect(e.flag).toBe(flag);
        expect(e.message).toContain('1 to 65535');
        expect(e.message).toContain(`"${v}"`);
      },
    );

    it(`${flag} accepts 1 and 65535`, () => {
      expect(parseFlags(argsFor('1')).ok).toBe(true);
      expect(parseFlags(argsFor('65535')).ok).toBe(true);
    });
  }

  it('refuses an empty port', () => {
    expect(fail(['/brokerport:']).message).toContain('needs a value');
    expect(fail(['--port=']).message).toContain('needs a value');
    expect(fail(['/webserver:host:']).message).toContain('""');
  });
});

describe('/webserver', () => {
  it('defaults the port to 80', () => {
    expect(ok(['/webserver:ccserver']).webServer).toEqual({ host: 'ccserver', port: 80 });
  });

  it('takes host:port and IPv4', () => {
    expect(ok(['/webserver:10.0.0.5:8443']).webServer).toEqual({ host: '10.0.0.5', port: 8443 });
  });

  it('takes [ipv6]:port and [ipv6]', () => {
    expect(ok(['/webserver:[fe80::1]:8080']).webServer).toEqual({ host: 'fe80::1', port: 8080 });
    expect(ok(['/webserver:[::1]']).webServer).toEqual({ host: '::1', port: 80 });
  });

  it('takes a bare IPv6 address as a host on port 80', () => {
    expect(ok(['/webserver:::1']).webServer).toEqual({ host: '::1', port: 80 });
  });

  it.each([['http://host:80'], [':8080'], ['[::1'], ['[::1]x'], ['host/path'], ['user@host']])('refuses %s', (v) => {
    const e = fail([`/webserver:${v}`]);
    expect(e.flag).toBe('/webserver');
    expect(e.message).toContain(v);
  });

  it('formatHostPort brackets IPv6 hosts', () => {
    expect(formatHostPort({ host: '::1', port: 80 })).toBe('[::1]:80');
    expect(formatHostPort({ host: 'ccserver', port: 8080 })).toBe('ccserver:8080');
  });
});

describe('duplicates', () => {
  it('refuses the same flag twice', () => {
    const e = fail(['/tenantid:1', '/tenantid:2']);
    expect(e.flag).toBe('/tenantid');
    expect(e.message).toContain('twice');
  });

  it('refuses a duplicate across spellings and case', () => {
    const e = fail(['/user:a', '--USER=a', '/password:x']);
    expect(e.flag).toBe('--USER');
    expect(e.message).toContain('first as /user');
  });

  it('refuses a boolean twice', () => {
    expect(fail(['/reset', '/RESET']).message).toContain('twice');
  });
});

describe('quoted values', () => {
  it('strips one pair of surrounding quotes from a value', () => {
    expect(ok(['/user:"John Smith"', '/password:"a b"'])).toMatchObject({ user: 'John Smith', password: 'a b' });
  });

  it('keeps an unquoted value with spaces (argv already split by the OS)', () => {
    expect(ok(['/user:John Smith', '/password:x']).user).toBe('John Smith');
  });

  it('strips quotes around a whole argument', () => {
    expect(ok(['"/logfile:C:\\Logs\\my log.txt"']).logFile).toBe('C:\\Logs\\my log.txt');
  });

  it('strips only one pair', () => {
    expect(ok(['/tenantid:""x""']).tenantId).toBe('"x"');
  });

  it('strips quotes in the two-argument form', () => {
    expect(ok(['--brokername', '"My Broker"']).brokerName).toBe('My Broker');
  });

  it('leaves an unbalanced quote alone', () => {
    expect(ok(['/tenantid:"x']).tenantId).toBe('"x');
  });
});

describe('ignored Chromium/Electron/Node switches', () => {
  const switches = [
    '--no-sandbox',
    '--disable-gpu',
    '--enable-logging',
    '--v=1',
    '--vmodule=*/foo*=2',
    '--inspect',
    '--inspect-brk=9229',
    '--remote-debugging-port=9222',
    '--user-data-dir=/tmp/profile',
    '--lang=en-US',
    '--ozone-platform=wayland',
    '--enable-features=Foo,Bar',
    '--disable-features=Baz',
    '--js-flags=--expose-gc',
    '--proxy-server=http://proxy:3128',
    '--ignore-certificate-errors',
    '--force-device-scale-factor=1.5',
    '--high-dpi-support=1',
    '--no-zygote',
    '--disable-dev-shm-usage',
    '--headless',
    '--in-process-gpu',
    '--disable-software-rasterizer',
    '--allow-file-access-from-files',
    '--trace-warnings',
    '--type=renderer',
    '--field-trial-handle=1,2',
    '--password-store=basic',
    '-psn_0_123456',
  ];

  it.each(switches.map((s) => [s]))('ignores %s', (s) => {
    expect(ok([s]).ignoredSwitches).toEqual([s]);
  });

  it('reports ignored switches as typed, in order, next to real flags', () => {
    const o = ok(['--No-Sandbox', '/reset', '--enable-logging=stderr', '--inspect-brk']);
    expect(o.reset).toBe(true);
    expect(o.ignoredSwitches).toEqual(['--No-Sandbox', '--enable-logging=stderr', '--inspect-brk']);
  });

  it('an ignored switch is not taken as the value of --name', () => {
    expect(fail(['--user', '--no-sandbox']).flag).toBe('--user');
  });

  it('other --switches are still unknown flags', () => {
    expect(fail(['--frobnicate']).flag).toBe('--frobnicate');
    expect(fail(['--sandbox']).flag).toBe('--sandbox');
  });

  it('ignored switches are only recognised with --', () => {
    expect(fail(['/no-sandbox']).flag).toBe('/no-sandbox');
  });
});

describe('help', () => {
  it.each([['--help'], ['-h'], ['/?'], ['/help'], ['--HELP'], ['-H']])('%s alone succeeds with help', (arg) => {
    expect(ok([arg]).help).toBe(true);
  });

  it('help combines with other valid flags', () => {
    expect(ok(['--browser', '-h'])).toMatchObject({ help: true, browser: true });
  });

  it('errors in other arguments are still reported', () => {
    expect(fail(['--help', '/bogus']).flag).toBe('/bogus');
  });
});

describe('password never appears in an error', () => {
  const PW = 'Zq7-secret-Pw';
  const cases: string[][] = [
    [`/password:${PW}`],
    [`--password=${PW}`],
    [`/password:${PW}`, '/password:other'],
    ['/user:a', `/password:${PW}`, '/bogus'],
    ['/user:a', `/password:${PW}`, '/brokerport:0'],
    ['/user:a', `/password:${PW.slice(0, 4)}`, PW.slice(4)], // unquoted password split in two
    ['/user:a', '--password', PW.slice(0, 4), PW.slice(4)],
    [`password:${PW}`], // slash forgotten
    [`--PASSWORD:${PW}`, '/password:x'],
    [`/pasword:${PW}`], // typo in the flag name
    [`-password:${PW}`],
    ['/user:a', `/password:"${PW}`, '/x'],
    [`/password:${PW}`, '/user:'],
  ];

  it.each(cases.map((c) => [c]))('%j', (argv) => {
    const e = fail(argv);
    expect(e.message).not.toContain(PW);
    expect(e.flag).not.toContain(PW);
    expect(e.message).not.toContain(PW.slice(4));
    expect(e.flag).not.toContain(PW.slice(4));
  });

  it('explains a stray word after /password without showing it', () => {
    const e = fail(['/user:a', '/password:my', 'secret']);
    expect(e.flag).toBe('/password');
    expect(e.message).toContain('quotes');
    expect(e.message).not.toContain('secret');
  });
});

describe('splitCommandLine', () => {
  it('splits the brief example and honours quotes', () => {
    expect(splitCommandLine('CM.exe /user:"John Smith" "/logfile:C:\\Logs\\my log.txt"')).toEqual([
      'CM.exe',
      '/user:John Smith',
      '/logfile:C:\\Logs\\my log.txt',
    ]);
  });

  it('collapses runs of spaces and tabs, trims both ends', () => {
    expect(splitCommandLine('  a \t b   c  ')).toEqual(['a', 'b', 'c']);
  });

  it('returns nothing for an empty line', () => {
    expect(splitCommandLine('')).toEqual([]);
    expect(splitCommandLine('   ')).toEqual([]);
  });

  it('keeps a quoted program path with spaces', () => {
    expect(splitCommandLine('"C:\\Program Files\\CCC\\app.exe" /reset')).toEqual([
      'C:\\Program Files\\CCC\\app.exe',
      '/reset',
    ]);
  });

  it('yields an empty argument for ""', () => {
    expect(splitCommandLine('a "" b')).toEqual(['a', '', 'b']);
  });

  it('treats \\" as a literal quote', () => {
    expect(splitCommandLine('a\\"b')).toEqual(['a"b']);
  });

  it('halves backslashes before a quote', () => {
    // 2 backslashes + quote → 1 backslash, quote opens quoting
    expect(splitCommandLine('"C:\\Logs\\\\" x')).toEqual(['C:\\Logs\\', 'x']);
    // 3 backslashes + quote → 1 backslash + literal quote
    expect(splitCommandLine('a\\\\\\"b')).toEqual(['a\\"b']);
  });

  it('keeps backslashes that are not before a quote', () => {
    expect(splitCommandLine('C:\\a\\\\b')).toEqual(['C:\\a\\\\b']);
  });

  it('reads "" inside quotes as a literal quote', () => {
    expect(splitCommandLine('"a""b c"')).toEqual(['a"b c']);
  });

  it('runs an unterminated quote to the end of the line', () => {
    expect(splitCommandLine('/user:"John Smith')).toEqual(['/user:John Smith']);
  });

  it('feeds parseFlags after the program name is sliced off', () => {
    const argv = splitCommandLine(
      'CM.exe /user:"John Smith" /password:"p w" "/logfile:C:\\my log.txt" --no-sandbox',
    ).slice(1);
    expect(ok(argv)).toMatchObject({
      user: 'John Smith',
      password: 'p w',
      logFile: 'C:\\my log.txt',
      ignoredSwitches: ['--no-sandbox'],
    });
  });
});

describe('usage', () => {
  const text = usage();

  it('lists every flag on its own line', () => {
    const lines = text.split('\n');
    for (const s of FLAG_SPECS) {
      expect(lines.filter((l) => l.trimStart().startsWith(displayName(s)))).toHaveLength(1);
    }
    expect(text).toContain('--help, -h, /?');
    expect(text).toContain('--port=<Port>');
    expect(text).toContain('/user:<LoginID>');
  });

  it('gives the meanings from the seed', () => {
    expect(text).toContain('defaults to 80');
    expect(text).toContain('Forces conventional login');
    expect(text).toContain('Broker service');
    expect(text).toContain('Resets all user preferences');
    expect(text).toContain('log file');
  });

  it('has the npm and exe examples', () => {
    expect(text).toContain('npm start -- /user:admin /password:secret');
    expect(text).toContain('CM.exe');
  });
});

describe('toLaunchOptionsView', () => {
  it('drops the password, keeps whether one was given, and matches the contract schema', () => {
    const o = ok(['/user:a', '/password:pw', '/webserver:h:81', '/reset', '--browser', '--port=9', '--no-sandbox']);
    const view = toLaunchOptionsView(o);
    expect(view).toEqual({
      user: 'a',
      passwordGiven: true,
      webServer: { host: 'h', port: 81 },
      stdLogin: false,
      reset: true,
      ignoredSwitches: ['--no-sandbox'],
    });
    expect(JSON.stringify(view)).not.toContain('pw"');
    expect(LaunchOptionsView.strict().parse(view)).toEqual(view);
  });

  it('omits absent fields instead of setting them to undefined', () => {
    const view = toLaunchOptionsView(ok([]));
    expect(Object.keys(view).sort()).toEqual(['ignoredSwitches', 'passwordGiven', 'reset', 'stdLogin']);
    expect(view.passwordGiven).toBe(false);
    expect(LaunchOptionsView.strict().parse(view)).toEqual(view);
  });

  it('does not share arrays or objects with the options', () => {
    const o = ok(['/webserver:h', '--no-sandbox']);
    const view = toLaunchOptionsView(o);
    view.ignoredSwitches.push('x');
    view.webServer!.port = 1;
    expect(o.ignoredSwitches).toEqual(['--no-sandbox']);
    expect(o.webServer!.port).toBe(80);
  });
});

describe('CCM_PASSWORD', () => {
  it('stands in for /password: with /user:, so the pair rule is met', () => {
    const r = parseFlags(['/user:admin'], { envPassword: 'from-env' });
    expect(r).toMatchObject({ ok: true, options: { user: 'admin', password: 'from-env' } });
    expect(parseFlags(['/user:admin'])).toMatchObject({ ok: false });
  });

  it('usage says why /password: is unsafe and offers CCM_PASSWORD', () => {
    expect(usage()).toContain('CCM_PASSWORD=secret npm start -- /user:admin');
    expect(usage()).toMatch(/process list/);
  });
});
