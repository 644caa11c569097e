import { describe, expect, it } from 'vitest';
import { TraceSettings, traceWarnings } from '../../contract';
import {
  decodeRegFile,
  defaultTraceSettings,
  describeRegProblems,
  encodeRegFile,
  formatDword,
  parseRegText,
  TRACE_KEYS,
  traceRegFileName,
  traceSettingsFromReg,
  traceSettingsToReg,
} from '.';

const LOGON = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\SeCLogonWS';
const REPORT = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\SeCReportWS';
const SOCKET = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager';
const WCF = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SeC\\Common\\Parameters';

const sample = (): TraceSettings => ({
  seclogonws: { logLevel: 3, logonWsTimeoutMs: 45000 },
  secreportws: { logLevel: 1 },
  socketManager: {
    trace: 1,
    executables: [
      { name: 'cs.exe', level: 9 },
      { name: 'Router Service.exe', level: 0 },
    ],
  },
  disableWsdl: true,
});

/** A .reg file from lines (CRLF, as regedit writes). */
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');

const imported = (text: string, current?: TraceSettings) => {
  const r = traceSettingsFromReg(text, current);
  if (!r.ok) throw new Error(describeRegProblems(r.problems));
  return r;
};
const refused = (text: string, current?: TraceSettings) => {
  const r = traceSettingsFromReg(text, current);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.problems;
};

describe('the seed’s keys', () => {
  it('are the exact HKLM paths seed 001 prints (SEC in REGISTRY KEYS, SeC in WCF SERVICES)', () => {
    expect(TRACE_KEYS).toEqual({ seclogonws: LOGON, secreportws: REPORT, socketManager: SOCKET, wcf: WCF });
  });
  it('defaults are the seed’s: LogLevel 2, LogonWSTimeout 30000 ms, Trace 0, no executables, WSDL not disabled', () => {
    expect(defaultTraceSettings()).toEqual({
      seclogonws: { logLevel: 2, logonWsTimeoutMs: 30000 },
      secreportws: { logLevel: 2 },
      socketManager: { trace: 0, executables: [] },
      disableWsdl: false,
    });
  });
});

describe('export (.reg writer)', () => {
  const text = traceSettingsToReg('cc01', sample());

  it('starts with the version 5.00 header and uses CRLF only', () => {
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes every value under its key as an 8-digit dword', () => {
    const lines = text.split('\r\n');
    const after = (key: string) =>
      lines
        .slice(lines.indexOf(`[${key}]`) + 1, lines.indexOf('', lines.indexOf(`[${key}]`)))
        .filter((l) => !l.startsWith(';'));
    expect(after(LOGON)).toEqual(['"LogLevel"=dword:00000003', '"LogonWSTimeout"=dword:0000afc8']);
    expect(after(REPORT)).toEqual(['"LogLevel"=dword:00000001']);
    expect(after(SOCKET)).toEqual([
      '"Trace"=dword:00000001',
      '"cs.exe"=dword:00000009',
      '"Router Service.exe"=dword:00000000',
    ]);
    expect(after(WCF)).toEqual(['"DisableWSDL"=dword:00000001']);
  });

  it('writes the defaults too (so the file restores them), DisableWSDL off as 0', () => {
    const d = traceSettingsToReg('cc01', defaultTraceSettings());
    expect(d).toContain('"LogLevel"=dword:00000002\r\n');
    expect(d).toContain('"LogonWSTimeout"=dword:00007530\r\n');
    expect(d).toContain('"Trace"=dword:00000000');
    expect(d).toContain('"DisableWSDL"=dword:00000000');
  });

  it('names the server, explains the levels and repeats the warnings as comments', () => {
    expect(text).toContain('; Trace levels for server cc01, written by Contact Center Console.');
    expect(text).toContain('; LogLevel 3 = Log all events');
    expect(text).toContain('; WARNING: SeCLogonWS LogLevel is 3 (Log all events)');
    expect(text).toContain('; DisableWSDL: restart the MiCC Enterprise services');
    // a server name cannot break out of its comment line
    expect(traceSettingsToReg('evil\r\n[HKEY_LOCAL_MACHINE\\X]', defaultTraceSettings())).not.toContain(
      '\r\n[HKEY_LOCAL_MACHINE\\X]',
    );
  });

  it('formatDword: 8 lower-case hex digits; refuses what is not a DWORD', () => {
    expect(formatDword(0)).toBe('dword:00000000');
    expect(formatDword(0xffffffff)).toBe('dword:ffffffff');
    expect(() => formatDword(-1)).toThrow(RangeError);
    expect(() => formatDword(2 ** 32)).toThrow(RangeError);
  });

  it('file name: <server>-trace.reg without characters Windows refuses', () => {
    expect(traceRegFileName('cc01.demo.example')).toBe('cc01.demo.example-trace.reg');
    expect(traceRegFileName('a:b/c')).toBe('a_b_c-trace.reg');
  });
});

