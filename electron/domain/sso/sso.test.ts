import { describe, expect, it } from 'vitest';
import {
  applicationServerOf,
  buildSpMetadata,
  certificateInfo,
  certificatesToPin,
  unusableReason,
  checkSamlResponse,
  fingerprintOf,
  normalizeCertificate,
  normalizeFingerprint,
  normalizeHostUrl,
  normalizePublicKey,
  parseIdpMetadata,
  redirectUris,
  withAzureAppId,
  domainFromWebServer,
  identityCandidates,
  type ResponseExpectations,
} from '.';
import {
  ATTACKER_CERT,
  ATTACKER_KEY,
  EXPIRED_CERT,
  EXPIRED_SIGNER_CERT,
  EXPIRING_CERT,
  FUTURE_SIGNER_CERT,
  IDP_CERT,
  IDP_KEY,
  OLD_KEY,
  ROLLOVER_CERT,
  TEST_NOW,
} from './testing/certs';
import {
  b64,
  idpMetadataXml,
  responseXml,
  sign,
  TEST_IDP_ENTITY,
  TEST_SP_HOST,
  WINDOWS_ACCOUNT,
} from './testing/samlFactory';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { generateServiceProviderMetadata } from '@node-saml/node-saml';

const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
const exp = (o: Partial<ResponseExpectations> = {}): ResponseExpectations => ({
  trust: { certificates: [bare(IDP_CERT)] },
  idpEntityId: TEST_IDP_ENTITY,
  audiences: [TEST_SP_HOST],
  recipients: [`${TEST_SP_HOST}/saml/SSO`],
  usernameMatch: WINDOWS_ACCOUNT,
  now: TEST_NOW,
  ...o,
});
const failed = (v: ReturnType<typeof checkSamlResponse>) =>
  v.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.message}`);
const signature = (v: ReturnType<typeof checkSamlResponse>) =>
  v.checks.find((c) => c.id === 'signature' || (c.id === 'format' && !c.ok));

describe('certificates', () => {
  it('accepts PEM or the bare hash line, stripping headers, comments and whitespace', () => {
    const b = bare(IDP_CERT);
    expect(normalizeCertificate(IDP_CERT)).toBe(b);
    expect(normalizeCertificate(`subject=CN=idp\nissuer=CN=idp\n${IDP_CERT}\ntrailing words`)).toBe(b);
    expect(normalizeCertificate(`  ${b.slice(0, 40)}\n ${b.slice(40)}  `)).toBe(b);
  });
  it.each([
    ['', 'is empty'],
    ['not base64!', 'is not base64'],
    ['QUJD', 'is not a valid X.509 certificate'],
    [`-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----`, 'only "BEGIN CERTIFICATE"'],
  ])('refuses %j', (input, msg) => expect(() => normalizeCertificate(input)).toThrow(msg));

  it('shows subject, SHA-1 and SHA-256 fingerprints and validity; warns when expired or expiring within 30 days', () => {
    const i = certificateInfo(bare(IDP_CERT), TEST_NOW);
    const x = new X509Certificate(IDP_CERT);
    expect(i).toMatchObject({
      subject: 'CN=idp.test.example, O=Test',
      status: 'valid',
      warning: null,
      sha1: x.fingerprint,
      sha256: x.fingerprint256,
    });
    expect(certificateInfo(bare(EXPIRED_CERT), TEST_NOW)).toMatchObject({
      status: 'expired',
      warning: expect.stringMatching(/^Expired on 2021-01-01/),
    });
    expect(certificateInfo(bare(EXPIRING_CERT), TEST_NOW)).toMatchObject({
      status: 'expiring',
      warning: expect.stringMatching(/^Expires in 8 days \(2026-12-01\)/),
    });
  });
  it('an expired or not yet valid certificate is not usable, and says why', () => {
    expect(certificateInfo(bare(IDP_CERT), TEST_NOW)).toMatchObject({ usable: true });
    expect(certificateInfo(bare(EXPIRING_CERT), TEST_NOW)).toMatchObject({ status: 'expiring', usable: true });
    expect(certificateInfo(bare(EXPIRED_SIGNER_CERT), TEST_NOW)).toMatchObject({
      status: 'expired',
      usable: false,
      warning: expect.stringMatching(/^Expired on 2021-01-01: not usable — a response signed with it is refused/),
    });
    expect(certificateInfo(bare(FUTURE_SIGNER_CERT), TEST_NOW)).toMatchObject({
      status: 'not-yet-valid',
      usable: false,
      warning: expect.stringMatching(/^Not valid before 2120-01-01: not usable until then/),
    });
    expect(unusableReason(bare(EXPIRED_SIGNER_CERT), TEST_NOW)).toBe('Expired on 2021-01-01');
    expect(unusableReason(bare(FUTURE_SIGNER_CERT), TEST_NOW)).toBe('Not valid before 2120-01-01');
    expect(unusableReason(bare(EXPIRED_SIGNER_CERT), new Date('2020-06-01T00:00:00Z'))).toBeNull();
  });
  it('fingerprints in the four algorithms; typed fingerprints are normalized and length-checked', () => {
    const x = new X509Certificate(IDP_CERT);
    expect(fingerprintOf(bare(IDP_CERT), 'SHA256')).toBe(x.fingerprint256);
    expect(fingerprintOf(bare(IDP_CERT), 'SHA512')).toBe(x.fingerprint512);
    expect(fingerprintOf(bare(IDP_CERT), 'SHA384')).toHaveLength(96 + 47);
    expect(normalizeFingerprint(x.fingerprint.replace(/:/g, '').toLowerCase(), 'SHA1')).toBe(x.fingerprint);
    expect(() => normalizeFingerprint(x.fingerprint, 'SHA256')).toThrow('has 20 bytes; a SHA256 fingerprint has 32');
    expect(() => normalizeFingerprint('zz', 'SHA1')).toThrow('is not hexadecimal');
  });
});

describe('service provider', () => {
  it('Host URL must be https; query, fragment and credentials refused; trailing slash dropped', () => {
    expect(normalizeHostUrl(' https://App01.demo.example/agentportal/ ')).toBe(
      'https://app01.demo.example/agentportal',
    );
    expect(() => normalizeHostUrl('http://app01/agentportal')).toThrow('must be an https URL');
    expect(() => normalizeHostUrl('app01')).toThrow('is not a URL');
    expect(() => normalizeHostUrl('https://a/x?y=1')).toThrow('query or fragment');
    expect(() => normalizeHostUrl('https://u:p@a/x')).toThrow('user name or password');
  });
  it('the Application Server of a Host URL: scheme, host (any case) and port (443 when left out), not the path', () => {
    const a = applicationServerOf('https://app01.demo.example/agentportal');
    expect(a).toBe('https://app01.demo.example:443');
    expect(applicationServerOf('https://APP01.demo.example:443/other')).toBe(a);
    expect(applicationServerOf('https://app01.demo.example./agentportal2')).toBe(a);
    expect(applicationServerOf('https://app01.demo.example:8443/agentportal')).not.toBe(a);
    expect(applicationServerOf('https://app02.demo.example/agentportal')).not.toBe(a);
    expect(applicationServerOf('http://app01.demo.example/agentportal')).toBe('http://app01.demo.example:80');
  });
  it('public key: refuses private keys and a key that is not the certificate’s', () => {
    const pub = new X509Certificate(IDP_CERT).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(normalizePublicKey(pub, bare(IDP_CERT))).toBe(pub.trim());
    expect(() => normalizePublicKey(pub, bare(ATTACKER_CERT))).toThrow('does not belong to the certificate');
    expect(() => normalizePublicKey(ATTACKER_KEY, null)).toThrow('is a private key');
    expect(() => normalizePublicKey('xyz', null)).toThrow('is not a public key');
    expect(createPublicKey(pub).type).toBe('public');
  });
  it('Get Metadata: EntityDescriptor, SPSSODescriptor, ACS and SLO with HTTP-POST, KeyDescriptor only with a certificate', () => {
    const plain = buildSpMetadata({ hostUrl: TEST_SP_HOST, certificate: null });
    expect(plain).toContain(`entityID="${TEST_SP_HOST}"`);
    expect(plain).toMatch(
      /<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https:\/\/app01.demo.example\/agentportal\/saml\/SSO"/,
    );
    expect(plain).toMatch(
      /<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https:\/\/app01.demo.example\/agentportal\/saml\/SingleLogout"/,
    );
    expect(plain).not.toContain('KeyDescriptor');
    expect(buildSpMetadata({ hostUrl: TEST_SP_HOST, certificate: bare(IDP_CERT) })).toContain(
      `<ds:X509Certificate>${bare(IDP_CERT)}</ds:X509Certificate>`,
    );
  });
});

describe('identity provider metadata import', () => {
  it('hand-written metadata: entityID, HTTP-POST SSO and SLO, signing certificates (use="signing" or no use)', () => {
    const m = parseIdpMetadata(idpMetadataXml({ certs: [IDP_CERT, ROLLOVER_CERT] }), TEST_NOW);
    expect(m).toMatchObject({
      entityId: TEST_IDP_ENTITY,
      ssoUrl: 'https://idp.test.example/adfs/ls/',
      sloUrl: 'https://idp.test.example/adfs/ls/',
      sloResponseUrl: null,
      signature: 'unsigned',
    });
    expect(m.certificates.map((c) => c.subject)).toEqual([
      'CN=idp.test.example, O=Test',
      'CN=idp-next.test.example, O=Test',
    ]);
    expect(parseIdpMetadata(idpMetadataXml({ use: null }), TEST_NOW).certificates).toHaveLength(1);
  });
  it('signed metadata verifies and is read from the signed content; tampering is refused', () => {
    const signed = sign(idpMetadataXml(), 'EntityDescriptor');
    expect(parseIdpMetadata(signed, TEST_NOW).signature).toBe('valid');
    const tampered = signed.replace(
      'https://idp.test.example/adfs/ls/"/><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"',
      'https://evil.example/"/><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"',
    );
    expect(tampered).not.toBe(signed);
    expect(() => parseIdpMetadata(tampered, TEST_NOW)).toThrow(/signed, but its signature is not valid/);
    // signed by someone else than the certificate it carries and the pinned one
    expect(() =>
      parseIdpMetadata(sign(idpMetadataXml(), 'EntityDescriptor', ATTACKER_KEY, ATTACKER_CERT), TEST_NOW),
    ).toThrow(/signature is not valid/);
    expect(() => parseIdpMetadata(signed, TEST_NOW, { metadataSigningCertificate: ATTACKER_CERT })).toThrow(
      /signature is not valid/,
    );
  });
  it('an expired or not yet valid signing certificate is listed as not usable and not pinned; none usable refuses the import', () => {
    const m = parseIdpMetadata(
      idpMetadataXml({ certs: [IDP_CERT, EXPIRED_SIGNER_CERT, FUTURE_SIGNER_CERT] }),
      TEST_NOW,
    );
    expect(m.certificates.map((c) => [c.subject, c.usable])).toEqual([
      ['CN=idp.test.example, O=Test', true],
      ['CN=lapsed-idp.test.example, O=Test', false],
      ['CN=future-idp.test.example, O=Test', false],
    ]);
    expect(certificatesToPin(m.certificates)).toEqual([bare(IDP_CERT)]);
    const lapsed = parseIdpMetadata(idpMetadataXml({ certs: [EXPIRED_SIGNER_CERT] }), TEST_NOW);
    expect(() => certificatesToPin(lapsed.certificates)).toThrow(
      'None of the signing certificates in the metadata is usable (CN=lapsed-idp.test.example, O=Test: Expired on 2021-01-01)',
    );
  });
  it('metadata signed with an expired certificate is refused, pinned or carried', () => {
    const signed = sign(
      idpMetadataXml({ certs: [EXPIRED_SIGNER_CERT] }),
      'EntityDescriptor',
      OLD_KEY,
      EXPIRED_SIGNER_CERT,
    );
    // The signature itself is right: while the certificate was valid, it verified.
    expect(parseIdpMetadata(signed, new Date('2020-06-01T00:00:00Z')).signature).toBe('valid');
    expect(() => parseIdpMetadata(signed, TEST_NOW)).toThrow(
      /signature is not valid: .*not usable: expired on 2021-01-01/,
    );
    expect(() => parseIdpMetadata(signed, TEST_NOW, { metadataSigningCertificate: EXPIRED_SIGNER_CERT })).toThrow(
      /not usable: expired on 2021-01-01/,
    );
  });
  it('a pinned metadata signing certificate refuses unsigned metadata', () => {
    expect(parseIdpMetadata(idpMetadataXml(), TEST_NOW).signature).toBe('unsigned');
    expect(() => parseIdpMetadata(idpMetadataXml(), TEST_NOW, { metadataSigningCertificate: IDP_CERT })).toThrow(
      'The metadata is not signed, but a metadata signing certificate is given',
    );
    expect(
      parseIdpMetadata(sign(idpMetadataXml(), 'EntityDescriptor'), TEST_NOW, { metadataSigningCertificate: IDP_CERT })
        .signature,
    ).toBe('valid');
  });
  it('SP-generated metadata (ours, and node-saml’s signed one) is refused as an identity provider', () => {
    expect(() => parseIdpMetadata(buildSpMetadata({ hostUrl: TEST_SP_HOST, certificate: null }), TEST_NOW)).toThrow(
      'The metadata has no IDPSSODescriptor: it describes a service provider',
    );
    const nodeSaml = generateServiceProviderMetadata({
      issuer: TEST_SP_HOST,
      callbackUrl: `${TEST_SP_HOST}/saml/SSO`,
      publicCerts: IDP_CERT,
      privateKey: IDP_KEY,
      signMetadata: true,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
    });
    expect(nodeSaml).toContain('SPSSODescriptor');
    expect(() => parseIdpMetadata(nodeSaml, TEST_NOW)).toThrow('it describes a service provider');
  });
  it.each([
    [
      'no IDPSSODescriptor',
      `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://x.example"/>`,
      'The metadata has no IDPSSODescriptor.',
    ],
    [
      'no HTTP-POST SSO',
      idpMetadataXml({ ssoBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact' }),
      'no SingleSignOnService with the HTTP-POST binding (bindings found: HTTP-Redirect, HTTP-Artifact)',
    ],
    ['no certificate', idpMetadataXml({ certs: [] }), 'has no signing certificate'],
    ['only an encryption certificate', idpMetadataXml({ use: 'encryption' }), 'has no signing certificate'],
    ['entityID not a URL', idpMetadataXml({ entityId: 'adfs-idp' }), 'The entityID "adfs-idp" is not a URL'],
    ['not metadata', '<html/>', 'root element is <html>'],
    ['malformed', '<EntityDescriptor', 'not well-formed XML'],
    ['a DTD', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', 'DTDs are refused'],
  ])('refuses %s', (_n, xml, msg) => expect(() => parseIdpMetadata(xml, TEST_NOW)).toThrow(msg));
});

