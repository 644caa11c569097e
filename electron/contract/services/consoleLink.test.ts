import { describe, expect, it } from 'vitest';
import { consoleLink, consoleLinkInArgv, parseConsoleHash, parseConsoleLink } from './consoleLink';

describe('console links (ccm:// and the browser-mode hash)', () => {
  it('parses the known routes and ids', () => {
    expect(parseConsoleLink('ccm://alarms')).toEqual({ route: 'alarms' });
    expect(parseConsoleLink('ccm://alarms/')).toEqual({ route: 'alarms' });
    expect(parseConsoleLink('ccm://alarms/42')).toEqual({ route: 'alarm', id: 42 });
    expect(parseConsoleLink('CCM://Alarms/42/')).toEqual({ route: 'alarm', id: 42 });
    expect(parseConsoleHash('#/alarms/7')).toEqual({ route: 'alarm', id: 7 });
    expect(parseConsoleHash('#/alarms')).toEqual({ route: 'alarms' });
  });

  it('refuses a malformed link: unknown routes, bad ids, paths, URLs, queries, other schemes', () => {
    const bad = [
      '',
      'ccm://',
      'ccm:alarms/1',
      'ccm://alarms/0',
      'ccm://alarms/-1',
      'ccm://alarms/1.5',
      'ccm://alarms/01',
      'ccm://alarms/1e3',
      'ccm://alarms/9999999999999999',
      'ccm://alarms/abc',
      'ccm://alarms/1/2',
      'ccm://alarms/1?x=1',
      'ccm://alarms/1#x',
      'ccm://users/1',
      'ccm://alarms/../users',
      'ccm://alarms/%31',
      'ccm://user:pw@alarms/1',
      'ccm://alarms:80/1',
      'ccm://file:///etc/passwd',
      'ccm://https://evil.example/alarms/1',
      'https://evil.example/#/alarms/1',
      'file:///C:/Windows/alarms/1',
      'javascript:alert(1)//ccm://alarms/1',
      `ccm://alarms/${'1'.repeat(300)}`,
      ' ccm://alarms/1 x',
    ];
    for (const b of bad) expect(parseConsoleLink(b), b).toBeNull();
    for (const h of ['', '#', '#alarms/1', '#/alarms/x', '#/../alarms/1', '#/alarms/1?x', '#/settings', '#/alarms/0'])
      expect(parseConsoleHash(h), h).toBeNull();
    expect(parseConsoleLink(42)).toBeNull();
    expect(parseConsoleHash(undefined)).toBeNull();
  });

  it('finds the link among command-line arguments (Windows/Linux) and ignores the rest', () => {
    expect(consoleLinkInArgv(['/opt/ccm/ccm', '--allow-file-access', 'ccm://alarms/5'])).toEqual({
      route: 'alarm',
      id: 5,
    });
    expect(consoleLinkInArgv(['/opt/ccm/ccm', '/stdlogin'])).toBeNull();
    expect(consoleLinkInArgv(['/opt/ccm/ccm', 'ccm://alarms/../../etc'])).toBeNull();
  });

  it('builds the link: ccm:// in the application, the browser-mode page with the route otherwise', () => {
    expect(consoleLink({ route: 'alarm', id: 9 })).toBe('ccm://alarms/9');
    expect(consoleLink({ route: 'alarms' })).toBe('ccm://alarms');
    expect(consoleLink({ route: 'alarm', id: 9 }, 'http://127.0.0.1:5175/')).toBe('http://127.0.0.1:5175/#/alarms/9');
    for (const r of [{ route: 'alarm' as const, id: 12345 }, { route: 'alarms' as const }]) {
      expect(parseConsoleLink(consoleLink(r))).toEqual(r);
      expect(parseConsoleHash(new URL(consoleLink(r, 'http://127.0.0.1:9')).hash)).toEqual(r);
    }
  });
});
