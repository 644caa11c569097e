import { SignedXml } from 'xml-crypto';
import { escapeXml, HTTP_POST, NS } from '../xml';
import { IDP_CERT, IDP_KEY } from './certs';

/** Test-only: builds SAML responses and IdP metadata, signed by a test IdP key. */
export const TEST_IDP_ENTITY = 'https://idp.test.example/adfs/services/trust';
export const TEST_SP_HOST = 'https://app01.demo.example/agentportal';
export const WINDOWS_ACCOUNT = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname';

const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

export interface ResponseOpts {
  responseId?: string;
  assertionId?: string;
  issuer?: string;
  nameId?: string;
  audience?: string;
  recipient?: string;
  notBefore?: string;
  notOnOrAfter?: string;
  attributes?: Record<string, string>;
  status?: string;
  /** The Response's Destination; null leaves it out. Default: the test SP's ACS. */
  destination?: string | null;
}

export function responseXml(o: ResponseOpts = {}): string {
  const issuer = o.issuer ?? TEST_IDP_ENTITY;
  const attrs = Object.entries(o.attributes ?? { [WINDOWS_ACCOUNT]: 'kasharp' })
    .map(
      ([n, v]) =>
        `<saml:Attribute Name="${escapeXml(n)}"><saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue></saml:Attribute>`,
    )
    .join('');
  const nb = o.notBefore ?? '2026-11-22T11:55:00Z';
  const na = o.notOnOrAfter ?? '2026-11-22T12:05:00Z';
  return (
    `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${o.responseId ?? '_resp1'}" Version="2.0" IssueInstant="2026-11-22T11:59:00Z"${o.destination === null ? '' : ` Destination="${escapeXml(o.destination ?? `${TEST_SP_HOST}/saml/SSO`)}"`}>` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${o.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success'}"/></samlp:Status>` +
    `<saml:Assertion ID="${o.assertionId ?? '_assert1'}" Version="2.0" IssueInstant="2026-11-22T11:59:00Z">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID>${o.nameId ?? 'kasharp'}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${na}" Recipient="${o.recipient ?? `${TEST_SP_HOST}/saml/SSO`}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${nb}" NotOnOrAfter="${na}"><saml:AudienceRestriction><saml:Audience>${o.audience ?? TEST_SP_HOST}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="2026-11-22T11:59:00Z"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`
  );
}

/**
 * Signs the element with the given local name (enveloped, exclusive c14n, RSA-SHA256), KeyInfo carrying the
 * certificate.
 */
export function sign(
  xml: string,
  localName: 'Response' | 'Assertion' | 'EntityDescriptor',
  key = IDP_KEY,
  cert = IDP_CERT,
  opts: { digest?: string; signatureAlgorithm?: string; c14n?: string } = {},
): string {
  const sig = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: (opts.signatureAlgorithm ?? 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256') as never,
    canonicalizationAlgorithm: (opts.c14n ?? 'http://www.w3.org/2001/10/xml-exc-c14n#') as never,
  });
  sig.addReference({
    xpath: {
      Response: "/*[local-name(.)='Response']",
      Assertion: "/*[local-name(.)='Response']/*[local-name(.)='Assertion']",
      EntityDescriptor: "/*[local-name(.)='EntityDescriptor']",
    }[localName],
    digestAlgorithm: (opts.digest ?? 'http://www.w3.org/2001/04/xmlenc#sha256') as never,
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      (opts.c14n ?? 'http://www.w3.org/2001/10/xml-exc-c14n#') as never,
    ],
  });
  // The signature goes after the Issuer, where SAML's schema puts it.
  const issuerPath =
    localName === 'EntityDescriptor'
      ? `/*[local-name(.)='EntityDescriptor']`
      : localName === 'Assertion'
        ? "/*[local-name(.)='Response']/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']"
        : "/*[local-name(.)='Response']/*[local-name(.)='Issuer']";
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: issuerPath, action: localName === 'EntityDescriptor' ? 'prepend' : 'after' },
  });
  return sig.getSignedXml();
}

export const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

export function idpMetadataXml(
  o: {
    entityId?: string;
    certs?: string[];
    use?: 'signing' | 'encryption' | null;
    ssoBinding?: string;
    withSlo?: boolean;
    id?: string;
  } = {},
): string {
  const certs = (o.certs ?? [IDP_CERT]).map(
    (c) =>
      `<KeyDescriptor${o.use === null ? '' : ` use="${o.use ?? 'signing'}"`}><KeyInfo xmlns="${NS.ds}"><X509Data><X509Certificate>${bare(c)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`,
  );
  return (
    `<EntityDescriptor xmlns="${NS.md}" ID="${o.id ?? '_md1'}" entityID="${o.entityId ?? TEST_IDP_ENTITY}">` +
    `<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    certs.join('') +
    (o.withSlo === false
      ? ''
      : `<SingleLogoutService Binding="${HTTP_POST}" Location="https://idp.test.example/adfs/ls/"/>`) +
    `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.test.example/adfs/ls/redirect"/>` +
    `<SingleSignOnService Binding="${o.ssoBinding ?? HTTP_POST}" Location="https://idp.test.example/adfs/ls/"/>` +
    `</IDPSSODescriptor></EntityDescriptor>`
  );
}
