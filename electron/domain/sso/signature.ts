import type { Document, Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import {
  fingerprintOf,
  normalizeCertificate,
  subjectOf,
  toPem,
  unusableReason,
  type FingerprintAlgorithm,
} from './certificates';
import { children, descendants, elementsWithId, hasComment, NS, parseXml } from './xml';

/** What a signature must verify against: pinned certificates, or a pinned fingerprint. */
export type TrustAnchor = { certificates: string[] } | { fingerprint: string; algorithm: FingerprintAlgorithm };

export type SignatureResult =
  | {
      ok: true;
      /** The signed element re-parsed from xml-crypto's signed reference: read values ONLY from here. */
      signed: Element;
      subject: string;
    }
  | { ok: false; reason: string };

const C14N_ALLOWED = new Set([
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
]);
const TRANSFORMS_ALLOWED = new Set([...C14N_ALLOWED, 'http://www.w3.org/2000/09/xmldsig#enveloped-signature']);
const DIGESTS_ALLOWED = new Set([
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512',
]);
const SIGNATURES_ALLOWED = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);

/**
 * Verifies the enveloped signature of `element` (a SAML Response, Assertion or metadata
 * EntityDescriptor) in `doc`, parsed from `xml`. The rules (issue 7, Signature rules):
 * - the key comes only from the trust anchor: a certificate in KeyInfo is never trusted
 *   (with a pinned fingerprint, the KeyInfo certificate is used only if its fingerprint
 *   equals the pinned one — it is then the pinned certificate);
 * - exactly one Reference, whose URI is "#" + the element's ID, and that ID occurs once in
 *   the whole document (no wrapping: the signature must cover this very element);
 * - canonicalization and transforms without "#WithComments", and no comment anywhere inside
 *   the signed element (a comment can split a NameID without breaking the digest);
 * - SHA-1 digests and signatures are refused (SHA-256 and up only);
 * - a certificate outside its validity at `now` (expired, or not yet valid) is never
 *   trusted: a signature it verifies is refused, and the reason says so;
 * - a fresh SignedXml per certificate tried; any exception is a failure;
 * - the caller reads values only from the returned `signed` element, which is the
 *   canonical XML that xml-crypto's getSignedReferences() says it verified.
 */
