import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export const NS = {
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
} as const;

export const HTTP_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** Refusals the user sees verbatim (bad metadata, a refused response). */
export class SsoInputError extends Error {}

/** Pasted metadata / responses are small; a cap keeps a huge paste from costing the main process. */
export const MAX_XML_CHARS = 1_000_000;

/**
 * Parses untrusted XML. DTDs are refused outright (no DOCTYPE, no entities), so there is no
 * entity expansion or external fetch whatever the parser would do; any parser warning or
 * error is a refusal, not a best-effort tree.
 */
export function parseXml(xml: string, what: string): Document {
  if (xml.length > MAX_XML_CHARS)
    throw new SsoInputError(`The ${what} is larger than ${MAX_XML_CHARS / 1_000_000} MB.`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new SsoInputError(`The ${what} contains a DTD (<!DOCTYPE or <!ENTITY); DTDs are refused.`);
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    throw new SsoInputError(`The ${what} is not well-formed XML: ${firstLine(err)}`);
  }
  if (!doc.documentElement) throw new SsoInputError(`The ${what} is empty.`);
  return doc;
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);

/** Direct element children with this namespace and local name. */
export function children(parent: Element | Document, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === local)
      out.push(n as Element);
  }
  return out;
}

export const child = (parent: Element | Document, ns: string, local: string): Element | undefined =>
  children(parent, ns, local)[0];

/** All descendant elements with this namespace and local name. */
export const descendants = (root: Element | Document, ns: string, local: string): Element[] =>
  Array.from(root.getElementsByTagNameNS(ns, local)) as Element[];

/** The element's text, comments excluded (there must be none in signed content anyway). */
export function text(el: Element | undefined): string {
  if (!el) return '';
  let s = '';
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 || c.nodeType === 4) s += c.nodeValue ?? '';
      else if (c.nodeType === 1) walk(c);
    }
  };
  walk(el);
  return s.trim();
}

/** True when the subtree holds an XML comment. */
export function hasComment(n: Node): boolean {
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 8) return true;
    if (c.nodeType === 1 && hasComment(c)) return true;
  }
  return false;
}

/** Every element of the document whose ID / Id / id attribute has this value. */
export function elementsWithId(doc: Document, id: string): Element[] {
  const out: Element[] = [];
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i] as Element;
    for (const a of ['ID', 'Id', 'id']) if (el.getAttribute(a) === id) out.push(el);
  }
  return out;
}

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
