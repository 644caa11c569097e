import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the layering rules of DESIGN.md are lint errors, not conventions: the real
// eslint.config.js is run on small sources placed (virtually) at the paths that matter.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('renderer imports', () => {
  const file = 'renderer/src/features/x/View.tsx';
  it('may import the contract', async () => {
    expect(
      await restricted(file, "import { contract } from '../../../../electron/contract';\nexport const c = contract;\n"),
    ).toEqual([]);
    expect(
      await restricted(
        file,
        "import { Preferences } from '../../../../electron/contract/services/prefs';\nexport const p = Preferences;\n",
      ),
    ).toEqual([]);
  });
  it('may not import main code outside the contract', async () => {
    const msgs = await restricted(
      file,
      "import { startCore } from '../../../../electron/services';\nexport const s = startCore;\n",
    );
    expect(msgs.join()).toMatch(/only from electron\/contract/);
    expect(
      await restricted(
        file,
        "import { ServiceError } from '../../../../electron/ipc/errors';\nexport const e = ServiceError;\n",
      ),
    ).toHaveLength(1);
  });
  it('may not import electron or node modules', async () => {
    expect(
      await restricted(file, "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"),
    ).toHaveLength(1);
    expect(
      await restricted(file, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"),
    ).toHaveLength(1);
    expect(await restricted(file, "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n")).toHaveLength(
      1,
    );
  });
});

describe('contract imports', () => {
  const file = 'electron/contract/services/example.ts';
  it('may import zod and its own modules', async () => {
    expect(
      await restricted(
        file,
        "import { z } from 'zod';\nimport { method } from '../define';\nexport const m = [z, method];\n",
      ),
    ).toEqual([]);
  });
  it('may not import node:* or electron', async () => {
    expect(await restricted(file, "import { join } from 'node:path';\nexport const j = join;\n")).toHaveLength(1);
    expect(await restricted(file, "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });
  it('may not import the rest of main', async () => {
    expect(
      await restricted(file, "import { ServiceError } from '../../ipc/errors';\nexport const e = ServiceError;\n"),
    ).toHaveLength(1);
    expect(
      await restricted('electron/contract/index.ts', "import { x } from '../ipc/router';\nexport const y = x;\n"),
    ).toHaveLength(1);
  });
});