export function verifyEnvelopedSignature(
  xml: string,
  doc: Document,
  element: Element,
  trust: TrustAnchor,
  now: Date,
): SignatureResult {
  try {
    const what = element.localName;
    const sigs = children(element, NS.ds, 'Signature');
    if (sigs.length === 0) return { ok: false, reason: `The ${what} is not signed.` };
    if (sigs.length > 1)
      return { ok: false, reason: `The ${what} carries ${sigs.length} signatures; exactly one is accepted.` };
    const sig = sigs[0]!;
    const id = element.getAttribute('ID');
    if (!id) return { ok: false, reason: `The signed ${what} has no ID attribute.` };
    const sameId = elementsWithId(doc, id).length;
    if (sameId !== 1)
      return {
        ok: false,
        reason:
          `The ID "${id}" occurs ${sameId} times in the document; a signed ID must occur exactly once ` +
          `(signature wrapping).`,
      };

    const signedInfo = children(sig, NS.ds, 'SignedInfo')[0];
    if (!signedInfo) return { ok: false, reason: 'The signature has no SignedInfo.' };
    const c14n = children(signedInfo, NS.ds, 'CanonicalizationMethod')[0]?.getAttribute('Algorithm') ?? '';
    if (!C14N_ALLOWED.has(c14n))
      return {
        ok: false,
        reason: `Canonicalization "${c14n}" is refused${/WithComments/i.test(c14n) ? ' (#WithComments)' : ''}; exclusive or inclusive c14n without comments only.`,
      };
    const sigAlg = children(signedInfo, NS.ds, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
    if (!SIGNATURES_ALLOWED.has(sigAlg))
      return {
        ok: false,
        reason: `Signature algorithm "${sigAlg}" is refused; RSA with SHA-256, SHA-384 or SHA-512 only.`,
      };
    const refs = descendants(signedInfo, NS.ds, 'Reference');
    if (refs.length !== 1)
      return {
        ok: false,
        reason: `The signature has ${refs.length} references; exactly one (to the ${what} itself) is accepted.`,
      };
    const uri = refs[0]!.getAttribute('URI') ?? '';
    if (uri !== `#${id}`)
      return {
        ok: false,
        reason: `The signature’s reference points to "${uri}", not to the ${what} it sits in ("#${id}").`,
      };
    for (const t of descendants(refs[0]!, NS.ds, 'Transform')) {
      const alg = t.getAttribute('Algorithm') ?? '';
      if (!TRANSFORMS_ALLOWED.has(alg))
        return {
          ok: false,
          reason: `Transform "${alg}" is refused${/WithComments/i.test(alg) ? ' (#WithComments)' : ''}.`,
        };
    }
    const digest = descendants(refs[0]!, NS.ds, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '';
    if (!DIGESTS_ALLOWED.has(digest))
      return { ok: false, reason: `Digest algorithm "${digest}" is refused; SHA-256, SHA-384 or SHA-512 only.` };
    if (hasComment(element))
      return {
        ok: false,
        reason: `The signed ${what} contains an XML comment; comments inside signed content are refused.`,
      };

    const candidates = trustedCertificates(sig, trust);
    if (typeof candidates === 'string') return { ok: false, reason: candidates };
    let lastError =
      'The signature does not verify against the pinned certificate (tampered content or a different signing key).';
    for (const cert of candidates) {
      // A fresh verifier per check: xml-crypto instances keep state between calls.
      const verifier = new SignedXml({ publicCert: toPem(cert), getCertFromKeyInfo: () => null });
      try {
        verifier.loadSignature(sig as unknown as Parameters<SignedXml['loadSignature']>[0]);
        if (!verifier.checkSignature(xml)) continue;
      } catch (err) {
        const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
        // xml-crypto throws "invalid signature: the signature value … is incorrect" for a wrong key or tampered
        // SignedInfo.
        if (!/^invalid signature: the signature value/.test(msg))
          lastError = `The signature does not verify: ${msg.slice(0, 200)}`;
        continue;
      }
      // The signature is right, but the certificate is not trusted outside its validity.
      const lapsed = unusableReason(cert, now);
      if (lapsed) {
        lastError =
          `The signature was made with the pinned certificate ${subjectOf(cert)}, which is not usable: ` +
          `${lapsed.charAt(0).toLowerCase()}${lapsed.slice(1)} (now ${now.toISOString().slice(0, 10)}). An expired ` +
          `or not yet valid certificate is never trusted.`;
        continue;
      }
      const signedRefs = verifier.getSignedReferences();
      if (signedRefs.length !== 1)
        return {
          ok: false,
          reason: `The verifier reported ${signedRefs.length} signed references; exactly one is accepted.`,
        };
      const signedDoc = parseXml(signedRefs[0]!, 'signed content');
      const signed = signedDoc.documentElement!;
      if (
        signed.localName !== element.localName ||
        signed.namespaceURI !== element.namespaceURI ||
        signed.getAttribute('ID') !== id
      ) {
        return { ok: false, reason: 'The signed content is not the element that carries the signature.' };
      }
      return { ok: true, signed, subject: cert };
    }
    return { ok: false, reason: lastError };
  } catch (err) {
    // Any throw is a failure, never a pass.
    return {
      ok: false,
      reason:
        `The signature could not be checked: ` + `${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`,
    };
  }
}

function trustedCertificates(sig: Element, trust: TrustAnchor): string[] | string {
  if ('certificates' in trust) {
    if (trust.certificates.length === 0) return 'No certificate is pinned for this identity provider.';
    return trust.certificates;
  }
  // Fingerprint mode: only a KeyInfo certificate whose fingerprint is the pinned one.
  const inKeyInfo = descendants(sig, NS.ds, 'X509Certificate').map((c) => {
    try {
      return normalizeCertificate(c.textContent ?? '');
    } catch {
      return null;
    }
  });
  const pinned = trust.fingerprint.toUpperCase();
  const match = inKeyInfo.filter((c): c is string => c !== null && fingerprintOf(c, trust.algorithm) === pinned);
  if (match.length === 0)
    return `No certificate in the signature has the pinned ${trust.algorithm} fingerprint ${trust.fingerprint}.`;
  return match;
}
