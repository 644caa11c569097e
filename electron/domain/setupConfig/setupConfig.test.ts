import { describe, expect, it } from 'vitest';
import type { SetupConfigModel } from '../../contract';
import {
  decodeSetupBytes,
  defaultSetupConfig,
  editSetupConfig,
  encodeSetupText,
  problemsOf,
  readSetupConfig,
  setupConfigProblems,
} from './index';

/** The manual's example, as Windows editors write it: CRLF, a UTF-8 BOM, a line broken inside a tag. */
export const SAMPLE = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<configuration>',
  '  <!-- ACME -->',
  '  <execute command="Solidus\\ClientSetup.exe" args="/Q /F /C:ClientSetup.ini"',
  'hidden="true" />',
  '  <customerName>ACME &amp; Co</customerName>',
  '  <tenantID>1</tenantID>',
  '  <files>',
  '    <file include="$(WebServerUri)/MiCCEInstallation/NextCCclient/*.*"',
  'subDirs="true" outputFolder=\'Solidus\' />',
  '    <file include="$(WebServerUri)/MicCEInstallation/ScriptManager/*.*"',
  '    subDirs="true" outputFolder="ScriptManager" />',
  '  </files>',
  '</configuration>',
  '',
].join('\r\n');
const bom = (text: string) => encodeSetupText(text, { encoding: 'utf-8', bom: true, eol: '\r\n' });
const utf8 = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
const ctx = { tenants: [{ id: 1, name: 'Demo' }], allTenantIds: new Set([1, 2]) };

function read(bytes: Uint8Array) {
  const r = readSetupConfig(bytes);
  if (!r.ok) throw new Error(r.message);
  return r.file;
}
const edit = (bytes: Uint8Array, change: (m: SetupConfigModel) => void) => {
  const file = read(bytes);
  const m = structuredClone(file.parsed.model);
  change(m);
  return editSetupConfig(bytes, file, m);
};

describe('Setup.config: reading', () => {
  it('reads every node and attribute of SETUP.CONFIG FORMAT, decoded', () => {
    const m = read(bom(SAMPLE)).parsed.model;
    expect(m).toEqual({
      execute: { command: 'Solidus\\ClientSetup.exe', args: '/Q /F /C:ClientSetup.ini', hidden: 'true' },
      customerName: 'ACME & Co',
      tenantID: '1',
      files: [
        {
          key: 0,
          include: '$(WebServerUri)/MiCCEInstallation/NextCCclient/*.*',
          exclude: null,
          subDirs: 'true',
          outputFolder: 'Solidus',
        },
        {
          key: 1,
          include: '$(WebServerUri)/MicCEInstallation/ScriptManager/*.*',
          exclude: null,
          subDirs: 'true',
          outputFolder: 'ScriptManager',
        },
      ],
    });
    expect(problemsOf(read(bom(SAMPLE)), m, ctx)).toEqual([]);
  });

  it('refuses a DOCTYPE and an entity: nothing is declared, expanded or fetched', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE configuration [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' +
      '<configuration><customerName>&x;</customerName></configuration>';
    const r = readSetupConfig(new TextEncoder().encode(xxe));
    expect(r).toMatchObject({ ok: false, line: 2 });
    expect(!r.ok && r.message).toMatch(/DOCTYPE is not allowed/);
    const bomb = '<!DOCTYPE c [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><configuration>&b;</configuration>';
    expect(readSetupConfig(new TextEncoder().encode(bomb))).toMatchObject({ ok: false });
    // An entity reference without a DTD is not expanded either: it is an error.
    const undeclared = readSetupConfig(
      new TextEncoder().encode('<configuration><tenantID>&x;</tenantID></configuration>'),
    );
    expect(undeclared).toMatchObject({ ok: false });
    expect(!undeclared.ok && undeclared.message).toMatch(/Not well-formed XML/);
  });

  it('refuses what it could not write back byte for byte: bad UTF-8, another declared encoding, another root', () => {
    expect(readSetupConfig(new Uint8Array([0x3c, 0x63, 0xff, 0x3e]))).toMatchObject({ ok: false });
    const latin = new TextEncoder().encode('<?xml version="1.0" encoding="iso-8859-1"?><configuration/>');
    expect(readSetupConfig(latin)).toMatchObject({ ok: false, message: expect.stringMatching(/iso-8859-1/) });
    expect(readSetupConfig(new TextEncoder().encode('<setup/>'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/<configuration>/),
    });
  });

  it('unknown or repeated nodes and attributes are problems naming them', () => {
    const text =
      '<configuration><tenantID>1</tenantID><tenantID>2</tenantID><extra/>' +
      '<files><file include="http://a/b" outputFolder="S" sub="x"/></files></configuration>';
    const f = read(new TextEncoder().encode(text));
    const msgs = problemsOf(f, f.parsed.model, ctx).map((p) => `${p.field}: ${p.message}`);
    expect(msgs).toEqual([
      expect.stringMatching(/^configuration: <extra> .* is not a node of Setup.config/),
      expect.stringMatching(/^tenantID: <tenantID> appears 2 times/),
      expect.stringMatching(/^files\.0\.include: <file> .* has the attribute sub, which Setup.config does not define/),
    ]);
  });
});

