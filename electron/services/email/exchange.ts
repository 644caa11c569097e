/**
 * Which Exchange Online a Microsoft identity platform authority issues tokens for. The token's
 * audience must be the Exchange of the same national cloud: a token for outlook.office365.com is
 * refused by Exchange in GCC High or in China, and vice versa. So the scopes are derived from the
 * authority an administrator gives (seed 002 "Office 365": custom authority/endpoint URLs for
 * sovereign clouds) rather than fixed to the global cloud. Microsoft's national-cloud endpoint
 * table: login.microsoftonline.us → outlook.office365.us (US Government L4/L5), login.chinacloudapi.cn
 * and login.partner.microsoftonline.cn → partner.outlook.cn (operated by 21Vianet). Anything else —
 * the global login.microsoftonline.com and an on-site or test authority — uses the global Exchange.
 */
export interface ExchangeResource {
  /** The resource of client-credentials tokens (`<resource>/.default`). */
  appResource: string;
  /** The resource of delegated permissions (`<resource>/IMAP.AccessAsUser.All`, `…/SMTP.Send`). */
  delegatedResource: string;
}

const GLOBAL: ExchangeResource = {
  appResource: 'https://outlook.office365.com',
  delegatedResource: 'https://outlook.office.com',
};
const US_GOVERNMENT: ExchangeResource = {
  appResource: 'https://outlook.office365.us',
  delegatedResource: 'https://outlook.office365.us',
};
const CHINA: ExchangeResource = {
  appResource: 'https://partner.outlook.cn',
  delegatedResource: 'https://partner.outlook.cn',
};

const BY_HOST: Record<string, ExchangeResource> = {
  'login.microsoftonline.com': GLOBAL,
  'login.microsoftonline.us': US_GOVERNMENT,
  'login.chinacloudapi.cn': CHINA,
  'login.partner.microsoftonline.cn': CHINA,
};

export function exchangeResourceFor(authority: string | null | undefined): ExchangeResource {
  let host: string;
  try {
    host = new URL(authority ?? '').hostname.toLowerCase();
  } catch {
    return GLOBAL;
  }
  return BY_HOST[host] ?? GLOBAL;
}
