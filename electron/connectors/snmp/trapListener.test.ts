import { describe, expect, it } from 'vitest';
import { explainBindError } from './trapListener';

describe('bind errors', () => {
  it('say what EACCES and EADDRINUSE mean and how to fix them', () => {
    const e = (code: string) => Object.assign(new Error(code), { code });
    expect(explainBindError(e('EACCES'), '0.0.0.0', 162).message).toContain(
      'ports below 1024 (such as 162, the standard trap port) need administrator rights',
    );
    expect(explainBindError(e('EACCES'), '0.0.0.0', 162).message).toContain('setcap cap_net_bind_service=+ep');
    expect(explainBindError(e('EADDRINUSE'), '0.0.0.0', 162).message).toContain('sc stop SNMPTRAP');
    expect(explainBindError(e('EADDRNOTAVAIL'), '10.9.9.9', 162).message).toContain(
      '10.9.9.9 is not an address of this computer',
    );
  });
});
