/// <reference types="vite/client" />
/**
 * Sample arguments for every non-public method, for permissions.test.ts and textArgs.test.ts.
 * Each feature keeps its own in electron/services/<feature>/permissionSamples.ts (test data, so
 * not on the feature's descriptor: it stays out of the shipped bundle); vitest collects them
 * here, so adding a feature needs no line in this file.
 */
const files = import.meta.glob<{ samples: Record<string, unknown> }>('../../*/permissionSamples.ts', {
  eager: true,
});

function collect(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [file, mod] of Object.entries(files)) {
    for (const [method, args] of Object.entries(mod.samples)) {
      if (method in out) throw new Error(`${file}: the sample for ${method} is defined twice.`);
      out[method] = args;
    }
  }
  return out;
}

export const sampleArgs: Record<string, unknown> = collect();
