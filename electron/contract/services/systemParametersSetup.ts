import { z } from 'zod';
import { method } from '../define';
import { canRead, canWrite } from '../permissions';
import type { FieldProblem } from './systemParameters';

/**
 * System › Web installation (MiCC Enterprise manual, CUSTOMER CONFIGURATIONS FOR WEB
 * INSTALLATION AND CLIENT UPDATES) and Hotfix (HOTFIX/INSTALLATION UPDATES, MICCEHOTFIXINSTALLER).
 * A customer folder (CustomerID) holds its Setup.config; the console keeps the file's bytes as
 * imported and edits them in place (main: electron/domain/setupConfig), so an unchanged file
 * exports byte for byte and an edit changes only what was edited. Per tenant: System read to see,
 * System write to change, another tenant's folders only for a host administrator.
 */

const Attr = z.string().max(2000, 'at most 2,000 characters').nullable();

/** One <file> entry; `key` is its index among the stored file's <file> entries, null for a new one. */
export const SetupConfigFile = z.object({
  key: z.number().int().min(0).nullable(),
  include: Attr,
  exclude: Attr,
  subDirs: Attr,
  outputFolder: Attr,
});
export type SetupConfigFile = z.infer<typeof SetupConfigFile>;

/**
 * The SETUP.CONFIG FORMAT nodes as text exactly as written (decoded): null = the element or
 * attribute is absent (its default applies), so "hidden" can be refused when it is neither
 * "true" nor "false" and nothing is added that the file did not have.
 */
export const SetupConfigModel = z.object({
  execute: z.object({ command: Attr, args: Attr, hidden: Attr }).nullable(),
  customerName: Attr,
  tenantID: Attr,
  /** null: no <files> node. */
  files: z.array(SetupConfigFile).max(500, 'at most 500 <file> entries').nullable(),
});
export type SetupConfigModel = z.infer<typeof SetupConfigModel>;

export const SetupConfigForm = z.object({
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']),
  bom: z.boolean(),
  eol: z.enum(['\r\n', '\n', '\r']),
});
export type SetupConfigForm = z.infer<typeof SetupConfigForm>;

const Meta = {
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
};

export const SetupConfigSummary = z.object({
  id: z.number().int(),
  tenantId: z.number().int(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  tenantID: z.string().nullable(),
  bytes: z.number().int(),
  ...Meta,
});
export type SetupConfigSummary = z.infer<typeof SetupConfigSummary>;

export const SetupConfigDoc = z.object({
  id: z.number().int(),
  tenantId: z.number().int(),
  customerId: z.string(),
  config: SetupConfigModel,
  form: SetupConfigForm,
  bytes: z.number().int(),
  /** The tenants a <tenantID> may name (the caller's own; every tenant for a host administrator). */
  tenants: z.array(z.object({ id: z.number().int(), name: z.string() })),
  ...Meta,
});
export type SetupConfigDoc = z.infer<typeof SetupConfigDoc>;

export const SetupProblems = z.object({
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
});

/** A file travels as base64 (the bytes, whatever their encoding); at most 1 MB of bytes. */
const Base64 = z
  .string()
  .max(1_400_000, 'the file is larger than 1 MB')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const CustomerId = z.string().max(64, 'at most 64 characters');
const Version = z.number().int().min(0);
const Tenant = { tenantId: z.number().int().positive().optional() };

// ---------------------------------------------------------------- pure rules (page and main)

/** The repository folder name, also the last part of the download URL. */
export function customerIdProblem(id: string): string | null {
  const t = id.trim();
  if (t === '') return 'CustomerID is required: it is the name of the customer folder in the repository.';
  if (t.length > 64) return 'CustomerID is at most 64 characters.';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(t))
    return 'CustomerID may contain only letters, digits, ".", "_" and "-" (it is a folder name and part of the URL).';
  if (/^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i.test(t)) return `CustomerID ${t} is a reserved Windows name.`;
  if (t.endsWith('.')) return 'CustomerID may not end with ".".';
  return null;
}

