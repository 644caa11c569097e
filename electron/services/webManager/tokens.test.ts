import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// The generator must take its bytes from node:crypto's CSPRNG: spy on it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  return { ...real, randomBytes: vi.fn(real.randomBytes) };
});

describe('generated tokens', () => {
  it('are 64 bytes from crypto.randomBytes, hex-encoded (128 characters)', async () => {
    const crypto = await import('node:crypto');
    const { generateToken } = await import('./tokens');
    const spy = vi.mocked(crypto.randomBytes);
    spy.mockClear();
    const t = generateToken();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith(64);
    expect(t).toBe((spy.mock.results[0]!.value as Buffer).toString('hex'));
    expect(t).toMatch(/^[0-9a-f]{128}$/);
    const many = new Set(Array.from({ length: 200 }, () => generateToken()));
    expect(many.size).toBe(200);
  });
});