describe('Setup.config: byte-exact round trip', () => {
  it.each([
    ['UTF-8 with BOM, CRLF', bom(SAMPLE)],
    ['UTF-8 without BOM, LF', new TextEncoder().encode(SAMPLE.replace(/\r\n/g, '\n'))],
    [
      'UTF-16 LE with BOM',
      encodeSetupText(SAMPLE.replace('utf-8', 'utf-16'), { encoding: 'utf-16le', bom: true, eol: '\r\n' }),
    ],
    [
      'UTF-16 BE with BOM',
      encodeSetupText(SAMPLE.replace('utf-8', 'utf-16'), { encoding: 'utf-16be', bom: true, eol: '\r\n' }),
    ],
  ])('%s: unchanged, the same bytes; one edit changes only that value', (_, bytes) => {
    expect(edit(bytes, () => {})).toBe(bytes);
    const out = edit(bytes, (m) => {
      m.tenantID = '2';
    });
    const file = read(bytes);
    const expected = encodeSetupText(
      file.parsed.text.replace('<tenantID>1</tenantID>', '<tenantID>2</tenantID>'),
      file.form,
    );
    expect(Buffer.from(out).equals(Buffer.from(expected))).toBe(true);
    expect(out.length).toBe(bytes.length);
  });

  it('an attribute edit keeps its quote and escapes; an added attribute goes after the last; a removed one takes its space', () => {
    const bytes = bom(SAMPLE);
    const out = utf8(
      edit(bytes, (m) => {
        m.files![0]!.outputFolder = 'Solidus "x" & y';
        m.files![1]!.exclude = '*.pdb;*.log';
        m.files![1]!.subDirs = null;
        m.execute!.hidden = null;
      }),
    );
    const want = SAMPLE.replace(`outputFolder='Solidus'`, `outputFolder='Solidus "x" &amp; y'`)
      .replace(
        '/*.*"\r\n    subDirs="true" outputFolder="ScriptManager" />',
        '/*.*" outputFolder="ScriptManager" exclude="*.pdb;*.log" />',
      )
      .replace('"/Q /F /C:ClientSetup.ini"\r\nhidden="true" />', '"/Q /F /C:ClientSetup.ini" />');
    expect(out).toBe('\ufeff' + want);
    // The comment, the entity in customerName and the line break inside the first <file> tag are untouched.
    expect(out).toContain('<!-- ACME -->');
    expect(out).toContain('ACME &amp; Co');
  });

  it('new <file> entries go after the existing ones, indented like them, with the file’s line ending', () => {
    const out = utf8(
      edit(bom(SAMPLE), (m) => {
        m.files!.push({
          key: null,
          include: '\\\\ACMESERVER\\SharedFiles\\ClientSetup.ini',
          exclude: null,
          subDirs: null,
          outputFolder: 'Solidus',
        });
      }),
    );
    expect(out).toBe(
      '\ufeff' +
        SAMPLE.replace(
          '    subDirs="true" outputFolder="ScriptManager" />\r\n',
          '    subDirs="true" outputFolder="ScriptManager" />\r\n' +
            '    <file include="\\\\ACMESERVER\\SharedFiles\\ClientSetup.ini" outputFolder="Solidus" />\r\n',
        ),
    );
    expect(read(new TextEncoder().encode(out.slice(1))).parsed.model.files).toHaveLength(3);
  });

  it('removes a <file> with its line; adds absent nodes in the manual’s order; fills <files/>', () => {
    const out = utf8(
      edit(bom(SAMPLE), (m) => {
        m.files = m.files!.filter((f) => f.key !== 0);
        m.customerName = null;
      }),
    );
    expect(out).not.toContain('NextCCclient');
    expect(out).not.toContain('customerName');
    expect(out).toContain(
      '<tenantID>1</tenantID>\r\n  <files>\r\n    <file include="$(WebServerUri)/MicCEInstallation/ScriptManager/*.*"',
    );

    const bare = new TextEncoder().encode('<configuration>\n  <files/>\n</configuration>\n');
    const filled = utf8(
      edit(bare, (m) => {
        m.tenantID = '1';
        m.execute = { command: 'Solidus\\ClientSetup.exe', args: null, hidden: null };
        m.files = [{ key: null, include: 'https://h/a.zip', exclude: null, subDirs: null, outputFolder: 'S' }];
      }),
    );
    expect(filled).toBe(
      '<configuration>\n  <execute command="Solidus\\ClientSetup.exe" />\n  <tenantID>1</tenantID>\n' +
        '  <files>\n    <file include="https://h/a.zip" outputFolder="S" />\n  </files>\n</configuration>\n',
    );
  });

  it('the default configuration for a new customer folder reads back to the manual’s nodes', () => {
    const f = read(defaultSetupConfig('ACME <Corp>', 1));
    expect(f.form).toEqual({ encoding: 'utf-8', bom: false, eol: '\r\n' });
    expect(f.parsed.model.customerName).toBe('ACME <Corp>');
    expect(problemsOf(f, f.parsed.model, ctx)).toEqual([]);
    expect(decodeSetupBytes(defaultSetupConfig('x', 1))).toMatchObject({ ok: true });
  });
});

