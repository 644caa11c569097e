import type { Element } from '@xmldom/xmldom';
import { verifyEnvelopedSignature, type TrustAnchor } from './signature';
import { child, children, descendants, NS, parseXml, SsoInputError, text } from './xml';

export type CheckId =
  'format' | 'signature' | 'status' | 'destination' | 'issuer' | 'audience' | 'time' | 'recipient' | 'username';
export interface Check {
  id: CheckId;
  ok: boolean;
  message: string;
}

export interface ResponseVerdict {
  /** Every check passed (the user mapping is the caller's, it needs the database). */
  valid: boolean;
  checks: Check[];
  issuer: string | null;
  nameId: string | null;
  /** The Username match value (the attribute named by Username match, or NameID). */
  usernameValue: string | null;
  attributes: Array<{ name: string; values: string[] }>;
}

export interface ResponseExpectations {
  trust: TrustAnchor;
  /** The IdP's Entity ID: the Issuer must equal it. */
  idpEntityId: string;
  /** The SP entity IDs (Host URLs) an Audience may name. */
  audiences: string[];
  /** The SPs' ACS URLs a Recipient, and the Response's Destination, may name. */
  recipients: string[];
  usernameMatch: string;
  now: Date;
  /** Allowed clock difference between the IdP and this machine. */
  skewSeconds?: number;
}

/** A pasted SAMLResponse: the XML itself, or its base64 (also URL-encoded, as copied from a POST body). */
export function decodeSamlResponse(input: string): string {
  let s = input.trim();
  if (s.startsWith('SAMLResponse=')) s = s.slice('SAMLResponse='.length);
  if (s.startsWith('<')) return s;
  if (/%[0-9A-Fa-f]{2}/.test(s)) {
    try {
      s = decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      throw new SsoInputError('The SAMLResponse is neither XML nor base64.');
    }
  }
  s = s.replace(/\s+/g, '');
  if (!s || !/^[A-Za-z0-9+/]+={0,2}$/.test(s)) throw new SsoInputError('The SAMLResponse is neither XML nor base64.');
  const xml = Buffer.from(s, 'base64').toString('utf8').trim();
  if (!xml.startsWith('<')) throw new SsoInputError('The base64 does not decode to XML.');
  return xml;
}

/**
 * Tests a SAML response the way the Agent Portal's SP must accept it, and says why not.
 * Nothing is read from the response before its signature verified, and then only from
 * the signed content (see signature.ts).
 */
