import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './logger';

describe('logger', () => {
  it('redacts secret-looking keys at any depth', () => {
    expect(redact({ user: 'a', password: 'x', nested: { apiToken: 't', ok: 1 }, clientSecret: '' })).toEqual({
      user: 'a',
      password: '[redacted]',
      nested: { apiToken: '[redacted]', ok: 1 },
      clientSecret: '',
    });
  });
  it('writes one line per entry to the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ccm-log-')), 'sub', 'c.log');
    const log = createLogger(file);
    log.info('hello', { password: 'p4ss' });
    log.debug('hidden');
    const text = readFileSync(file, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/INFO {2}hello {"password":"\[redacted\]"}/);
  });
});