describe('Setup.config: rules (each its own message naming the node and attribute)', () => {
  const base = (): SetupConfigModel => ({
    execute: { command: 'Solidus\\ClientSetup.exe', args: '/Q', hidden: 'false' },
    customerName: 'ACME',
    tenantID: '1',
    files: [{ key: 0, include: '$(WebServerUri)/x/*.*', exclude: null, subDirs: 'true', outputFolder: 'Solidus' }],
  });
  const one = (change: (m: SetupConfigModel) => void) => {
    const m = base();
    change(m);
    return setupConfigProblems(m, ctx);
  };
  it('the base model passes', () => expect(setupConfigProblems(base(), ctx)).toEqual([]));
  it.each<[string, (m: SetupConfigModel) => void, string, RegExp]>([
    [
      'execute command required',
      (m) => (m.execute!.command = null),
      'execute.command',
      /<execute> command is required/,
    ],
    [
      'execute hidden true/false',
      (m) => (m.execute!.hidden = 'yes'),
      'execute.hidden',
      /<execute> hidden is "true" or "false"/,
    ],
    ['tenantID required', (m) => (m.tenantID = null), 'tenantID', /<tenantID> is required/],
    ['tenantID a number', (m) => (m.tenantID = 'acme'), 'tenantID', /a whole number/],
    [
      'tenantID must exist',
      (m) => (m.tenantID = '7'),
      'tenantID',
      /7 is not a tenant of this installation \(1 = Demo\)/,
    ],
    ['tenantID another tenant', (m) => (m.tenantID = '2'), 'tenantID', /only a host administrator/],
    ['files required', (m) => (m.files = null), 'files', /<files> is required/],
    ['at least one file', (m) => (m.files = []), 'files', /at least one <file>/],
    ['include required', (m) => (m.files![0]!.include = ' '), 'files.0.include', /include is required/],
    [
      'include protocol',
      (m) => (m.files![0]!.include = 'C:\\x\\*.*'),
      'files.0.include',
      /http:\/\/, https:\/\/, ftp:\/\/, file:\/\/ or/,
    ],
    [
      'include of a server folder',
      (m) => (m.files![0]!.include = '$(InstallDir)x'),
      'files.0.include',
      /network accessible/,
    ],
    [
      'identifier known',
      (m) => (m.files![0]!.include = '$(WebServerURL)/x'),
      'files.0.include',
      /\$\(WebServerURL\) is not a replaceable identifier/,
    ],
    [
      'path identifier ends with \\',
      (m) => (m.execute!.command = '$(InstallDir)\\x.exe'),
      'execute.command',
      /already ends with "\\"/,
    ],
    ['unclosed identifier', (m) => (m.execute!.args = '$(InstallDir'), 'execute.args', /without a closing/],
    [
      'exclude only with wildcards',
      (m) => (
        (m.files![0]!.include = 'https://h/a.zip'),
        (m.files![0]!.subDirs = null),
        (m.files![0]!.exclude = '*.pdb')
      ),
      'files.0.exclude',
      /only applies when include contains the wildcards/,
    ],
    [
      'exclude separated by ;',
      (m) => (m.files![0]!.exclude = '*.pdb;;*.log'),
      'files.0.exclude',
      /separated by one ";"/,
    ],
    ['exclude specs, not paths', (m) => (m.files![0]!.exclude = 'bin\\*.pdb'), 'files.0.exclude', /not paths/],
    ['subDirs true/false', (m) => (m.files![0]!.subDirs = 'True'), 'files.0.subDirs', /subDirs is "true" or "false"/],
    [
      'subDirs only with wildcards',
      (m) => (m.files![0]!.include = 'https://h/a.zip'),
      'files.0.subDirs',
      /subDirs="true" only applies/,
    ],
    [
      'outputFolder required',
      (m) => (m.files![0]!.outputFolder = null),
      'files.0.outputFolder',
      /outputFolder is required/,
    ],
    [
      'outputFolder a subfolder',
      (m) => (m.files![0]!.outputFolder = '..\\x'),
      'files.0.outputFolder',
      /is a subfolder/,
    ],
    ['customerName length', (m) => (m.customerName = 'x'.repeat(201)), 'customerName', /at most 200/],
    [
      'new file after the existing ones',
      (m) => m.files!.unshift({ key: null, include: 'https://h/a', exclude: null, subDirs: null, outputFolder: 'S' }),
      'files.1.include',
      /a new <file> entry goes after the existing <file> entries/,
    ],
  ])('refuses: %s', (_, change, field, message) => {
    const problems = one(change);
    expect(problems).toContainEqual({ field, message: expect.stringMatching(message) });
  });
  it('the default configuration’s <tenantID>-1 (the Default folder): a host administrator keeps it, a tenant cannot', () => {
    const minus1 = base();
    minus1.tenantID = '-1';
    expect(setupConfigProblems(minus1, { ...ctx, hostAdmin: true })).toEqual([]);
    expect(setupConfigProblems(minus1, ctx)).toContainEqual({
      field: 'tenantID',
      message: expect.stringMatching(/-1 is the default configuration .*only a host administrator/),
    });
  });
  it.each([
    'http://h/a',
    'https://h/a',
    'ftp://h/a',
    'file://h/a',
    '\\\\ACMESERVER\\SharedFiles\\ClientSetup.ini',
    '\\\\$(BrokerServer)\\NextCCclient\\*.*',
  ])('accepts the include %s', (include) =>
    expect(one((m) => ((m.files![0]!.include = include), (m.files![0]!.subDirs = null)))).toEqual([]),
  );
});
