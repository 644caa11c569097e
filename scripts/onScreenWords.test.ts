// No internal words on screen: the renderer's texts, the demo data and the messages main sends
// to the user never say "seed" (what the team calls the vendor manuals) or cite "issue 12".
// Comments may (they are for developers); strings and JSX text may not.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '..');
const FORBIDDEN = [/\bseed(s|ed|ing)?\b/i, /\bissues? #?\d+/i, /\bOSCC user\b/];

function files(dir: string, keep: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out;
}

const source = (f: string) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts');

/** Every text a file shows: string literals, template text and JSX text; `only` narrows to some calls. */
function texts(file: string, only?: (node: ts.Node) => boolean): { text: string; line: number }[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const add = (node: ts.Node, text: string) =>
    found.push({ text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  const visit = (node: ts.Node, inside: boolean): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return; // module paths
    const here = inside || !only || only(node);
    if (here) {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
      else if (ts.isTemplateExpression(node)) {
        add(node, node.head.text);
        for (const span of node.templateSpans) add(span, span.literal.text);
      } else if (ts.isJsxText(node)) add(node, node.text);
    }
    ts.forEachChild(node, (child) => visit(child, here));
  };
  visit(sf, false);
  return found;
}

/** `new ServiceError(…)`, `new Error(…)`, `message: …` and notices: what main tells the user. */
const userMessage = (node: ts.Node): boolean =>
  (ts.isNewExpression(node) && /Error$/.test(node.expression.getText())) ||
  (ts.isPropertyAssignment(node) && ['message', 'text', 'title', 'body', 'hint'].includes(node.name.getText())) ||
  // the steps of a preview the user reads (step('deflect', `…`))
  (ts.isCallExpression(node) && ['step', 'done', 'notice', 'warn', 'problem'].includes(node.expression.getText()));

function offenders(list: string[], only?: (node: ts.Node) => boolean): string[] {
  const bad: string[] = [];
  for (const f of list)
    for (const t of texts(f, only))
      if (FORBIDDEN.some((re) => re.test(t.text))) bad.push(`${relative(root, f)}:${t.line}: ${t.text.trim()}`);
  return bad;
}

describe('words on screen', () => {
  it('the renderer shows no "seed" and no issue numbers', () => {
    expect(offenders(files(join(root, 'renderer/src'), source))).toEqual([]);
  });

  it('the demo data has none either', () => {
    // Each feature's demo rows (electron/services/<feature>/demo.ts) and the base demo.
    const demo = [
      ...files(join(root, 'electron/services'), (f) => source(f) && /[\\/]demo\w*\.ts$/.test(f)),
      join(root, 'electron/connectors/db/demoSeed.ts'),
    ];
    expect(demo.length).toBeGreaterThan(3);
    expect(offenders(demo)).toEqual([]);
  });

  it('nor do the messages main sends (errors, notices)', () => {
    const main = [...files(join(root, 'electron/services'), source), ...files(join(root, 'electron/domain'), source)];
    expect(offenders(main, userMessage)).toEqual([]);
  });

  it('nor the contract’s method summaries', () => {
    const summary = (node: ts.Node) => ts.isPropertyAssignment(node) && node.name.getText() === 'summary';
    expect(offenders(files(join(root, 'electron/contract'), source), summary)).toEqual([]);
  });

  it('every Help topic shipped is cited on screen', () => {
    const index = JSON.parse(readFileSync(join(root, 'resources/help/index.json'), 'utf8')) as Record<string, unknown>;
    const cited = new Set<string>();
    // a help="…" prop, help={… ? 'a' : 'b'}, or <HelpLink id="…" />: the quoted ids on those lines
    for (const f of files(join(root, 'renderer/src'), source))
      for (const line of readFileSync(f, 'utf8').split('\n'))
        if (/\bhelp=|<HelpLink id=/.test(line))
          for (const m of line.matchAll(/["'`]([A-Za-z-]+)["'`]/g)) cited.add(m[1]!);
    // (a citation of an unknown id does not compile: HelpId is the index's keys)
    expect(Object.keys(index).filter((id) => !cited.has(id))).toEqual([]);
  });

  it('catches a string, a template and JSX text, but not a comment', () => {
    const dir = resolve(root, 'out/.words-probe');
    const probe = join(dir, 'probe.tsx');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      probe,
      [
        '// seed 001 (a comment is fine)',
        "const a = 'Seed example';",
        'const b = `see issue 12 for ${a}`;',
        'const c = <p>as issue 9 says</p>;',
        "const d = 'a seedless word';",
      ].join('\n'),
    );
    expect(offenders([probe]).map((s) => s.replace(/^.*probe\.tsx:/, ''))).toEqual([
      '2: Seed example',
      '3: see issue 12 for',
      '4: as issue 9 says',
    ]);
  });
});
