import { IDENTIFIERS } from './identifiers';

/**
 * A synthetic response file of about `targetBytes` (benchmarks and the worker test): groups of
 * 50 responses, two levels deep, multi-line texts with identifiers and escapes.
 */
export function syntheticResponseFile(targetBytes: number): { xml: string; responses: number } {
  const parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n<ResponseFile>\n'];
  let size = parts[0]!.length;
  let n = 0;
  let g = 0;
  while (size < targetBytes) {
    g++;
    const open = `  <Group Name="Group ${g}" Expanded="${g % 2 === 0}">\n    <Group Name="Topic ${g}.1">\n`;
    parts.push(open);
    size += open.length;
    for (let i = 0; i < 50 && size < targetBytes; i++) {
      n++;
      const id = IDENTIFIERS[n % IDENTIFIERS.length]!.name;
      const r =
        `      <Response Name="Response ${n}" Description="Reply ${n} &amp; follow-up">Hello ` +
        `$Customer.Name$,&#x0d;&#x0a;thank you for your message about order #${n} (&lt;ref ${n}&gt;). ` +
        `$${id}$&#x0d;&#x0a;Kind regards, $Agent.Name$</Response>\n`;
      parts.push(r);
      size += r.length;
    }
    parts.push('    </Group>\n  </Group>\n');
    size += 22;
  }
  parts.push('</ResponseFile>\n');
  return { xml: parts.join(''), responses: n };
}
