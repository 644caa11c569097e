import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from './externalUrl';

describe('links opened outside the app', () => {
  it('only https and mailto reach shell.openExternal', () => {
    expect(isSafeExternalUrl('https://www.mitel.com/docs')).toBe(true);
    expect(isSafeExternalUrl('mailto:support@example.com')).toBe(true);
  });
  it('file:, smb:, ms-msdt:, javascript:, plain http, custom schemes and garbage are refused', () => {
    for (const url of [
      'file:///etc/passwd',
      'file://server/share/x.exe',
      'smb://10.0.0.1/share',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'http://example.com/',
      'vscode://file/x',
      'HTTPS//missing-colon',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
