import type { ConnectionState, SignedInUser } from '../../../../electron/contract';

/** What the title bar says about the database connection: its label, and its state unless connected. */
export function describeConnection(c: ConnectionState | undefined): string {
  if (!c) return 'Not connected';
  switch (c.state) {
    case 'connected':
      return c.unavailable ? `${c.label} (unavailable)` : c.label;
    case 'connecting':
      return `${c.label} (connecting…)`;
    case 'error':
      return `${c.label} (error)`;
    case 'disconnected':
      return 'Not connected';
  }
}

/** The hover text: state in words, and why it failed. */
export function connectionHint(c: ConnectionState | undefined): string {
  if (!c) return 'No database connection';
  if (c.state === 'connected' && c.unavailable) return `Database unavailable: ${c.unavailable}`;
  const state = {
    connected: 'Connected',
    connecting: 'Connecting',
    error: 'Connection failed',
    disconnected: 'Not connected',
  }[c.state];
  return c.message ? `${state}: ${c.message}` : `${state} — ${c.label}`;
}

/** "Sam Supervisor · Supervisor" — who the Logon ID belongs to. */
export function describeUser(u: SignedInUser): string {
  const name = `${u.firstName} ${u.lastName}`.trim();
  return [name, u.userType].filter(Boolean).join(' · ');
}
