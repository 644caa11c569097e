import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain ESM script without types
import { electronBinary } from './electron-binary.mjs';

describe('npm start: can Electron run here?', () => {
  it('says the binary is missing when it was never downloaded (this machine)', () => {
    const r = electronBinary({ DISPLAY: ':0' }, 'linux');
    // On a machine with the binary this answers ok; the next cases pin each rule.
    if (!r.ok) expect(r.reason).toMatch(/Electron binary is not downloaded|no display/);
  });
  it('finds an overridden binary and then needs a display on Linux', () => {
    const dist = mkdtempSync(join(tmpdir(), 'ccm-el-'));
    writeFileSync(join(dist, 'electron'), '');
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':0' }, 'linux')).toEqual({
      ok: true,
      path: join(dist, 'electron'),
    });
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux')).toEqual({
      ok: false,
      reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)',
    });
  });
  it('reports a missing binary without trying to download it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'ccm-el-'));
    const r = electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: empty, DISPLAY: ':0' }, 'linux');
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/not downloaded/);
  });
});
