import { describe, expect, it } from 'vitest';
import { exchangeResourceFor } from './exchange';
import { oauthScopes } from './oauth';

describe('exchangeResourceFor', () => {
  it('the global authority (and a blank one) gets the global Exchange', () => {
    for (const a of ['https://login.microsoftonline.com', 'https://LOGIN.microsoftonline.com/', '', null, 'not a url'])
      expect(exchangeResourceFor(a)).toEqual({
        appResource: 'https://outlook.office365.com',
        delegatedResource: 'https://outlook.office.com',
      });
  });
  it('US Government (GCC High / DoD) gets outlook.office365.us', () => {
    expect(exchangeResourceFor('https://login.microsoftonline.us')).toEqual({
      appResource: 'https://outlook.office365.us',
      delegatedResource: 'https://outlook.office365.us',
    });
  });
  it('China (21Vianet), under both of its login hosts, gets partner.outlook.cn', () => {
    for (const a of ['https://login.chinacloudapi.cn', 'https://login.partner.microsoftonline.cn/'])
      expect(exchangeResourceFor(a).appResource).toBe('https://partner.outlook.cn');
  });
  it('a look-alike host is not taken for a national cloud', () => {
    expect(exchangeResourceFor('https://login.microsoftonline.us.example.com').appResource).toBe(
      'https://outlook.office365.com',
    );
  });
});

describe('oauthScopes', () => {
  it('asks for the delegated permissions on the Exchange of the authority', () => {
    expect(oauthScopes('imap', 'https://login.microsoftonline.com')).toBe(
      'offline_access email https://outlook.office.com/IMAP.AccessAsUser.All',
    );
    expect(oauthScopes('smtp', 'https://login.microsoftonline.us')).toBe(
      'offline_access email https://outlook.office365.us/SMTP.Send',
    );
  });
});
