import { describe, expect, it } from 'vitest';
import { checkWsdlSuppression } from './wsdlCheck';

const config = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <system.web>\n${inner}\n  </system.web>\n</configuration>\n`;
const SNIPPET = '<webServices>\n<protocols>\n<remove name="Documentation"/>\n</protocols>\n</webServices>';

describe('WSDL suppression checker (web.config)', () => {
  it('the manual’s snippet inside <system.web>: applied, with its line', () => {
    expect(checkWsdlSuppression(config(SNIPPET))).toMatchObject({ applied: true, line: 6 });
  });
  it('missing, or outside <system.web>: not applied', () => {
    expect(checkWsdlSuppression(config('<compilation debug="false"/>')).applied).toBe(false);
    const outside = `<configuration>${SNIPPET}<system.web/></configuration>`;
    expect(checkWsdlSuppression(outside).applied).toBe(false);
  });
  it('a later <add name="Documentation"/> turns it back on; <clear/> removes it too', () => {
    const re = config(
      '<webServices><protocols><remove name="Documentation"/><add name="Documentation"/></protocols></webServices>',
    );
    expect(checkWsdlSuppression(re)).toMatchObject({ applied: false });
    expect(checkWsdlSuppression(re).message).toMatch(/turns the WSDL back on/);
    expect(checkWsdlSuppression(config('<webServices><protocols><clear/></protocols></webServices>')).applied).toBe(
      true,
    );
  });
  it('refuses a DOCTYPE (no DTD, no entity expansion) and says when the XML is broken', () => {
    const bomb = `<!DOCTYPE x [<!ENTITY a "aaaa">]><configuration><system.web>${SNIPPET}</system.web></configuration>`;
    expect(checkWsdlSuppression(bomb)).toMatchObject({ applied: false });
    expect(checkWsdlSuppression(bomb).message).toMatch(/DOCTYPE is not allowed/);
    expect(checkWsdlSuppression('<configuration><system.web>').message).toMatch(/Not a readable XML file/);
  });
});