/** The client download page and the ClientSetup.ini generation page of a customer folder. */
export function setupUrls(customerId: string, webServer = 'SECWEBSERVER') {
  const id = encodeURIComponent(customerId.trim());
  return {
    install: `http://${webServer}/MiCCEInstallation/install/${id}`,
    clientSetup: `http://${webServer}/MiCCEInstallation/ClientSetup/${id}`,
    folder: `<InstallDir>\\WebDeployment\\${customerId.trim()}`,
  };
}

/** REPLACEABLE IDENTIFIERS of Setup.config; `path`: replaced by a folder that ends with "\". */
export const SETUP_IDENTIFIERS = [
  { name: 'InstallDir', path: true, text: 'MiCC Enterprise installation folder.' },
  { name: 'SMInstallDir', path: true, text: 'Script Manager installation folder.' },
  { name: 'SMSGInstallDir', path: true, text: 'Mitel SMS Gateway installation folder.' },
  { name: 'TASInstallDir', path: true, text: 'TAS installation folder.' },
  {
    name: 'EricssonShareDir',
    path: true,
    text: 'Common shared folder. Typically, C:\\Program Files (x86)\\Common Files\\EricssonShare\\.',
  },
  {
    name: 'NextCCShareDir',
    path: true,
    text:
      'MiCC Enterprise common shared folder. Typically, ' +
      'C:\\Program Files (x86)\\Common Files\\EricssonShare\\NextCCShare\\.',
  },
  { name: 'BrokerServer', path: false, text: 'Broker server computer.' },
  { name: 'WebServer', path: false, text: 'MiCC Enterprise Web server.' },
  { name: 'WebServerPort', path: false, text: 'MiCC Enterprise Web server port.' },
  {
    name: 'WebServerUri',
    path: false,
    text: 'The full URI to the MiCC Enterprise Web server. For example, http://WEBSERVER:80',
  },
  { name: 'WindowsDir', path: true, text: 'Windows folder.' },
  { name: 'System32Dir', path: true, text: 'System folder.' },
] as const;

// ---------------------------------------------------------------- Hotfix

export const HotfixCommand = z.object({
  /** The installer: <InstallDir>\NextCC Setup\MiCCEHotFixInstaller.exe, or one supplied with the hotfix. */
  installer: z.string().max(400),
  /** /i:<Configuration Filename>; '' = not given (the installer asks). */
  configFile: z.string().max(400),
  /** /s: install silently and exit (exit code 0 success, 1 error). */
  silent: z.boolean(),
});
export type HotfixCommand = z.infer<typeof HotfixCommand>;

export const DEFAULT_HOTFIX_INSTALLER =
  'C:\\Program Files (x86)\\Mitel\\MiCC Enterprise\\NextCC Setup\\MiCCEHotFixInstaller.exe';

