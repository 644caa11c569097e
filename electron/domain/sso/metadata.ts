import { createPublicKey, X509Certificate } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { certificateInfo, normalizeCertificate, type CertificateInfo } from './certificates';
import { verifyEnvelopedSignature } from './signature';
import { child, children, descendants, escapeXml, HTTP_POST, NS, parseXml, SsoInputError } from './xml';

/**
 * The Service Provider's endpoints under its Host URL (the Agent Portal Web's
 * "service-provider-host-url"). The entity ID is the Host URL itself.
 */
export function spEndpoints(hostUrl: string) {
  const base = hostUrl.replace(/\/+$/, '');
  return { entityId: base, acs: `${base}/saml/SSO`, slo: `${base}/saml/SingleLogout` };
}

/** Host URL: an https URL without query or fragment (seed 000, Add a Service Provider). */
export function normalizeHostUrl(input: string): string {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    throw new Error('is not a URL (for example https://appserver.example.com/agentportal)');
  }
  if (u.protocol !== 'https:') throw new Error('must be an https URL');
  if (u.search || u.hash) throw new Error('must not have a query or fragment');
  if (u.username || u.password) throw new Error('must not carry a user name or password');
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

/**
 * The Application Server a Host URL points at: scheme, host (lower case, without a trailing
 * dot) and port (443/80 when left out). Seed 000: "each Service Provider must be a role of a
 * different Application Server", so two Service Providers may not share it, whatever their
 * paths.
 */
export function applicationServerOf(hostUrl: string): string {
  const u = new URL(hostUrl);
  const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
  return `${u.protocol}//${u.hostname.toLowerCase().replace(/\.$/, '')}:${port}`;
}

/** The SP's optional public key must be a public key (never a private key) and match the certificate. */
export function normalizePublicKey(input: string, certificate: string | null): string {
  const s = input.trim();
  if (/PRIVATE KEY/.test(s))
    throw new Error('is a private key; paste the public key only (never give the private key away)');
  let key;
  try {
    key = createPublicKey(
      /-----BEGIN/.test(s) ? s : `-----BEGIN PUBLIC KEY-----\n${s.replace(/\s+/g, '')}\n-----END PUBLIC KEY-----\n`,
    );
  } catch {
    throw new Error('is not a public key (PEM "BEGIN PUBLIC KEY" or its base64)');
  }
  const pem = key.export({ type: 'spki', format: 'pem' }).toString();
  if (certificate) {
    const certKey = new X509Certificate(Buffer.from(certificate, 'base64')).publicKey
      .export({ type: 'spki', format: 'pem' })
      .toString();
    if (certKey !== pem)
      throw new Error('does not belong to the certificate (the certificate holds a different public key)');
  }
  return pem.trim();
}

/** Get Metadata: the SP's metadata XML for the IdP's relying-party import. */
export function buildSpMetadata(sp: { hostUrl: string; certificate: string | null }): string {
  const e = spEndpoints(sp.hostUrl);
  const keyDescriptor = sp.certificate
    ? `    <md:KeyDescriptor>\n      <ds:KeyInfo xmlns:ds="${NS.ds}">\n        <ds:X509Data>\n          ` +
      `<ds:X509Certificate>${sp.certificate}</ds:X509Certificate>\n        </ds:X509Data>\n      </ds:KeyInfo>\n    ` +
      `</md:KeyDescriptor>\n`
    : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="${NS.md}" entityID="${escapeXml(e.entityId)}">\n` +
    `  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" ` +
    `protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n` +
    keyDescriptor +
    `    <md:SingleLogoutService Binding="${HTTP_POST}" Location="${escapeXml(e.slo)}"/>\n` +
    `    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>\n` +
    `    <md:AssertionConsumerService Binding="${HTTP_POST}" Location="${escapeXml(e.acs)}" index="0" ` +
    `isDefault="true"/>\n` +
    `  </md:SPSSODescriptor>\n` +
    `</md:EntityDescriptor>\n`
  );
}

export interface ImportedIdp {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | null;
  sloResponseUrl: string | null;
  certificates: CertificateInfo[];
  /** 'unsigned', or 'valid' when the metadata's signature verified (values were then read from the signed content). */
  signature: 'unsigned' | 'valid';
}

/** Entity IDs of identity providers must be URLs (seed 000, Entity ID). */
export function checkEntityIdUrl(value: string): string {
  const v = value.trim();
  try {
    const u = new URL(v);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error();
  } catch {
    throw new Error(
      'must be a URL (the entityID of the IdP’s EntityDescriptor, e.g. http://adfs.example.com/adfs/services/trust)',
    );
  }
  return v;
}

/**
 * Import from metadata (seed 000, step 6): entityID from EntityDescriptor; SSO and SLO
 * Locations from the HTTP-POST bindings inside IDPSSODescriptor; signing certificates from
 * KeyDescriptor use="signing" (or no use). Signed metadata must verify (against the
 * certificate the user pins, else the signing certificates it carries — which proves it
 * was not altered after signing, and is said so) and is then read from its signed content.
 */
