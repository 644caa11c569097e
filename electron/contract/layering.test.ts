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

// The layering/imports rule (eslint.config.js LAYERS) for every folder: each case is refused by the
// real config, and the neighbouring allowed import shows the rule is not simply refusing everything.
async function layering(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layering/imports').map((m) => m.message);
}
const imp = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

describe('electron/domain is pure', () => {
  const file = 'electron/domain/example/rule.ts';
  it('a domain file importing node:fs (or fs, net, electron) is an error', async () => {
    expect((await layering(file, imp('node:fs'))).join()).toMatch(/electron\/domain is pure rules \(no I\/O\)/);
    expect(await layering(file, imp('fs'))).toHaveLength(1);
    expect(await layering(file, imp('node:net'))).toHaveLength(1);
    expect(await layering(file, imp('electron'))).toHaveLength(1);
    expect(await layering(file, imp('node:crypto'))).toEqual([]);
  });
  it('imports no connectors, services, ipc, host, window or log', async () => {
    for (const spec of [
      '../../connectors/db/schema',
      '../../services/users',
      '../../ipc/errors',
      '../../host/server',
      '../../window/desktop',
      '../../log/logger',
    ]) {
      expect((await layering(file, imp(spec))).join(), spec).toMatch(/imports only domain/);
    }
    for (const spec of ['../users/rights', '../../shared/regEncoding', '../../contract', 'zod']) {
      expect(await layering(file, imp(spec)), spec).toEqual([]);
    }
  });
  it('its tests may read fixtures with node:fs, but still import no services', async () => {
    expect(await layering('electron/domain/example/rule.test.ts', imp('node:fs'))).toEqual([]);
    expect(await layering('electron/domain/example/rule.test.ts', imp('../../services/users'))).toHaveLength(1);
  });
});

describe('electron/shared is pure and imports only the contract', () => {
  const file = 'electron/shared/example.ts';
  it('refuses node:*, electron and the rest of main', async () => {
    expect(await layering(file, imp('node:path'))).toHaveLength(1);
    expect(await layering(file, imp('electron'))).toHaveLength(1);
    expect(await layering(file, imp('../domain/registry'))).toHaveLength(1);
    expect(await layering(file, imp('../contract'))).toEqual([]);
    expect(await layering(file, imp('./regEncoding'))).toEqual([]);
  });
  it('the renderer may import it', async () => {
    const code = imp('../../../../electron/shared/regEncoding');
    expect(await restricted('renderer/src/features/x/View.tsx', code)).toEqual([]);
    expect(await layering('renderer/src/features/x/View.tsx', code)).toEqual([]);
  });
});

describe('connectors do not import services', () => {
  const file = 'electron/connectors/db/example.ts';
  it('refuses services, ipc (but its errors), host and window', async () => {
    expect((await layering(file, imp('../../services/users'))).join()).toMatch(/Connectors do not import services/);
    expect(await layering(file, imp('../../ipc/router'))).toHaveLength(1);
    expect(await layering(file, imp('../../window/desktop'))).toHaveLength(1);
    expect(await layering(file, imp('../../ipc/errors'))).toEqual([]);
    expect(await layering(file, imp('../../domain/objectTags/codes'))).toEqual([]);
    expect(await layering(file, imp('./schema'))).toEqual([]);
  });
});

describe('only the Electron adapters import electron', () => {
  it('a service importing electron (static, dynamic or require) is an error', async () => {
    const file = 'electron/services/alarms/example.ts';
    expect((await layering(file, imp('electron'))).join()).toMatch(/Only the Electron adapters/);
    const dynamic = "export async function f() {\n  return (await import('electron')).Notification;\n}\n";
    expect(await layering(file, dynamic)).toHaveLength(1);
    expect(await layering(file, "export const e = require('electron');\n")).toHaveLength(1);
    expect(await layering('electron/connectors/db/example.ts', imp('electron'))).toHaveLength(1);
  });
  it('services do not import the adapters either (they get them injected)', async () => {
    expect(await layering('electron/services/alarms/example.ts', imp('../../window/desktop'))).toHaveLength(1);
  });
  it('main.ts, electron/window/, electron/ipc/electronIpc.ts and preload/ may', async () => {
    for (const file of ['electron/main.ts', 'electron/window/desktop.ts', 'electron/ipc/electronIpc.ts']) {
      expect(await layering(file, imp('electron')), file).toEqual([]);
    }
    expect(await layering('preload/preload.ts', imp('electron'))).toEqual([]);
  });
});

describe('features import each other only through their index.ts', () => {
  it('main: a file of one feature importing another feature’s internals is an error', async () => {
    const file = 'electron/services/users/usersService.ts';
    expect((await layering(file, imp('../dispatch/licences'))).join()).toMatch(
      /Feature 'users' may import feature 'dispatch' only through its index.ts/,
    );
    expect(await layering('electron/services/users/sub/deep.ts', imp('../../dispatch/licences'))).toHaveLength(1);
    for (const spec of ['../dispatch', '../dispatch/index', './userRepo', '../deps', '../testing/harness']) {
      expect(await layering(file, imp(spec)), spec).toEqual([]);
    }
    // The test harness is shared, not a feature.
    expect(await layering('electron/services/testing/harness.ts', imp('../data/dataContext'))).toEqual([]);
  });
  it('renderer: the same between renderer/src/features/<name>/', async () => {
    const file = 'renderer/src/features/dispatch/AgentsView.tsx';
    expect((await layering(file, imp('../users/openUserTab'))).join()).toMatch(
      /Feature 'dispatch' may import feature 'users' only through its index.ts/,
    );
    expect(await layering('renderer/src/features/dispatch/sub/View.tsx', imp('../../users/openUserTab'))).toHaveLength(
      1,
    );
    expect(await layering(file, imp('../users'))).toEqual([]);
    expect(await layering(file, imp('./openServiceGroupTab'))).toEqual([]);
    expect(await layering(file, imp('../../ui/kit'))).toEqual([]);
  });
});
