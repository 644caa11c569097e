import { describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../../../electron/contract';
import { connectionHint, describeConnection, describeUser } from './describe';

const c = { label: 'Embedded demo (SQLite)', profileId: 'embedded-demo' };

describe('title bar texts', () => {
  it('names the connection, with its state unless connected', () => {
    expect(describeConnection({ ...c, state: 'connected' })).toBe('Embedded demo (SQLite)');
    expect(describeConnection({ ...c, state: 'connecting' })).toBe('Embedded demo (SQLite) (connecting…)');
    expect(describeConnection({ ...c, state: 'error', message: 'refused' })).toBe('Embedded demo (SQLite) (error)');
    expect(describeConnection({ label: 'Not connected', profileId: null, state: 'disconnected' })).toBe(
      'Not connected',
    );
    expect(describeConnection(undefined)).toBe('Not connected');
  });

  it('says why a connection failed on hover', () => {
    expect(connectionHint({ ...c, state: 'error', message: 'Connection refused by db01:5432.' })).toBe(
      'Connection failed: Connection refused by db01:5432.',
    );
    expect(connectionHint({ ...c, state: 'connected' })).toBe('Connected — Embedded demo (SQLite)');
  });

  it('says when a connected database stopped answering, and why', () => {
    const down = { ...c, state: 'connected' as const, unavailable: 'PostgreSQL at db01:5432 refused the connection.' };
    expect(describeConnection(down)).toBe('Embedded demo (SQLite) (unavailable)');
    expect(connectionHint(down)).toBe('Database unavailable: PostgreSQL at db01:5432 refused the connection.');
  });

  it('describes the user by name and user type', () => {
    const u: SignedInUser = {
      id: 2,
      logonId: 'supervisor',
      firstName: 'Sam',
      lastName: 'Supervisor',
      userType: 'Supervisor',
      homeTenantId: 1,
      hostAdmin: false,
      permissions: {},
      agentGroupScope: [2, 3],
    };
    expect(describeUser(u)).toBe('Sam Supervisor · Supervisor');
  });
});