describe('round trip', () => {
  it('export → import gives back exactly the settings', () => {
    for (const s of [
      sample(),
      defaultTraceSettings(),
      {
        ...defaultTraceSettings(),
        socketManager: { trace: 0xffffffff, executables: [{ name: 'a"b.exe'.replace('"', ''), level: 5 }] },
      },
    ]) {
      const r = imported(traceSettingsToReg('cc01', s), defaultTraceSettings());
      expect(r.settings).toEqual(s);
    }
  });

  it('does not depend on the current settings: every value is in the file', () => {
    const current = { ...sample(), socketManager: { trace: 7, executables: [{ name: 'cs.exe', level: 1 }] } };
    expect(imported(traceSettingsToReg('x', sample()), current).settings).toEqual(sample());
  });

  it('through the bytes: UTF-16LE with a BOM, like regedit’s own export', () => {
    const bytes = encodeRegFile(traceSettingsToReg('cc01', sample()));
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]); // BOM, "W"
    const { text, encoding } = decodeRegFile(bytes);
    expect(encoding).toBe('utf-16le');
    expect(imported(text).settings).toEqual(sample());
  });
});

describe('decoding the file’s bytes', () => {
  const text = reg(`[${SOCKET}]`, '"Trace"=dword:00000001');
  const utf16 = (t: string, le: boolean) => {
    const out = new Uint8Array(t.length * 2);
    for (let i = 0; i < t.length; i++)
      out.set(
        le ? [t.charCodeAt(i) & 0xff, t.charCodeAt(i) >> 8] : [t.charCodeAt(i) >> 8, t.charCodeAt(i) & 0xff],
        i * 2,
      );
    return out;
  };
  const cat = (...parts: Array<number[] | Uint8Array>) => Uint8Array.from(parts.flatMap((p) => [...p]));

  it.each([
    ['UTF-16LE with BOM', cat([0xff, 0xfe], utf16(text, true)), 'utf-16le'],
    ['UTF-16BE with BOM', cat([0xfe, 0xff], utf16(text, false)), 'utf-16be'],
    ['UTF-8 with BOM', cat([0xef, 0xbb, 0xbf], new TextEncoder().encode(text)), 'utf-8'],
    ['UTF-8', new TextEncoder().encode(text), 'utf-8'],
    ['UTF-16LE without BOM', utf16(text, true), 'utf-16le'],
  ] as const)('%s', (_name, bytes, encoding) => {
    const d = decodeRegFile(bytes);
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
    expect(imported(d.text).settings.socketManager.trace).toBe(1);
  });

  it('ANSI (REGEDIT4, Windows-1252) when the bytes are not UTF-8', () => {
    const ansi = cat(
      new TextEncoder().encode('REGEDIT4\r\n\r\n; caf'),
      [0xe9],
      new TextEncoder().encode(`\r\n[${SOCKET}]\r\n"Trace"=dword:00000002\r\n`),
    );
    const d = decodeRegFile(ansi);
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toContain('; café');
    expect(imported(d.text).settings.socketManager.trace).toBe(2);
  });
});