const winPathProblem = (v: string): string | null => {
  if (/["\r\n\t]/.test(v)) return 'may not contain quotes, tabs or line breaks';
  if (/[<>|*?]/.test(v)) return 'may not contain < > | * or ?';
  return null;
};

export function hotfixProblems(c: HotfixCommand): FieldProblem[] {
  const out: FieldProblem[] = [];
  const installer = c.installer.trim();
  if (installer === '')
    out.push({ field: 'installer', message: 'Installer: the path of MiCCEHotFixInstaller.exe is required.' });
  else {
    const p = winPathProblem(installer);
    if (p) out.push({ field: 'installer', message: `Installer ${p}.` });
    else if (!/\.exe$/i.test(installer))
      out.push({ field: 'installer', message: 'Installer: the path names the program, MiCCEHotFixInstaller.exe.' });
  }
  const config = c.configFile.trim();
  if (config !== '') {
    const p = winPathProblem(config);
    if (p) out.push({ field: 'configFile', message: `Configuration Filename ${p}.` });
    else if (!/\.config$/i.test(config))
      out.push({
        field: 'configFile',
        message: 'Configuration Filename: a hotfix is described by its *.config file (the name ends in .config).',
      });
  } else if (c.silent)
    out.push({
      field: 'configFile',
      message: 'Configuration Filename is required with /s: a silent install has no window to choose the file in.',
    });
  return out;
}

/** Quotes an argument for a Windows command line when it holds a space (no quotes are allowed inside). */
const quoted = (v: string) => (/\s/.test(v) ? `"${v}"` : v);

/** `MiCCEHotFixInstaller [/i:<Configuration Filename>] [/s]` from the fields (check hotfixProblems first). */
export function hotfixCommandLine(c: HotfixCommand): string {
  const parts = [quoted(c.installer.trim())];
  const config = c.configFile.trim();
  if (config !== '') parts.push(`/i:${quoted(config)}`);
  if (c.silent) parts.push('/s');
  return parts.join(' ');
}

export const HotfixLog = z.object({
  /** The manual's path: %USERPROFILE%\AppData\Local\Mitel\MiCC Enterprise\MiCCEHotFixInstaller\…log */
  manualPath: z.string(),
  /** That path on this computer (a Logs file source follows it). */
  path: z.string(),
  platform: z.string(),
});

// ---------------------------------------------------------------- methods (in systemParametersService)

export const setupConfigMethods = {
  listSetupConfigs: method({
    args: z.object(Tenant),
    result: z.array(SetupConfigSummary),
    permission: canRead('system'),
    summary: "The tenant's customer folders for web installation (CustomerID and Setup.config)",
  }),
  getSetupConfig: method({
    args: z.object({ id: z.number().int() }),
    result: SetupConfigDoc,
    permission: canRead('system'),
    summary: "A customer folder's Setup.config, read into its nodes",
  }),
  createSetupConfig: method({
    args: z.object({
      ...Tenant,
      customerId: CustomerId,
      /** An imported Setup.config; absent: the default configuration with this tenant's ID. */
      contentBase64: Base64.optional(),
    }),
    result: SetupConfigDoc,
    permission: canWrite('system'),
    summary: 'Add a customer folder (CustomerID unique, not case sensitive) with its Setup.config',
  }),
  importSetupConfig: method({
    args: z.object({ id: z.number().int(), expectedVersion: Version, contentBase64: Base64 }),
    result: SetupConfigDoc,
    permission: canWrite('system'),
    summary: "Replace a customer folder's Setup.config with a file's bytes (refused when stale or invalid)",
  }),
  validateSetupConfig: method({
    args: z.object({ id: z.number().int(), customerId: CustomerId, config: SetupConfigModel }),
    result: SetupProblems,
    permission: canRead('system'),
    summary: 'Every rule a Setup.config as edited breaks (nothing is stored)',
  }),
  saveSetupConfig: method({
    args: z.object({
      id: z.number().int(),
      expectedVersion: Version,
      customerId: CustomerId,
      config: SetupConfigModel,
    }),
    result: SetupConfigDoc,
    permission: canWrite('system'),
    summary: "Save a customer folder's Setup.config as edited (only the edited parts change; refused when stale)",
  }),
  deleteSetupConfig: method({
    args: z.object({ id: z.number().int(), expectedVersion: Version }),
    result: z.object({ ok: z.literal(true) }),
    permission: canWrite('system'),
    summary: 'Remove a customer folder',
  }),
  exportSetupConfig: method({
    args: z.object({ id: z.number().int() }),
    result: z.object({ fileName: z.string(), contentBase64: z.string() }),
    permission: canRead('system'),
    summary: "A customer folder's Setup.config, its bytes as stored",
  }),
  getHotfixLog: method({
    args: z.object({}),
    result: HotfixLog,
    permission: canRead('system'),
    summary: 'Where MiCCEHotFixInstaller writes its log on this computer',
  }),
  followHotfixLog: method({
    args: z.object({}),
    result: z.object({ id: z.string(), path: z.string() }),
    permission: canWrite('logs'),
    summary: "Follow MiCCEHotFixInstaller's log in Logs as a file source (host administrator)",
  }),
};
