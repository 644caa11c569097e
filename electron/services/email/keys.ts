/**
 * Keychain entries of an e-mail server. The host and port are part of the name, so a password
 * is only ever read back for the host and port it was entered for: a server moved to another
 * host has no password until one is entered for the new host (the old entries are removed).
 */
export type MailProtocol = 'imap' | 'smtp';

export const mailSecretKey = (
  serverId: number,
  protocol: MailProtocol,
  host: string,
  port: number,
  which: 'password' | 'refresh',
) => `email:${serverId}:${protocol}:${host.trim().toLowerCase()}:${port}:${which}`;
