import snmp from 'net-snmp';
import type { AuthProtocol, PrivProtocol } from './trapListener';

// net-snmp's protocol constants by the names the contract uses. The SHA-2 and AES-256
// members exist in net-snmp but not in @types/net-snmp, hence the casts. One map for the
// trap listener (v3 users that send to us) and the agent queries (v3 users we send as).
const more = (o: object) => o as Record<string, unknown>;

export const NET_SNMP_AUTH: Record<AuthProtocol, unknown> = {
  md5: snmp.AuthProtocols.md5,
  sha: snmp.AuthProtocols.sha,
  sha224: more(snmp.AuthProtocols).sha224,
  sha256: more(snmp.AuthProtocols).sha256,
  sha384: more(snmp.AuthProtocols).sha384,
  sha512: more(snmp.AuthProtocols).sha512,
};

export const NET_SNMP_PRIV: Record<PrivProtocol, unknown> = {
  des: snmp.PrivProtocols.des,
  aes: snmp.PrivProtocols.aes,
  aes256b: more(snmp.PrivProtocols).aes256b,
  aes256r: more(snmp.PrivProtocols).aes256r,
};
