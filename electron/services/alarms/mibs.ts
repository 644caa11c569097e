import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIndex, parseMibText, type MibIndex, type MibProblem, type ParsedModule } from '../../domain/alarms/mib';

/** resources/mibs: next to the app when packaged (extraResources), in the repository otherwise. */
export function shippedMibDir(): string | null {
  const candidates = [
    process.env.CCM_MIBS_DIR,
    (process as { resourcesPath?: string }).resourcesPath
      ? join((process as { resourcesPath?: string }).resourcesPath!, 'mibs')
      : undefined,
    resolve(__dirname, '../../resources/mibs'), // out/main → repository
    resolve(__dirname, '../../../resources/mibs'), // electron/services/alarms (tests)
    resolve(process.cwd(), 'resources/mibs'),
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'MICC-ENTERPRISE-EVENT-MIB.txt'))) return c;
  return null;
}

let shippedCache: ParsedModule[] | null = null;

/** The shipped modules, parsed once (they are ours: a problem in them is a bug, thrown). */
export function shippedModules(): ParsedModule[] {
  if (shippedCache) return shippedCache;
  const dir = shippedMibDir();
  if (!dir) return (shippedCache = []);
  const out: ParsedModule[] = [];
  // Standard modules first so they name shared OIDs.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort((a, b) => Number(a.startsWith('MICC')) - Number(b.startsWith('MICC')) || a.localeCompare(b));
  for (const f of files) {
    const r = parseMibText(readFileSync(join(dir, f), 'utf8'), f);
    if (r.problems.length)
      throw new Error(`shipped MIB ${f}: ${r.problems.map((p) => `line ${p.line}: ${p.reason}`).join('; ')}`);
    out.push(...r.modules);
  }
  return (shippedCache = out);
}

export const describeProblems = (problems: MibProblem[]) =>
  problems.map((p) => `${p.file}, line ${p.line}: ${p.reason}`).join('\n');

/**
 * Shipped + imported (+ candidates being imported): the index, or the problems. Imported
 * modules replace shipped ones of the same name.
 */
export function indexFor(imported: { fileName: string; text: string }[]): {
  index: MibIndex;
  problems: MibProblem[];
  modules: ParsedModule[];
} {
  const problems: MibProblem[] = [];
  const modules: ParsedModule[] = [...shippedModules()];
  for (const f of imported) {
    const r = parseMibText(f.text, f.fileName);
    problems.push(...r.problems);
    modules.push(...r.modules);
  }
  const built = buildIndex(modules);
  return { index: built.index, problems: [...problems, ...built.problems], modules };
}
