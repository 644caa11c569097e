import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * The TCP/IP address recorded when failed sign-ins lock an account (seed 001, PASSWORD
 * MANAGEMENT: "the TCP/IP address of the computer which caused the lockout"): an address,
 * never a host name.
 */

/** An IPv4-mapped IPv6 address ("::ffff:10.1.2.3") is written as the IPv4 address it carries. */
export function normalizeAddress(address: string | undefined | null): string | undefined {
  if (!address) return undefined;
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const value = mapped ? mapped[1]! : bare;
  return isIP(value) ? value : undefined;
}

/**
 * This machine's primary address: the first external IPv4 address, else the first global
 * IPv6 address, else a link-local IPv6, else the loopback. Read at each call, so a changed
 * DHCP lease is followed.
 */
export function primaryAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string {
  const all = Object.values(interfaces).flatMap((list) => list ?? []);
  const external = all.filter((i) => !i.internal);
  const v4 = external.find((i) => i.family === 'IPv4');
  if (v4) return v4.address;
  const v6 = external.filter((i) => i.family === 'IPv6');
  const global = v6.find((i) => !/^fe80:/i.test(i.address));
  if (global) return global.address;
  if (v6[0]) return v6[0].address;
  return all.find((i) => i.family === 'IPv4')?.address ?? '127.0.0.1';
}