describe('import (.reg parser): what it accepts', () => {
  it('REGEDIT4 header as well as version 5.00', () => {
    expect(
      imported(['REGEDIT4', '', `[${SOCKET}]`, '"Trace"=dword:00000003', ''].join('\r\n')).settings.socketManager.trace,
    ).toBe(3);
  });

  it('comments, blank lines, LF or CR line ends, spaces around =, short dwords, an inline comment', () => {
    const text = [
      'Windows Registry Editor Version 5.00',
      '; made by hand',
      '',
      `  [${LOGON}]  `,
      '',
      '; quiet',
      '"LogLevel" = dword:1 ; errors and warnings',
      '  "LogonWSTimeout"=dword:0000EA60',
    ].join('\n');
    expect(imported(text).settings.seclogonws).toEqual({ logLevel: 1, logonWsTimeoutMs: 60000 });
    expect(imported(text.replace(/\n/g, '\r')).settings.seclogonws.logLevel).toBe(1);
  });

  it('a line continued with a trailing backslash (and reports later lines by their own numbers)', () => {
    const text = reg(`[${SOCKET}]`, '"Trace"=dword:\\', '  00000004', '"Bogus"=dword:00000001');
    const problems = refused(text);
    expect(problems).toEqual([{ line: 6, message: expect.stringContaining('Unknown value "Bogus"') }]);
    expect(imported(reg(`[${SOCKET}]`, '"Trace"=dword:\\', '  00000004')).settings.socketManager.trace).toBe(4);
  });

  it('key and value names in any case (registry names ignore case)', () => {
    const text = reg(
      `[${LOGON.toUpperCase()}]`,
      '"loglevel"=dword:00000000',
      `[${WCF.toLowerCase().replace('sec', 'SEC')}]`,
      '"disablewsdl"=dword:00000001',
      `[${SOCKET}\\]`,
      '"TRACE"=dword:00000002',
      '"CS.EXE"=dword:00000005',
    );
    const s = imported(text).settings;
    expect(s.seclogonws.logLevel).toBe(0);
    expect(s.disableWsdl).toBe(true);
    expect(s.socketManager).toEqual({ trace: 2, executables: [{ name: 'CS.EXE', level: 5 }] });
  });

  it('values not in the file keep the current settings; executables merge by name (any case)', () => {
    const current = sample();
    const s = imported(reg(`[${SOCKET}]`, '"Cs.exe"=dword:00000002', '"ts.exe"=dword:00000003'), current).settings;
    expect(s).toEqual({
      ...current,
      socketManager: {
        trace: 1,
        executables: [
          { name: 'Cs.exe', level: 2 },
          { name: 'Router Service.exe', level: 0 },
          { name: 'ts.exe', level: 3 },
        ],
      },
    });
  });

  it('"Value"=- means the seed’s default (the value absent); for an executable it removes the row', () => {
    const s = imported(
      reg(
        `[${LOGON}]`,
        '"LogLevel"=-',
        '"LogonWSTimeout"=-',
        `[${REPORT}]`,
        '"LogLevel"=-',
        `[${SOCKET}]`,
        '"Trace"=-',
        '"cs.exe"=-',
        '"never-there.exe"=-',
        `[${WCF}]`,
        '"DisableWSDL"=-',
      ),
      sample(),
    ).settings;
    expect(s).toEqual({
      ...defaultTraceSettings(),
      socketManager: { trace: 0, executables: [{ name: 'Router Service.exe', level: 0 }] },
    });
  });

  it('the last of two values of the same name wins, as in regedit', () => {
    expect(
      imported(reg(`[${SOCKET}]`, '"Trace"=dword:00000001', '"trace"=dword:00000000')).settings.socketManager.trace,
    ).toBe(0);
  });

  it('a key given twice adds up', () => {
    expect(
      imported(
        reg(
          `[${LOGON}]`,
          '"LogLevel"=dword:00000001',
          `[${SOCKET}]`,
          '"Trace"=dword:00000001',
          `[${LOGON}]`,
          '"LogonWSTimeout"=dword:00000064',
        ),
      ).settings.seclogonws,
    ).toEqual({ logLevel: 1, logonWsTimeoutMs: 100 });
  });
});