export function checkSamlResponse(input: string, exp: ResponseExpectations): ResponseVerdict {
  const verdict: ResponseVerdict = {
    valid: false,
    checks: [],
    issuer: null,
    nameId: null,
    usernameValue: null,
    attributes: [],
  };
  const add = (id: CheckId, ok: boolean, message: string) => verdict.checks.push({ id, ok, message });
  let xml: string;
  let doc;
  try {
    xml = decodeSamlResponse(input);
    doc = parseXml(xml, 'SAML response');
  } catch (err) {
    add('format', false, err instanceof SsoInputError ? err.message : 'The SAML response could not be read.');
    return verdict;
  }
  const root = doc.documentElement!;
  if (root.namespaceURI !== NS.samlp || root.localName !== 'Response') {
    add('format', false, `The root element is <${root.tagName}>, not samlp:Response.`);
    return verdict;
  }
  if (descendants(root, NS.saml, 'EncryptedAssertion').length > 0) {
    add(
      'format',
      false,
      'The response holds an EncryptedAssertion; encrypted assertions are not supported — turn encryption off for ' +
        'this relying party on the IdP.',
    );
    return verdict;
  }
  const direct = children(root, NS.saml, 'Assertion');
  const all = descendants(root, NS.saml, 'Assertion');
  if (direct.length !== 1 || all.length !== 1) {
    add(
      'format',
      false,
      `The response must hold exactly one Assertion, directly inside the Response; it holds ${all.length} ` +
        `(${direct.length} directly) — possible assertion wrapping.`,
    );
    return verdict;
  }
  add('format', true, 'A SAML 2.0 Response with one Assertion.');

  // Signature: the Response, the Assertion, or both; every signature present must verify.
  const responseSigned = children(root, NS.ds, 'Signature').length > 0;
  const assertionSigned = children(direct[0]!, NS.ds, 'Signature').length > 0;
  let assertion: Element | undefined;
  let signedResponse: Element | undefined;
  if (!responseSigned && !assertionSigned) {
    add('signature', false, 'Neither the Response nor the Assertion is signed.');
  } else {
    const reasons: string[] = [];
    if (responseSigned) {
      const r = verifyEnvelopedSignature(xml, doc, root, exp.trust, exp.now);
      if (r.ok) {
        signedResponse = r.signed;
        assertion = child(r.signed, NS.saml, 'Assertion');
      } else reasons.push(`Response: ${r.reason}`);
    }
    if (assertionSigned) {
      const a = verifyEnvelopedSignature(xml, doc, direct[0]!, exp.trust, exp.now);
      if (a.ok) assertion ??= a.signed;
      else reasons.push(`Assertion: ${a.reason}`);
    }
    if (reasons.length > 0) assertion = undefined;
    add(
      'signature',
      reasons.length === 0 && !!assertion,
      reasons.length === 0
        ? `Signature valid against the pinned certificate ` +
            `(${[responseSigned && 'Response', assertionSigned && 'Assertion'].filter(Boolean).join(' and ')} signed).`
        : reasons.join(' '),
    );
  }
  if (!assertion) {
    add('username', false, 'Not checked: the signature is not valid, so nothing in the response can be trusted.');
    return verdict;
  }

  // Status comes from the Response; when only the Assertion is signed it is unsigned, but a
  // failure status is only ever a reason to refuse.
  const status = descendants(root, NS.samlp, 'StatusCode')[0]?.getAttribute('Value') ?? '';
  const success = status === 'urn:oasis:names:tc:SAML:2.0:status:Success';
  add('status', success, success ? 'Status: Success.' : `Status is "${status || 'missing'}", not Success.`);

  // Destination (SAML Bindings 3.5.5.2): the ACS the IdP addressed the Response to must be
  // a Service Provider's, like the Recipient; a signed Response must state it. Read from the
  // signed Response when it is signed; otherwise it is unsigned, and only ever a reason to refuse.
  const destination = (signedResponse ?? root).getAttribute('Destination') || null;
  const destinationOk = destination ? exp.recipients.includes(destination) : !signedResponse;
  add(
    'destination',
    destinationOk,
    !destination
      ? signedResponse
        ? 'The Response is signed but states no Destination; a signed Response must name the ACS it is sent to.'
        : 'No Destination stated.'
      : destinationOk
        ? `Destination ${destination} is a Service Provider’s ACS.`
        : `Destination ${destination} is no Service Provider’s ACS ` +
          `(${exp.recipients.join(', ') || 'none configured'}).`,
  );

  verdict.issuer = text(child(assertion, NS.saml, 'Issuer')) || null;
  add(
    'issuer',
    verdict.issuer === exp.idpEntityId,
    verdict.issuer === exp.idpEntityId
      ? `Issuer is the IdP’s Entity ID.`
      : `Issuer "${verdict.issuer ?? ''}" is not the IdP’s Entity ID "${exp.idpEntityId}".`,
  );

  const conditions = child(assertion, NS.saml, 'Conditions');
  const audiences = conditions ? descendants(conditions, NS.saml, 'Audience').map((a) => text(a)) : [];
  const audienceOk = audiences.some((a) => exp.audiences.includes(a.replace(/\/+$/, '')));
  add(
    'audience',
    audienceOk,
    audienceOk
      ? `Audience ${audiences.join(', ')} is a configured Service Provider.`
      : audiences.length === 0
        ? 'The assertion has no AudienceRestriction.'
        : exp.audiences.length === 0
          ? `Audience ${audiences.join(', ')}: no Service Provider is configured.`
          : `Audience ${audiences.join(', ')} is none of the Service Providers (${exp.audiences.join(', ')}).`,
  );

  const skew = (exp.skewSeconds ?? 180) * 1000;
  const now = exp.now.getTime();
  const timeProblems: string[] = [];
  const notBefore = conditions?.getAttribute('NotBefore');
  const notOnOrAfter = conditions?.getAttribute('NotOnOrAfter');
  const at = (s: string) => new Date(s).getTime();
  if (!conditions || !notOnOrAfter) timeProblems.push('the Conditions have no NotOnOrAfter');
  if (notBefore && !(at(notBefore) - skew <= now)) timeProblems.push(`not valid before ${notBefore}`);
  if (notOnOrAfter && !(now < at(notOnOrAfter) + skew)) timeProblems.push(`expired at ${notOnOrAfter}`);
  const subject = child(assertion, NS.saml, 'Subject');
  const confirmations = subject ? descendants(subject, NS.saml, 'SubjectConfirmationData') : [];
  for (const c of confirmations) {
    const until = c.getAttribute('NotOnOrAfter');
    if (until && !(now < at(until) + skew)) timeProblems.push(`the subject confirmation expired at ${until}`);
  }
  add(
    'time',
    timeProblems.length === 0,
    timeProblems.length === 0
      ? `Valid now (${notBefore ?? '…'} – ${notOnOrAfter}, ${skew / 1000} s clock skew allowed).`
      : `Time conditions fail: ${timeProblems.join('; ')} (now ${exp.now.toISOString()}).`,
  );

  const recipients = confirmations.map((c) => c.getAttribute('Recipient')).filter((r): r is string => !!r);
  const recipientOk = recipients.length === 0 || recipients.some((r) => exp.recipients.includes(r));
  add(
    'recipient',
    recipientOk,
    recipients.length === 0
      ? 'No Recipient stated.'
      : recipientOk
        ? `Recipient ${recipients.join(', ')} is a Service Provider’s ACS.`
        : `Recipient ${recipients.join(', ')} is no Service Provider’s ACS ` +
          `(${exp.recipients.join(', ') || 'none configured'}).`,
  );

  verdict.nameId = subject ? text(child(subject, NS.saml, 'NameID')) || null : null;
  for (const a of descendants(assertion, NS.saml, 'Attribute')) {
    verdict.attributes.push({
      name: a.getAttribute('Name') ?? '',
      values: children(a, NS.saml, 'AttributeValue').map((v) => text(v)),
    });
  }
  const match = exp.usernameMatch.trim();
  if (/^nameid$/i.test(match)) {
    verdict.usernameValue = verdict.nameId;
  } else {
    const attr = verdict.attributes.find((a) => a.name === match);
    verdict.usernameValue = attr?.values.find((v) => v) ?? null;
  }
  add(
    'username',
    !!verdict.usernameValue,
    verdict.usernameValue
      ? `Username match ${match}: "${verdict.usernameValue}".`
      : `The assertion has no value for the Username match "${match}" (attributes: ` +
          `${verdict.attributes.map((a) => a.name).join(', ') || 'none'}; NameID: ${verdict.nameId ?? 'none'}).`,
  );
  verdict.valid = verdict.checks.every((c) => c.ok);
  return verdict;
}