describe('SAML response signature rules', () => {
  const genuine = sign(responseXml(), 'Assertion');

  it('a genuine response signed by the test IdP key passes (XML or base64), with the Username match value', () => {
    for (const input of [genuine, b64(genuine), encodeURIComponent(b64(genuine))]) {
      const v = checkSamlResponse(input, exp());
      expect(failed(v)).toEqual([]);
      expect(v).toMatchObject({ valid: true, issuer: TEST_IDP_ENTITY, nameId: 'kasharp', usernameValue: 'kasharp' });
    }
    const both = sign(sign(responseXml(), 'Assertion'), 'Response');
    expect(failed(checkSamlResponse(both, exp()))).toEqual([]);
    expect(checkSamlResponse(sign(responseXml(), 'Response'), exp()).valid).toBe(true);
  });

  it('a rollover certificate among the pinned ones, and a pinned fingerprint, also verify', () => {
    expect(
      checkSamlResponse(genuine, exp({ trust: { certificates: [bare(ROLLOVER_CERT), bare(IDP_CERT)] } })).valid,
    ).toBe(true);
    const fp = new X509Certificate(IDP_CERT).fingerprint256;
    expect(checkSamlResponse(genuine, exp({ trust: { fingerprint: fp, algorithm: 'SHA256' } })).valid).toBe(true);
  });

  it('an expired or not yet valid pinned certificate never verifies a response, though the signature is right', () => {
    const old = sign(responseXml(), 'Assertion', OLD_KEY, EXPIRED_SIGNER_CERT);
    // Mathematically right: while the certificate was valid it verified.
    expect(
      signature(
        checkSamlResponse(
          old,
          exp({ trust: { certificates: [bare(EXPIRED_SIGNER_CERT)] }, now: new Date('2020-06-01T00:00:00Z') }),
        ),
      )?.ok,
    ).toBe(true);
    const v = checkSamlResponse(old, exp({ trust: { certificates: [bare(EXPIRED_SIGNER_CERT)] } }));
    expect(v.valid).toBe(false);
    expect(v.usernameValue).toBeNull();
    expect(signature(v)?.message).toMatch(
      /pinned certificate CN=lapsed-idp.test.example, O=Test, which is not usable: expired on 2021-01-01/,
    );
    // pinned by fingerprint: the KeyInfo certificate has the pinned fingerprint, but it expired
    const fp = new X509Certificate(EXPIRED_SIGNER_CERT).fingerprint256;
    expect(
      signature(checkSamlResponse(old, exp({ trust: { fingerprint: fp, algorithm: 'SHA256' } })))?.message,
    ).toMatch(/not usable: expired on 2021-01-01/);
    const early = checkSamlResponse(
      sign(responseXml(), 'Assertion', OLD_KEY, FUTURE_SIGNER_CERT),
      exp({ trust: { certificates: [bare(FUTURE_SIGNER_CERT)] } }),
    );
    expect(signature(early)?.message).toMatch(/not usable: not valid before 2120-01-01/);
    // the current certificate beside an expired one still verifies
    expect(
      checkSamlResponse(genuine, exp({ trust: { certificates: [bare(EXPIRED_SIGNER_CERT), bare(IDP_CERT)] } })).valid,
    ).toBe(true);
  });

  it('KeyInfo-only certificate: a response signed by another key with its own certificate in KeyInfo fails', () => {
    const forged = sign(responseXml({ nameId: 'admin' }), 'Assertion', ATTACKER_KEY, ATTACKER_CERT);
    const v = checkSamlResponse(forged, exp());
    expect(v.valid).toBe(false);
    expect(signature(v)?.message).toMatch(/does not verify against the pinned certificate/);
    const fp = new X509Certificate(IDP_CERT).fingerprint256;
    expect(
      signature(checkSamlResponse(forged, exp({ trust: { fingerprint: fp, algorithm: 'SHA256' } })))?.message,
    ).toMatch(/No certificate in the signature has the pinned SHA256 fingerprint/);
    expect(v.usernameValue).toBeNull();
  });

  it('tampered digest: changing the signed NameID fails', () => {
    const v = checkSamlResponse(genuine.replace('<saml:NameID>kasharp<', '<saml:NameID>admin<'), exp());
    expect(v.valid).toBe(false);
    expect(signature(v)?.ok).toBe(false);
  });

  it('comment in NameID fails', () => {
    const withComment = sign(responseXml({ nameId: 'admin<!---->.evil', attributes: {} }), 'Assertion');
    const v = checkSamlResponse(withComment, exp());
    expect(v.valid).toBe(false);
    expect(signature(v)?.message).toMatch(/contains an XML comment/);
  });

  it('wrapped assertion: the genuine signed assertion hidden elsewhere and a forged one in its place fails', () => {
    const genuineAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(genuine)![0];
    const forged = responseXml({ nameId: 'admin', attributes: { [WINDOWS_ACCOUNT]: 'admin' }, assertionId: '_evil' });
    // genuine assertion moved into Extensions, forged assertion as the one read
    const wrapped = forged.replace(
      '<samlp:Status>',
      `<samlp:Extensions>${genuineAssertion}</samlp:Extensions><samlp:Status>`,
    );
    const v = checkSamlResponse(wrapped, exp());
    expect(v.valid).toBe(false);
    expect(failed(v)[0]).toMatch(/exactly one Assertion.*wrapping/);
    // forged assertion carrying the same ID as the genuine one
    const sameId = forged
      .replace('ID="_evil"', 'ID="_assert1"')
      .replace(
        '<samlp:Status>',
        `<samlp:Extensions><x>${genuineAssertion.replace('<saml:Assertion', '<saml:Evidence').replace('</saml:Assertion>', '</saml:Evidence>')}</x></samlp:Extensions><samlp:Status>`,
      );
    const v2 = checkSamlResponse(sameId, exp());
    expect(v2.valid).toBe(false);
  });

  it('second reference: a signature with two references fails', () => {
    const twoRefs = genuine.replace(/(<ds:Reference [\s\S]*?<\/ds:Reference>)/, '$1$1');
    const v = checkSamlResponse(twoRefs, exp());
    expect(signature(v)?.message).toMatch(/has 2 references; exactly one/);
  });

  it('a reference that is not the signed element’s own ID, and a duplicated ID, fail', () => {
    const otherUri = genuine.replace('URI="#_assert1"', 'URI="#_resp1"');
    expect(signature(checkSamlResponse(otherUri, exp()))?.message).toMatch(/points to "#_resp1", not to the Assertion/);
    const dupId = genuine.replace('ID="_resp1"', 'ID="_assert1"');
    expect(signature(checkSamlResponse(dupId, exp()))?.message).toMatch(/occurs 2 times/);
  });

  it('#WithComments canonicalization and SHA-1 are refused', () => {
    const wc = sign(responseXml(), 'Assertion', undefined, undefined, {
      c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
    });
    expect(signature(checkSamlResponse(wc, exp()))?.message).toMatch(/#WithComments/);
    const sha1 = sign(responseXml(), 'Assertion', undefined, undefined, {
      signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
      digest: 'http://www.w3.org/2000/09/xmldsig#sha1',
    });
    expect(signature(checkSamlResponse(sha1, exp()))?.message).toMatch(/rsa-sha1" is refused/);
  });

  it('an unsigned response and a DTD are refused', () => {
    expect(signature(checkSamlResponse(responseXml(), exp()))?.message).toBe(
      'Neither the Response nor the Assertion is signed.',
    );
    expect(
      failed(checkSamlResponse(`<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${genuine}`, exp()))[0],
    ).toMatch(/DTDs are refused/);
    expect(failed(checkSamlResponse('%%%', exp()))[0]).toMatch(/neither XML nor base64/);
  });
});

describe('SAML response conditions', () => {
  it('audience, time, issuer, recipient and the Username match each give their reason', () => {
    const v = checkSamlResponse(
      sign(
        responseXml({ audience: 'https://other.example/agentportal', recipient: 'https://other.example/acs' }),
        'Assertion',
      ),
      exp(),
    );
    expect(failed(v)).toEqual([
      'audience: Audience https://other.example/agentportal is none of the Service Providers (https://app01.demo.example/agentportal).',
      'recipient: Recipient https://other.example/acs is no Service Provider’s ACS (https://app01.demo.example/agentportal/saml/SSO).',
    ]);
    const late = checkSamlResponse(sign(responseXml(), 'Assertion'), exp({ now: new Date('2026-11-22T12:10:00Z') }));
    expect(failed(late)[0]).toMatch(/^time: Time conditions fail: expired at 2026-11-22T12:05:00Z/);
    const early = checkSamlResponse(sign(responseXml(), 'Assertion'), exp({ now: new Date('2026-11-22T11:50:00Z') }));
    expect(failed(early)[0]).toMatch(/not valid before 2026-11-22T11:55:00Z/);
    expect(
      checkSamlResponse(sign(responseXml(), 'Assertion'), exp({ now: new Date('2026-11-22T12:06:00Z') })).valid,
    ).toBe(true); // within skew
    expect(
      failed(checkSamlResponse(sign(responseXml(), 'Assertion'), exp({ idpEntityId: 'https://other-idp/' })))[0],
    ).toMatch(/^issuer: Issuer "https:\/\/idp.test.example\/adfs\/services\/trust" is not/);
    const noAttr = checkSamlResponse(sign(responseXml({ attributes: { email: 'k@x' } }), 'Assertion'), exp());
    expect(failed(noAttr)).toEqual([
      `username: The assertion has no value for the Username match "${WINDOWS_ACCOUNT}" (attributes: email; NameID: kasharp).`,
    ]);
    expect(
      checkSamlResponse(
        sign(responseXml({ nameId: 'kasharp@demo.example' }), 'Assertion'),
        exp({ usernameMatch: 'NameID' }),
      ).usernameValue,
    ).toBe('kasharp@demo.example');
    expect(
      failed(
        checkSamlResponse(
          sign(responseXml({ status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' }), 'Assertion'),
          exp(),
        ),
      )[0],
    ).toMatch(/^status: Status is ".*Responder", not Success/);
  });
});

describe('SAML response Destination', () => {
  const acs = `${TEST_SP_HOST}/saml/SSO`;
  it('the Response’s Destination must be a Service Provider’s ACS, like the Recipient', () => {
    for (const what of ['Response', 'Assertion'] as const) {
      const v = checkSamlResponse(sign(responseXml({ destination: 'https://other.example/saml/SSO' }), what), exp());
      expect(failed(v), what).toEqual([
        `destination: Destination https://other.example/saml/SSO is no Service Provider’s ACS (${acs}).`,
      ]);
    }
    expect(
      checkSamlResponse(sign(responseXml(), 'Response'), exp()).checks.find((c) => c.id === 'destination'),
    ).toEqual({ id: 'destination', ok: true, message: `Destination ${acs} is a Service Provider’s ACS.` });
  });
  it('a signed Response must state its Destination; an unsigned one may leave it out', () => {
    expect(failed(checkSamlResponse(sign(responseXml({ destination: null }), 'Response'), exp()))).toEqual([
      'destination: The Response is signed but states no Destination; a signed Response must name the ACS it is sent to.',
    ]);
    expect(checkSamlResponse(sign(responseXml({ destination: null }), 'Assertion'), exp()).valid).toBe(true);
  });
  it('changing a signed Response’s Destination breaks its signature', () => {
    const signed = sign(responseXml(), 'Response');
    const moved = signed.replace(`Destination="${acs}"`, 'Destination="https://other.example/saml/SSO"');
    expect(moved).not.toBe(signed);
    expect(checkSamlResponse(moved, exp()).valid).toBe(false);
  });
});

describe('OpenID Connect helpers', () => {
  it('appends ?appid=<client id> as the seed shows, replacing an old one', () => {
    const url =
      'https://login.microsoftonline.com/0cd345fc-e1fe-4f99-a378-4317172ad9c2/v2.0/.well-known/openid-configuration';
    expect(withAzureAppId(url, 'f96bcece-3db3-4445-ac2a-32b9c66f761e')).toBe(
      `${url}?appid=f96bcece-3db3-4445-ac2a-32b9c66f761e`,
    );
    expect(withAzureAppId(`${url}?appid=old&x=1`, 'new')).toBe(`${url}?appid=new&x=1`);
  });
  it('redirect URIs in lower case from the domain; /webserver: port only when not default', () => {
    expect(redirectUris('Mitel.com:4390').map((r) => r.uri)).toEqual([
      'http://localhost',
      'https://mitel.com:4390/webapps/contactcenter/authentication/openidlogincallback',
      'https://mitel.com:4390/webagent',
    ]);
    expect(domainFromWebServer({ host: 'CCServer', port: 80 })).toBe('ccserver');
    expect(domainFromWebServer({ host: 'ccserver', port: 4390 })).toBe('ccserver:4390');
  });
  it('user matching: a token with a upn is matched on the upn only; without one, email then preferred_username', () => {
    expect(identityCandidates({ email: 'a@x', upn: 'u@x', preferred_username: 'p' })).toEqual([
      { claim: 'upn', value: 'u@x' },
    ]);
    expect(identityCandidates({ email: 'a@x', preferred_username: 'p' }).map((c) => c.claim)).toEqual([
      'email',
      'preferred_username',
    ]);
    expect(identityCandidates({ upn: ' ', preferred_username: 'p' })).toEqual([
      { claim: 'preferred_username', value: 'p' },
    ]);
    expect(identityCandidates({ upn: 42, email: 'a@x' })).toEqual([{ claim: 'email', value: 'a@x' }]);
  });
});
