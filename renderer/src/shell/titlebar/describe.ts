import type { LaunchOptionsView } from '../../../../electron/contract';

/**
 * What the title bar says about the server connection, tenant and user. There is no
 * server connection yet: what the command line asked for is shown, marked "not connected".
 */
export function describeServer(lo: LaunchOptionsView | undefined): string {
  const parts: string[] = [];
  if (lo?.brokerName !== undefined || lo?.brokerPort !== undefined) {
    const where = lo.brokerName ?? 'default host';
    parts.push(`Broker ${where}${lo.brokerPort !== undefined ? `:${lo.brokerPort}` : ''}`);
  }
  if (lo?.webServer) parts.push(`Web server ${lo.webServer.host}:${lo.webServer.port}`);
  return parts.length ? `${parts.join(' · ')} (not connected)` : 'No server connection';
}

export function describeTenant(lo: LaunchOptionsView | undefined): string {
  return lo?.tenantId ?? '—';
}

export function describeUser(lo: LaunchOptionsView | undefined): string {
  return lo?.user ? `${lo.user} (not signed in)` : 'Not signed in';
}
