import { describe, expect, it } from 'vitest';
import { isIdpPageUrl } from './idpPageUrl';

// The desktop's identity provider window and the system browser are only ever given these.
describe('where the identity provider page may go', () => {
  it.each([
    ['https://login.microsoftonline.com/t/oauth2/v2.0/authorize?x=1', true],
    ['http://localhost:51234/?code=x&state=y', true],
    ['http://127.0.0.1:8080/auth', true],
    ['http://[::1]:8080/auth', true],
    ['http://login.example.com/authorize', false],
    ['http://localhost.evil.example/', false],
    ['https://user:pass@login.example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<b>x</b>', false],
    ['ms-settings:privacy', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => expect(isIdpPageUrl(url)).toBe(ok));
});
