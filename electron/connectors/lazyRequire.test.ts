import { describe, expect, it } from 'vitest';
import { lazyRequire } from './lazyRequire';

describe('lazyRequire', () => {
  it('requires the package on first use only, then answers the same module', () => {
    const before = Object.keys(require.cache).some((k) => k.includes('/node_modules/semver/'));
    const semver = lazyRequire<{ valid: (v: string) => string | null }>('semver');
    expect(Object.keys(require.cache).some((k) => k.includes('/node_modules/semver/'))).toBe(before);
    expect(semver().valid('1.2.3')).toBe('1.2.3');
    expect(semver()).toBe(semver());
    expect(Object.keys(require.cache).some((k) => k.includes('/node_modules/semver/'))).toBe(true);
  });
});
