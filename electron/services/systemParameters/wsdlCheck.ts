import { SaxesParser } from 'saxes';

/**
 * WSDL SUPPRESSION (MiCC Enterprise manual), web services under IIS: a web.config (or
 * machine.config) suppresses the WSDL when `<system.web>` holds
 * `<webServices><protocols><remove name="Documentation"/></protocols></webServices>`.
 * A later `<add name="Documentation"/>` in the same `<protocols>` turns it back on; `<clear/>`
 * removes every protocol, Documentation included. Parsed without DTDs (a DOCTYPE is refused, so
 * no entity is declared, expanded or fetched), size-capped, no side effects.
 */
export interface WsdlCheck {
  applied: boolean;
  message: string;
  /** 1-based line of the deciding element, when there is one. */
  line: number | null;
}

const MAX_BYTES = 5 * 1024 * 1024;
class Stop extends Error {}

export function checkWsdlSuppression(text: string): WsdlCheck {
  if (text.length > MAX_BYTES) return { applied: false, message: 'The file is larger than 5 MB.', line: null };
  const p = new SaxesParser({ position: true });
  const path: string[] = [];
  let state: { applied: boolean; line: number } | null = null;
  let problem: WsdlCheck | null = null;
  const inProtocols = () =>
    path.length >= 4 &&
    path[path.length - 1] === 'protocols' &&
    path[path.length - 2] === 'webServices' &&
    path[path.length - 3] === 'system.web';
  p.on('doctype', () => {
    problem = {
      applied: false,
      message: 'A DOCTYPE is not allowed: DTDs and entity declarations are refused.',
      line: p.line,
    };
    throw new Stop();
  });
  p.on('error', (e) => {
    problem ??= { applied: false, message: `Not a readable XML file: ${e.message}`, line: p.line };
    throw new Stop();
  });
  p.on('opentag', (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (inProtocols()) {
      const name = (attrs.name ?? '').trim();
      if (tag.name === 'clear') state = { applied: true, line: p.line };
      else if (tag.name === 'remove' && name === 'Documentation') state = { applied: true, line: p.line };
      else if (tag.name === 'add' && name === 'Documentation') state = { applied: false, line: p.line };
    }
    path.push(tag.name);
  });
  p.on('closetag', () => {
    path.pop();
  });
  try {
    p.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).close();
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  if (problem) return problem;
  const s = state as { applied: boolean; line: number } | null;
  if (!s)
    return {
      applied: false,
      message:
        'Not applied: no <remove name="Documentation"/> in <system.web><webServices><protocols>; the WSDL is ' +
        'still served.',
      line: null,
    };
  return s.applied
    ? { applied: true, message: `Applied (line ${s.line}): the WSDL is not served.`, line: s.line }
    : {
        applied: false,
        message: `Not applied: <add name="Documentation"/> on line ${s.line} turns the WSDL back on.`,
        line: s.line,
      };
}