describe('import: what it refuses, naming the line and the rule', () => {
  it('an empty file, and text that is not a .reg file', () => {
    expect(refused('')).toEqual([{ line: 1, message: 'The file is empty.' }]);
    expect(refused('\r\n\r\n  ')).toEqual([{ line: 1, message: 'The file is empty.' }]);
    expect(refused('\r\nhello world\r\n')).toEqual([
      {
        line: 2,
        message: expect.stringMatching(
          /not a registry file: the first line must be "Windows Registry Editor Version 5.00" or "REGEDIT4"/,
        ),
      },
    ]);
  });

  it('a header alone: nothing to import', () => {
    expect(refused(reg('; nothing here'))).toEqual([
      { line: 1, message: expect.stringMatching(/sets none of the trace values/) },
    ]);
  });

  it('deleting keys is not supported', () => {
    expect(refused(reg(`[-${SOCKET}]`))).toEqual([
      { line: 3, message: `[-${SOCKET}]: deleting keys is not supported.` },
    ]);
  });

  it('unknown keys, each with its line number', () => {
    const problems = refused(
      reg(
        '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]',
        '"X"=dword:00000001',
        '',
        `[${SOCKET}]`,
        '"Trace"=dword:00000001',
        '[HKEY_CURRENT_USER\\Software\\Mitel\\SocketManager]',
        '"Trace"=dword:00000001',
      ),
    );
    expect(problems).toEqual([
      {
        line: 3,
        message:
          'Unknown key [HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]: this console edits only the trace keys of MiCC Enterprise Advanced Configurations › Registry Keys.',
      },
      {
        line: 8,
        message:
          'Unknown key [HKEY_CURRENT_USER\\Software\\Mitel\\SocketManager]: this console edits only the trace keys of MiCC Enterprise Advanced Configurations › Registry Keys.',
      },
    ]);
  });

  it('unknown values under a known key, named; the default value @ too', () => {
    const problems = refused(
      reg(
        `[${LOGON}]`,
        '"LogLevel"=dword:00000001',
        '"Verbose"=dword:00000001',
        '@="x"',
        `[${WCF}]`,
        '"InstallDir"="C:\\\\Mitel"',
        `[${SOCKET}]`,
        '"cs"=dword:00000001',
      ),
    );
    expect(problems.map((p) => p.line)).toEqual([5, 6, 8, 10]);
    expect(problems[0]!.message).toBe(
      `Unknown value "Verbose" under [${LOGON}]: this console sets only LogLevel, LogonWSTimeout.`,
    );
    expect(problems[1]!.message).toMatch(/default value \(@\)/);
    expect(problems[2]!.message).toMatch(/Unknown value "InstallDir".*only DisableWSDL/);
    expect(problems[3]!.message).toMatch(
      /Unknown value "cs" under .*SocketManager.*<executable>\.exe levels \(e\.g\. cs\.exe\)/,
    );
  });

  it('values out of range name the field and the rule', () => {
    expect(refused(reg(`[${LOGON}]`, '"LogLevel"=dword:00000004'))).toEqual([
      { line: 4, message: 'SeCLogonWS LogLevel is 0–3 (0 = Log errors only … 3 = Log all events); the file sets 4.' },
    ]);
    expect(refused(reg(`[${REPORT}]`, '"LogLevel"=dword:ffffffff'))[0]!.message).toMatch(
      /^SeCReportWS LogLevel is 0–3 .*sets 4294967295\.$/,
    );
    expect(refused(reg(`[${WCF}]`, '"DisableWSDL"=dword:00000002'))[0]!.message).toMatch(
      /DisableWSDL is 0 or 1 .*sets 2/,
    );
  });

  it('only dword: data for the known values', () => {
    const problems = refused(
      reg(
        `[${LOGON}]`,
        '"LogLevel"="3"',
        '"LogonWSTimeout"=hex(b):30,75,00,00,00,00,00,00',
        `[${SOCKET}]`,
        '"cs.exe"=hex:09',
      ),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'SeCLogonWS LogLevel must be a DWORD (dword:xxxxxxxx), not text.',
      'SeCLogonWS LogonWSTimeout must be a DWORD (dword:xxxxxxxx), not hex(b): data.',
      'SocketManager cs.exe must be a DWORD (dword:xxxxxxxx), not hex: data.',
    ]);
  });

  it('malformed lines, each with its line number, never a crash', () => {
    const problems = refused(
      reg(
        '"Trace"=dword:00000001',
        `[${SOCKET}`,
        `[${SOCKET}]`,
        '"Trace"=dword:123456789',
        '"Trace=dword:1',
        '"Trace"dword:1',
        '"Trace"=word:1',
        'Trace=1',
        '"cs.exe"="unterminated',
      ),
    );
    expect(problems.map((p) => p.line)).toEqual([3, 4, 6, 7, 8, 9, 10, 11]);
    expect(problems[0]!.message).toMatch(/comes before any \[key\]/);
    expect(problems[1]!.message).toMatch(/A key must be written as \[HKEY_…\\…\]/);
    expect(problems[2]!.message).toMatch(/dword: needs 1 to 8 hexadecimal digits/);
    expect(problems[3]!.message).toMatch(/not closed with a quote/);
    expect(problems[4]!.message).toMatch(/Expected = after the value name/);
    expect(problems[5]!.message).toMatch(/cannot read the data "word:1"/);
    expect(problems[6]!.message).toMatch(/expected a \[key\], a "name"=value line, or a ; comment/);
    expect(problems[7]!.message).toMatch(/text value is not closed/);
    // garbage of every kind: refused, not thrown
    for (const junk of [
      '\u0000\u0001',
      'REGEDIT4\n[',
      'REGEDIT4\n"',
      'REGEDIT4\n@',
      'REGEDIT4\n[\\]\n"a"=\\',
      'x'.repeat(100_000),
    ]) {
      expect(traceSettingsFromReg(junk).ok).toBe(false);
    }
  });

  it('a real regedit export of the whole Mitel branch: every other key is named with its line', () => {
    const text = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel]',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC]',
      '"InstallDir"="C:\\\\Program Files (x86)\\\\Mitel\\\\MiCC Enterprise\\\\"',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common]',
      '',
      `[${WCF}]`,
      '"DisableWSDL"=dword:00000001',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services]',
      '',
      `[${LOGON}]`,
      '"LogLevel"=dword:00000002',
      '"LogonWSTimeout"=dword:00007530',
      '',
      `[${REPORT}]`,
      '"LogLevel"=dword:00000002',
      '',
      `[${SOCKET}]`,
      '"Trace"=dword:00000000',
      '"cs.exe"=dword:00000009',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager\\Ports]',
      '"Base"=dword:00001b58',
      '',
    ].join('\r\n');
    const problems = refused(text);
    expect(problems.map((p) => [p.line, /Unknown key \[(.*)\]/.exec(p.message)?.[1]])).toEqual([
      [3, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel'],
      [5, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC'],
      [8, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common'],
      [13, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services'],
      [26, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager\\Ports'],
    ]);
    // the same file without the other keys is accepted
    const only = text
      .split('\r\n')
      .filter((_, i) => ![2, 4, 5, 7, 12, 25, 26].includes(i))
      .join('\r\n');
    expect(imported(only).settings).toEqual({
      seclogonws: { logLevel: 2, logonWsTimeoutMs: 30000 },
      secreportws: { logLevel: 2 },
      socketManager: { trace: 0, executables: [{ name: 'cs.exe', level: 9 }] },
      disableWsdl: true,
    });
  });

  it('describeRegProblems: one line each, capped', () => {
    const many = Array.from({ length: 35 }, (_, i) => ({ line: i + 1, message: `m${i}` }));
    const text = describeRegProblems(many);
    expect(text.split('\n')).toHaveLength(1 + 30 + 1);
    expect(text).toMatch(/^The \.reg file was not imported:\nLine 1: m0\n/);
    expect(text).toMatch(/… and 5 more\.$/);
  });

  it('parseRegText reports several problems at once', () => {
    const r = parseRegText(reg('junk', 'more junk'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.line)).toEqual([3, 4]);
  });
});

describe('warnings (levels that cost performance)', () => {
  it('none at the defaults, nor for LogLevel 2 or an executable at 0', () => {
    expect(traceWarnings(defaultTraceSettings())).toEqual([]);
    expect(
      traceWarnings({
        ...defaultTraceSettings(),
        socketManager: { trace: 0, executables: [{ name: 'cs.exe', level: 0 }] },
      }),
    ).toEqual([]);
  });

  it('LogLevel 3 (Log all events), Trace above 0, any executable level above 0 — each reminding to turn it back down', () => {
    const w = traceWarnings(sample());
    expect(w.map((x) => x.field)).toEqual([
      'seclogonws.logLevel',
      'socketManager.trace',
      'socketManager.executables.0.level',
    ]);
    expect(w[0]!.message).toMatch(
      /SeCLogonWS LogLevel is 3 \(Log all events\).*costs.*performance.*Set it back to 2.*after collecting the logs/,
    );
    expect(w[1]!.message).toMatch(/SocketManager Trace is 1.*performance.*Set it back to 0.*after collecting the logs/);
    expect(w[2]!.message).toMatch(/cs\.exe \(level 9\).*performance.*after collecting the logs/);
    expect(traceWarnings({ ...defaultTraceSettings(), secreportws: { logLevel: 3 } })[0]).toMatchObject({
      field: 'secreportws.logLevel',
      message: expect.stringMatching(/^SeCReportWS LogLevel is 3/),
    });
  });

  it('the import answers the warnings of the imported settings', () => {
    expect(imported(reg(`[${SOCKET}]`, '"cs.exe"=dword:00000009')).warnings.map((w) => w.field)).toEqual([
      'socketManager.executables.0.level',
    ]);
  });
});

describe('the contract’s TraceSettings schema', () => {
  it('refuses an executable listed twice (names ignore case), naming the row', () => {
    const r = TraceSettings.safeParse({
      ...defaultTraceSettings(),
      socketManager: {
        trace: 0,
        executables: [
          { name: 'cs.exe', level: 1 },
          { name: 'CS.exe', level: 2 },
        ],
      },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({
      path: ['socketManager', 'executables', 1, 'name'],
      message: 'CS.exe is listed twice (value names ignore case)',
    });
  });
  it('refuses LogLevel 4 and a name that is not an executable', () => {
    expect(
      TraceSettings.safeParse({ ...defaultTraceSettings(), seclogonws: { logLevel: 4, logonWsTimeoutMs: 1 } }).error!
        .issues[0]!.message,
    ).toBe('LogLevel is 0–3');
    expect(
      TraceSettings.safeParse({
        ...defaultTraceSettings(),
        socketManager: { trace: 0, executables: [{ name: 'cs', level: 1 }] },
      }).error!.issues[0]!.message,
    ).toBe('an executable name such as cs.exe');
  });
});