export function parseIdpMetadata(
  xml: string,
  now: Date,
  opts: { metadataSigningCertificate?: string | null } = {},
): ImportedIdp {
  const doc = parseXml(xml, 'metadata');
  const root = doc.documentElement!;
  if (
    root.namespaceURI !== NS.md ||
    (root.localName !== 'EntityDescriptor' && root.localName !== 'EntitiesDescriptor')
  ) {
    throw new SsoInputError(
      `The text is not SAML 2.0 metadata: its root element is <${root.tagName}>, not md:EntityDescriptor.`,
    );
  }
  let entity = pickEntity(root);
  const certsOf = (e: Element) => signingCertificates(e);

  let signature: ImportedIdp['signature'] = 'unsigned';
  const isSigned = children(root, NS.ds, 'Signature').length > 0;
  if (!isSigned && opts.metadataSigningCertificate) {
    // A pinned metadata signing certificate means "only metadata signed with it".
    throw new SsoInputError(
      'The metadata is not signed, but a metadata signing certificate is given: only metadata signed with that ' +
        'certificate is accepted. Get the signed metadata from the IdP, or clear the metadata signing certificate.',
    );
  }
  if (isSigned) {
    const anchor = opts.metadataSigningCertificate
      ? [normalizeCertificate(opts.metadataSigningCertificate)]
      : certsOf(entity);
    const res = verifyEnvelopedSignature(xml, doc, root, { certificates: anchor }, now);
    if (!res.ok) throw new SsoInputError(`The metadata is signed, but its signature is not valid: ${res.reason}`);
    signature = 'valid';
    entity = pickEntity(res.signed);
  }

  const entityId = entity.getAttribute('entityID') ?? '';
  if (!entityId) throw new SsoInputError('The EntityDescriptor has no entityID.');
  try {
    checkEntityIdUrl(entityId);
  } catch {
    throw new SsoInputError(`The entityID "${entityId}" is not a URL; an identity provider’s Entity ID must be a URL.`);
  }
  const idp = child(entity, NS.md, 'IDPSSODescriptor')!;
  const sso = children(idp, NS.md, 'SingleSignOnService');
  const ssoPost = sso.find((s) => s.getAttribute('Binding') === HTTP_POST);
  if (!ssoPost?.getAttribute('Location')) {
    const found = sso.map((s) => (s.getAttribute('Binding') ?? '').split(':').pop()).join(', ') || 'none';
    throw new SsoInputError(
      `The IDPSSODescriptor has no SingleSignOnService with the HTTP-POST binding (bindings found: ${found}).`,
    );
  }
  const sloPost = children(idp, NS.md, 'SingleLogoutService').find((s) => s.getAttribute('Binding') === HTTP_POST);
  const certs = certsOf(entity);
  if (certs.length === 0)
    throw new SsoInputError(
      'The IDPSSODescriptor has no signing certificate (KeyDescriptor use="signing" or without use, holding an ' +
        'X509Certificate).',
    );
  return {
    entityId,
    ssoUrl: ssoPost.getAttribute('Location')!,
    sloUrl: sloPost?.getAttribute('Location') || null,
    sloResponseUrl: sloPost?.getAttribute('ResponseLocation') || null,
    certificates: certs.map((c) => certificateInfo(c, now)),
    signature,
  };
}

/**
 * The certificates an import pins: the usable ones only (an expired or not yet valid
 * certificate is listed as not usable and never pinned). None usable refuses the import.
 */
export function certificatesToPin(certificates: CertificateInfo[]): string[] {
  const usable = certificates.filter((c) => c.usable).map((c) => c.base64);
  if (usable.length === 0) {
    const why = certificates.map((c) => `${c.subject}: ${c.warning?.split(':')[0] ?? c.status}`).join('; ');
    throw new SsoInputError(
      `None of the signing certificates in the metadata is usable (${why}); an expired or not yet valid certificate ` +
        `is never pinned. Get the IdP’s current metadata.`,
    );
  }
  return usable;
}

function pickEntity(root: Element): Element {
  const entities = root.localName === 'EntityDescriptor' ? [root] : children(root, NS.md, 'EntityDescriptor');
  const idps = entities.filter((e) => child(e, NS.md, 'IDPSSODescriptor'));
  if (idps.length === 0) {
    const sp = entities.some((e) => child(e, NS.md, 'SPSSODescriptor'));
    throw new SsoInputError(
      `The metadata has no ` +
        `IDPSSODescriptor${sp ? ': it describes a service provider (SPSSODescriptor), not an identity provider' : ''}.`,
    );
  }
  if (idps.length > 1)
    throw new SsoInputError(
      `The metadata describes ${idps.length} identity providers; import one EntityDescriptor at a time.`,
    );
  return idps[0]!;
}

function signingCertificates(entity: Element): string[] {
  const idp = child(entity, NS.md, 'IDPSSODescriptor');
  if (!idp) return [];
  const out: string[] = [];
  for (const kd of children(idp, NS.md, 'KeyDescriptor')) {
    const use = kd.getAttribute('use');
    if (use && use !== 'signing') continue;
    for (const c of descendants(kd, NS.ds, 'X509Certificate')) {
      let b64: string;
      try {
        b64 = normalizeCertificate(c.textContent ?? '');
      } catch (err) {
        throw new SsoInputError(`A signing X509Certificate in the metadata ${(err as Error).message}.`);
      }
      if (!out.includes(b64)) out.push(b64);
    }
  }
  return out;
}
