// The `layering/imports` ESLint rule: which folder may import what, as one table (eslint.config.js
// LAYERS). Unlike no-restricted-imports it resolves relative specifiers to repository paths, so
// '../../services/x' and '../services/x' are the same target wherever the importing file sits, and it
// also sees dynamic import('…') and require('…').
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const builtins = new Set(builtinModules);
const isBuiltin = (s) => s.startsWith('node:') || builtins.has(s) || builtins.has(s.split('/')[0]);
const posix = (p) => p.split(sep).join('/');
const under = (path, folder) => path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
const anyUnder = (path, folders = []) => folders.some((f) => under(path, f));
const isTest = (file) => /\.test\.tsx?$/.test(file) || /(^|\/)testing\//.test(file);
const stripExt = (p) => p.replace(/\.(d\.ts|tsx?|mjs|cjs|js)$/, '');

/**
 * One layer: `files` (folders or files, repository-relative) it applies to, minus `except`;
 * `modules`: bare modules it may not import ('node' = every Node built-in, minus `allowModules`);
 * `folders`: repository folders it may not import, minus `allowFolders` (or `only`: the folders it may
 * import, nothing else of the repository); `tests: 'relaxed'` lets
 * *.test.ts and testing/ files import what the layer refuses (fixtures read with node:fs, an
 * integration test that starts the services).
 */
function checkLayer(layer, file, spec, target) {
  if (!anyUnder(file, layer.files) || anyUnder(file, layer.except)) return null;
  if (layer.tests === 'relaxed' && isTest(file)) return null;
  if (target === null) {
    const refused =
      (layer.modules ?? []).some((m) => (m === 'node' ? isBuiltin(spec) : spec === m || spec.startsWith(`${m}/`))) &&
      !(layer.allowModules ?? []).includes(spec);
    return refused ? `${layer.message} ('${spec}')` : null;
  }
  const refused = layer.only
    ? !anyUnder(target, layer.only)
    : anyUnder(target, layer.folders) && !anyUnder(target, layer.allowFolders);
  return refused ? `${layer.message} ('${spec}')` : null;
}

/**
 * Features: inside `root` every sub-folder is a feature (but `shared` ones, such as the test harness); a file of
 * feature A may import
 * feature B only through B's index.ts, so B's internals can move without A noticing.
 */
function checkFeatures(features, file, spec, target) {
  if (target === null) return null;
  for (const { root, shared = [] } of features) {
    const feature = (p) => (under(p, root) && p !== root ? p.slice(root.length + 1).split('/') : null);
    const from = feature(file);
    const to = feature(target);
    if (!from || !to || from.length < 2 || from[0] === to[0]) continue;
    if (shared.includes(from[0]) || shared.includes(to[0])) continue;
    const rest = to.slice(1).join('/');
    if (rest === '' || rest === 'index') continue;
    return (
      `Feature '${from[0]}' may import feature '${to[0]}' only through its index.ts ` +
      `('${root}/${to[0]}'), not '${to[0]}/${rest}': export what you need from there.`
    );
  }
  return null;
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Layering: what each folder may import (eslint.config.js LAYERS)' },
    schema: [{ type: 'object', additionalProperties: true }],
  },
  create(context) {
    const { layers = [], features = [] } = context.options[0] ?? {};
    const cwd = context.cwd;
    const file = posix(relative(cwd, context.filename));
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const spec = node.value;
      const target = spec.startsWith('.')
        ? stripExt(posix(relative(cwd, resolve(dirname(context.filename), spec))))
        : null;
      for (const layer of layers) {
        const message = checkLayer(layer, file, spec, target);
        if (message) return context.report({ node, message });
      }
      const message = checkFeatures(features, file, spec, target);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n.arguments[0]);
      },
    };
  },
};
