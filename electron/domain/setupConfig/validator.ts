import { SETUP_IDENTIFIERS, type FieldProblem, type SetupConfigModel } from '../../contract';

/**
 * The SETUP.CONFIG FORMAT rules, one message each, naming the node and attribute. Field paths
 * are the model's ("execute.command", "tenantID", "files.2.exclude"), so the page puts each
 * message beside its field.
 */
export interface SetupRulesContext {
  /** The tenants a <tenantID> may name: the caller's own, or every tenant for a host administrator. */
  tenants: ReadonlyArray<{ id: number; name: string }>;
  /** Every tenant of the console (to tell "does not exist" from "not yours"). */
  allTenantIds: ReadonlySet<number>;
  /**
   * A host administrator may keep the manual's default configuration's `<tenantID>-1</tenantID>`
   * (the WebDeployment\\Default folder, "Default Tenant": not associated with one tenant).
   */
  hostAdmin?: boolean;
}

/** The default configuration's tenant ID in the manual's SETUP.CONFIG FORMAT example. */
export const DEFAULT_FOLDER_TENANT_ID = -1;

const BOOL = ['true', 'false'];
const hasWildcard = (v: string) => /[*?]/.test(v);
const IDENT = /\$\(([^)]*)\)/g;
const KNOWN = new Map<string, (typeof SETUP_IDENTIFIERS)[number]>(SETUP_IDENTIFIERS.map((i) => [i.name, i]));

/** Unknown identifiers, and a path identifier followed by a backslash (it already ends with one). */
function identifierProblems(value: string, field: string, label: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const m of value.matchAll(IDENT)) {
    const id = KNOWN.get(m[1]!);
    if (!id) {
      out.push({
        field,
        message:
          `${label}: $(${m[1]}) is not a replaceable identifier ` +
          `(${SETUP_IDENTIFIERS.map((i) => `$(${i.name})`).join(', ')}).`,
      });
      continue;
    }
    const after = value[m.index! + m[0].length];
    if (id.path && (after === '\\' || after === '/'))
      out.push({
        field,
        message:
          `${label}: $(${id.name}) already ends with "\\"; ` +
          `write $(${id.name})Folder, not $(${id.name})${after}Folder.`,
      });
  }
  if (/\$\((?![^)]*\))/.test(value)) out.push({ field, message: `${label}: "$(" without a closing ")".` });
  return out;
}

/** The include as the client sees it: identifiers that stand for a server or URI replaced by a sample. */
function sampleOf(include: string): string {
  return include
    .replace(/\$\(WebServerUri\)/g, 'http://WEBSERVER:80')
    .replace(/\$\((BrokerServer|WebServer)\)/g, 'SERVER')
    .replace(/\$\(WebServerPort\)/g, '80');
}

const PROTOCOLS = /^(https?:\/\/|ftp:\/\/|file:\/\/|\\\\[^\\/]+[\\/])/i;

export function setupConfigProblems(m: SetupConfigModel, ctx: SetupRulesContext): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, message: string) => out.push({ field, message });

  if (m.execute) {
    const cmd = m.execute.command;
    if (cmd === null || cmd.trim() === '')
      add('execute.command', '<execute> command is required: the program that starts the installation.');
    else out.push(...identifierProblems(cmd, 'execute.command', '<execute> command'));
    if (m.execute.args !== null) out.push(...identifierProblems(m.execute.args, 'execute.args', '<execute> args'));
    if (m.execute.hidden !== null && !BOOL.includes(m.execute.hidden))
      add('execute.hidden', `<execute> hidden is "true" or "false", not "${m.execute.hidden}".`);
  }

  if (m.customerName !== null && m.customerName.length > 200)
    add('customerName', '<customerName> is at most 200 characters.');

  const t = m.tenantID?.trim() ?? '';
  if (m.tenantID === null || t === '')
    add('tenantID', '<tenantID> is required: the ID of the tenant associated to this customer.');
  else if (!/^-?\d+$/.test(t)) add('tenantID', `<tenantID> is a tenant's ID (a whole number), not "${t}".`);
  else if (Number(t) === DEFAULT_FOLDER_TENANT_ID) {
    if (!ctx.hostAdmin)
      add(
        'tenantID',
        '<tenantID> -1 is the default configuration (the Default folder, not one tenant); ' +
          "only a host administrator can keep it. Use your tenant's ID.",
      );
  } else if (!ctx.allTenantIds.has(Number(t)))
    add(
      'tenantID',
      `<tenantID> ${t} is not a tenant of this installation` +
        (ctx.tenants.length ? ` (${ctx.tenants.map((x) => `${x.id} = ${x.name}`).join(', ')}).` : '.'),
    );
  else if (!ctx.tenants.some((x) => x.id === Number(t)))
    add('tenantID', `<tenantID> ${t} is another tenant; only a host administrator can associate a customer with it.`);

  if (m.files === null) add('files', '<files> is required: the list of files to download.');
  else if (m.files.length === 0) add('files', '<files> needs at least one <file> node.');
  else {
    let sawNew = false;
    let lastKey = -1;
    m.files.forEach((f, i) => {
      const at = (a: string) => `files.${i}.${a}`;
      const label = `<file> ${i + 1}`;
      if (f.key === null) sawNew = true;
      else if (sawNew || f.key <= lastKey)
        add(at('include'), `${label}: a new <file> entry goes after the existing <file> entries.`);
      else lastKey = f.key;

      const inc = f.include?.trim() ?? '';
      if (f.include === null || inc === '') add(at('include'), `${label} include is required: the files to download.`);
      else {
        const idp = identifierProblems(inc, at('include'), `${label} include`);
        out.push(...idp);
        if (idp.length === 0 && !PROTOCOLS.test(sampleOf(inc)))
          add(
            at('include'),
            `${label} include must be network accessible by the client: http://, https://, ftp://, file:// or ` +
              `\\\\UNCPATH (or $(WebServerUri)/…), not "${inc}".`,
          );
      }
      if (f.exclude !== null && f.exclude.trim() !== '') {
        if (!hasWildcard(inc))
          add(at('exclude'), `${label} exclude only applies when include contains the wildcards * or ?.`);
        else if (f.exclude.split(';').some((s) => s.trim() === ''))
          add(at('exclude'), `${label} exclude: file specs are separated by one ";", with none empty.`);
        else if (/[\\/]/.test(f.exclude))
          add(at('exclude'), `${label} exclude lists file specs (names with * and ?), not paths.`);
      }
      if (f.subDirs !== null) {
        if (!BOOL.includes(f.subDirs)) add(at('subDirs'), `${label} subDirs is "true" or "false", not "${f.subDirs}".`);
        else if (f.subDirs === 'true' && inc !== '' && !hasWildcard(inc))
          add(at('subDirs'), `${label} subDirs="true" only applies when include contains the wildcards * or ?.`);
      }
      const outF = f.outputFolder?.trim() ?? '';
      if (f.outputFolder === null || outF === '')
        add(at('outputFolder'), `${label} outputFolder is required: the subfolder to place the files in.`);
      else if (/^([A-Za-z]:|[\\/])/.test(outF) || /(^|[\\/])\.\.([\\/]|$)/.test(outF) || /[<>:"|?*]/.test(outF))
        add(at('outputFolder'), `${label} outputFolder is a subfolder (like Solidus), not "${outF}".`);
    });
  }
  return out;
}
