import { describe, expect, it } from 'vitest';
import type { LaunchOptionsView } from '../../../../electron/contract';
import { describeServer, describeTenant, describeUser } from './describe';

const none: LaunchOptionsView = { passwordGiven: false, stdLogin: false, reset: false, ignoredSwitches: [] };

describe('title bar texts', () => {
  it('says plainly that there is no server connection', () => {
    expect(describeServer(undefined)).toBe('No server connection');
    expect(describeServer(none)).toBe('No server connection');
  });

  it('shows the broker and web server the command line named, as not connected', () => {
    expect(describeServer({ ...none, brokerName: 'cc01', brokerPort: 5024 })).toBe('Broker cc01:5024 (not connected)');
    expect(describeServer({ ...none, brokerName: 'cc01' })).toBe('Broker cc01 (not connected)');
    expect(describeServer({ ...none, webServer: { host: 'web1', port: 80 } })).toBe('Web server web1:80 (not connected)');
    expect(describeServer({ ...none, brokerName: 'cc01', webServer: { host: 'web1', port: 8080 } })).toBe(
      'Broker cc01 · Web server web1:8080 (not connected)',
    );
  });

  it('shows the tenant and user from the command line', () => {
    expect(describeTenant(none)).toBe('—');
    expect(describeTenant({ ...none, tenantId: '7' })).toBe('7');
    expect(describeUser(none)).toBe('Not signed in');
    expect(describeUser({ ...none, user: 'admin' })).toBe('admin (not signed in)');
  });
});
