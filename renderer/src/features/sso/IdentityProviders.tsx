import { useState } from 'react';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { Add16Regular, ArrowImport16Regular, Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import type { CcmErrorShape, IdentityProviderRow, MetadataPreview } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useCommand } from '../../ui/kit';
import { ssoKeys, useIdentityProviders } from './data';
import { CertificateCard, ErrorBar, ssoFormErrors, useConfirmDelete, useSsoStyles } from './ui';

const WINDOWS_ACCOUNT = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname';

/** SAML 2.0 › Identity Provider (seed 000, step 6): manual or from metadata. */
export function IdentityProviders({ writable }: { writable: boolean }) {
  const s = useSsoStyles();
  const idps = useIdentityProviders();
  const [adding, setAdding] = useState<IdentityProviderRow | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const confirmDelete = useConfirmDelete();
  const remove = (idp: IdentityProviderRow) =>
    void confirmDelete({
      title: 'Delete Identity Provider?',
      body:
        `Delete 1 Identity Provider, ${idp.entityId}, with its ${idp.certificates.length} pinned certificate` +
        `${idp.certificates.length === 1 ? '' : 's'}?`,
      remove: () => ccm.sso.deleteIdentityProvider({ id: idp.id, expectedVersion: idp.version }),
    });
  return (
    <section className={s.section} aria-label="Identity Providers">
      {writable && (
        <div className={s.toolbar}>
          <Button
            appearance="primary"
            icon={<ArrowImport16Regular />}
            data-testid="sso-idp-import"
            onClick={() => setImporting(true)}
          >
            Import from metadata
          </Button>
          <Button icon={<Add16Regular />} data-testid="sso-idp-add" onClick={() => setAdding('new')}>
            Add Identity Provider
          </Button>
          <span className={s.hint}>
            Importing is recommended: every value comes from the IdP’s metadata (ADFS:
            /FederationMetadata/2007-06/FederationMetadata.xml).
          </span>
        </div>
      )}
      <QueryState isPending={idps.isPending} error={idps.error} what="the Identity Providers" />
      {idps.data && idps.data.length === 0 && (
        <div className={s.empty}>No Identity Provider yet. Import the IdP’s metadata, or add it manually.</div>
      )}
      {idps.data?.map((idp) => (
        <div
          key={idp.id}
          className={s.section}
          data-testid={`sso-idp-${idp.id}`}
          style={{ borderTop: '1px solid #8883', paddingTop: 12 }}
        >
          <div className={s.toolbar}>
            <Text weight="semibold">{idp.entityId}</Text>
            <Badge appearance="tint">
              {idp.source === 'metadata' ? (idp.metadataSigned ? 'From signed metadata' : 'From metadata') : 'Manual'}
            </Badge>
            {idp.usedBy.length > 0 && (
              <Badge appearance="tint" color="brand">
                Used by {idp.usedBy.join(', ')}
              </Badge>
            )}
            {idp.certificates.length > 0 && idp.certificates.every((c) => !c.usable) && (
              <Badge appearance="filled" color="danger" data-testid={`sso-idp-${idp.id}-unusable`}>
                No usable certificate: every response is refused
              </Badge>
            )}
            {writable && (
              <>
                <Button
                  size="small"
                  icon={<Edit16Regular />}
                  aria-label={`Edit ${idp.entityId}`}
                  onClick={() => setAdding(idp)}
                />
                <Button
                  size="small"
                  icon={<Delete16Regular />}
                  aria-label={`Delete ${idp.entityId}`}
                  onClick={() => remove(idp)}
                />
              </>
            )}
          </div>
          <div className={s.cert}>
            <span>SSO url</span>
            <span className={s.mono}>{idp.ssoUrl}</span>
            <span>Username match</span>
            <span className={s.mono}>{idp.usernameMatch}</span>
            <span>Single logout</span>
            <span className={s.mono}>{idp.sloUrl ?? '—'}</span>
            <span>SLO response</span>
            <span className={s.mono}>
              {idp.effectiveSloResponseUrl ?? '—'}
              {idp.sloUrl && !idp.sloResponseUrl ? ' (the SLO url)' : ''}
            </span>
            {idp.fingerprint && (
              <>
                <span>Fingerprint</span>
                <span className={s.mono}>
                  {idp.fingerprintAlgorithm} {idp.fingerprint}
                </span>
              </>
            )}
          </div>
          {idp.certificates.map((c, i) => (
            <CertificateCard key={c.sha256} cert={c} testId={`sso-idp-${idp.id}-cert-${i}`} />
          ))}
        </div>
      ))}
      {adding && <ManualDialog idp={adding === 'new' ? null : adding} onClose={() => setAdding(null)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </section>
  );
}

const MANUAL_FIELDS = [
  'entityId',
  'ssoUrl',
  'usernameMatch',
  'sloUrl',
  'sloResponseUrl',
  'certificate',
  'fingerprint',
] as const;

function ManualDialog({ idp, onClose }: { idp: IdentityProviderRow | null; onClose: () => void }) {
  const s = useSsoStyles();
  const saveCmd = useCommand(
    (v: Parameters<typeof ccm.sso.saveIdentityProvider>[0]) => ccm.sso.saveIdentityProvider(v),
    { invalidates: [ssoKeys.all] },
  );
  const errs = ssoFormErrors(saveCmd.error, MANUAL_FIELDS, saveCmd.reset);
  const [f, setF] = useState({
    entityId: idp?.entityId ?? '',
    ssoUrl: idp?.ssoUrl ?? '',
    usernameMatch: idp?.usernameMatch ?? '',
    sloUrl: idp?.sloUrl ?? '',
    sloResponseUrl: idp?.sloResponseUrl ?? '',
    kind: (idp?.fingerprint ? 'fingerprint' : 'certificate') as 'certificate' | 'fingerprint',
    certificate: idp?.certificates[0]?.base64 ?? '',
    fingerprint: idp?.fingerprint ?? '',
    algorithm: (idp?.fingerprintAlgorithm ?? 'SHA256') as 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512',
  });
  const set = (k: keyof typeof f) => (_: unknown, d: { value: string }) => {
    setF({ ...f, [k]: d.value });
    errs.clear(k);
  };
  const save = async () => {
    const trust =
      f.kind === 'certificate'
        ? { kind: 'certificate' as const, certificate: f.certificate }
        : { kind: 'fingerprint' as const, fingerprint: f.fingerprint, algorithm: f.algorithm };
    const ok = await saveCmd.run({
      id: idp?.id,
      expectedVersion: idp?.version,
      entityId: f.entityId,
      ssoUrl: f.ssoUrl,
      usernameMatch: f.usernameMatch,
      sloUrl: f.sloUrl || undefined,
      sloResponseUrl: f.sloResponseUrl || undefined,
      trust,
    });
    if (ok) onClose();
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 680 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{idp ? 'Edit Identity Provider' : 'Add Identity Provider'}</DialogTitle>
            <DialogContent className={s.form}>
              <ErrorBar error={errs.general} />
              {idp?.source === 'metadata' && (
                <Text className={s.hint}>
                  Imported from metadata; saving here keeps only the first certificate. Re-import the metadata to update
                  it instead.
                </Text>
              )}
              <Field
                label="Entity ID"
                required
                hint="A URL: the entityID of the IdP’s EntityDescriptor."
                {...errs.field('entityId')}
              >
                <Input value={f.entityId} autoFocus onChange={set('entityId')} data-testid="sso-idp-entityId" />
              </Field>
              <Field
                label="SSO url"
                required
                hint="SingleSignOnService Location with the HTTP-POST binding."
                {...errs.field('ssoUrl')}
              >
                <Input value={f.ssoUrl} onChange={set('ssoUrl')} data-testid="sso-idp-ssoUrl" />
              </Field>
              <Field
                label="Username match"
                required
                hint={`The claim compared with the contact center user name, e.g. ${WINDOWS_ACCOUNT}, or NameID.`}
                {...errs.field('usernameMatch')}
              >
                <Input value={f.usernameMatch} onChange={set('usernameMatch')} data-testid="sso-idp-usernameMatch" />
              </Field>
              <div className={s.row}>
                <Field label="Single logout service url" {...errs.field('sloUrl')}>
                  <Input value={f.sloUrl} onChange={set('sloUrl')} />
                </Field>
                <Field
                  label="Single logout service response url"
                  hint="Usually blank: the SLO url is used."
                  {...errs.field('sloResponseUrl')}
                >
                  <Input value={f.sloResponseUrl} onChange={set('sloResponseUrl')} />
                </Field>
              </div>
              <RadioGroup
                layout="horizontal"
                value={f.kind}
                onChange={(_, d) => setF({ ...f, kind: d.value as 'certificate' | 'fingerprint' })}
              >
                <Radio value="certificate" label="x509 Certificate" />
                <Radio value="fingerprint" label="Certificate fingerprint" />
              </RadioGroup>
              {f.kind === 'certificate' ? (
                <Field
                  label="Public x509 certificate"
                  required
                  hint="PEM or the base64 “hash line”; headers, comments and line breaks are removed for you."
                  {...errs.field('certificate')}
                >
                  <Textarea
                    className={s.textarea}
                    rows={5}
                    value={f.certificate}
                    onChange={set('certificate')}
                    data-testid="sso-idp-certificate"
                  />
                </Field>
              ) : (
                <div className={s.row}>
                  <Field label="Certificate fingerprint" required {...errs.field('fingerprint')}>
                    <Input value={f.fingerprint} onChange={set('fingerprint')} className={s.mono} />
                  </Field>
                  <Field label="Fingerprint algorithm" required>
                    <Select
                      value={f.algorithm}
                      onChange={(_, d) => setF({ ...f, algorithm: d.value as typeof f.algorithm })}
                    >
                      {['SHA1', 'SHA256', 'SHA384', 'SHA512'].map((x) => (
                        <option key={x}>{x}</option>
                      ))}
                    </Select>
                  </Field>
                </div>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saveCmd.busy} data-testid="sso-idp-save">
                {idp ? 'Save' : 'Add'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function ImportDialog({ onClose }: { onClose: () => void }) {
  const s = useSsoStyles();
  /** A check of the metadata: it changes nothing, so nothing is refreshed after it. */
  const previewCmd = useCommand((v: Parameters<typeof ccm.sso.previewMetadata>[0]) => ccm.sso.previewMetadata(v));
  const importCmd = useCommand(
    (v: Parameters<typeof ccm.sso.importIdentityProvider>[0]) => ccm.sso.importIdentityProvider(v),
    { invalidates: [ssoKeys.all] },
  );
  /** A file refused before it is sent (too large), shown under the metadata field. */
  const [fileError, setFileError] = useState<CcmErrorShape | null>(null);
  /** One error at a time, as each run starts afresh: the file's, else the last check's or import's. */
  const resetAll = () => {
    previewCmd.reset();
    importCmd.reset();
    setFileError(null);
  };
  const busy = previewCmd.busy || importCmd.busy;
  const errs = ssoFormErrors(
    fileError ?? previewCmd.error ?? importCmd.error,
    ['usernameMatch', 'metadata', 'metadataSigningCertificate'],
    resetAll,
  );
  const [usernameMatch, setUsernameMatch] = useState('');
  const [mode, setMode] = useState<'upload' | 'type'>('upload');
  const [metadata, setMetadata] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [signingCert, setSigningCert] = useState('');
  const [preview, setPreview] = useState<MetadataPreview | null>(null);
  const unusable = preview?.certificates.filter((c) => !c.usable).length ?? 0;

  const check = async (text: string) => {
    setPreview(null);
    if (!text.trim()) return;
    resetAll();
    const p = await previewCmd.run({ metadata: text, metadataSigningCertificate: signingCert.trim() || undefined });
    if (p) setPreview(p);
  };
  const add = async () => {
    resetAll();
    const ok = await importCmd.run({
      usernameMatch,
      metadata,
      metadataSigningCertificate: signingCert.trim() || undefined,
    });
    if (ok) onClose();
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 760 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <DialogBody>
            <DialogTitle>Import from metadata</DialogTitle>
            <DialogContent className={s.form}>
              <ErrorBar error={errs.general} />
              <Field
                label="Username match"
                required
                hint={`The outgoing claim type mapped to the contact center user name, e.g. ${WINDOWS_ACCOUNT}`}
                {...errs.field('usernameMatch')}
              >
                <Input
                  value={usernameMatch}
                  autoFocus
                  onChange={(_, d) => (setUsernameMatch(d.value), errs.clear('usernameMatch'))}
                  data-testid="sso-import-usernameMatch"
                />
              </Field>
              <RadioGroup layout="horizontal" value={mode} onChange={(_, d) => setMode(d.value as 'upload' | 'type')}>
                <Radio value="upload" label="Upload Metadata" />
                <Radio value="type" label="Type Metadata" data-testid="sso-import-type" />
              </RadioGroup>
              {mode === 'upload' ? (
                <Field label="Metadata file" {...errs.field('metadata')}>
                  <input
                    type="file"
                    accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
                    data-testid="sso-import-file"
                    onChange={async (e) => {
                      const file = e.target.files?.[0];
                      if (!file) return;
                      if (file.size > 1_000_000) {
                        setFileError({
                          code: 'INVALID',
                          message: `${file.name} is larger than 1 MB; metadata files are far smaller.`,
                          field: 'metadata',
                        });
                        return;
                      }
                      const text = await file.text();
                      setFileName(file.name);
                      setMetadata(text);
                      await check(text);
                    }}
                  />
                  {fileName && <span className={s.hint}>{fileName}</span>}
                </Field>
              ) : (
                <Field label="Metadata Content" {...errs.field('metadata')}>
                  <Textarea
                    className={s.textarea}
                    rows={8}
                    value={metadata}
                    onChange={(_, d) => (setMetadata(d.value), errs.clear('metadata'))}
                    data-testid="sso-import-metadata"
                  />
                </Field>
              )}
              <Field
                label="Metadata signing certificate"
                hint={
                  'Optional: only metadata signed with this certificate is accepted (unsigned metadata is then ' +
                  'refused), instead of checking it against the certificate it carries.'
                }
                {...errs.field('metadataSigningCertificate')}
              >
                <Textarea
                  className={s.textarea}
                  rows={2}
                  value={signingCert}
                  onChange={(_, d) => (setSigningCert(d.value), errs.clear('metadataSigningCertificate'))}
                  data-testid="sso-import-signingCert"
                />
              </Field>
              {preview && (
                <div className={s.section} data-testid="sso-import-preview">
                  <Text weight="semibold">
                    {preview.entityId}{' '}
                    {preview.existingId !== null && (
                      <Badge color="warning">Updates the existing Identity Provider</Badge>
                    )}{' '}
                    <Badge appearance="tint" color={preview.signature === 'valid' ? 'success' : 'informative'}>
                      {preview.signature === 'valid' ? 'Signature valid' : 'Unsigned metadata'}
                    </Badge>
                  </Text>
                  <div className={s.cert}>
                    <span>SSO url</span>
                    <span className={s.mono}>{preview.ssoUrl}</span>
                    <span>Single logout</span>
                    <span className={s.mono}>{preview.sloUrl ?? '—'}</span>
                  </div>
                  {preview.certificates.map((c, i) => (
                    <CertificateCard key={c.sha256} cert={c} testId={`sso-import-cert-${i}`} />
                  ))}
                  {unusable > 0 && (
                    <Text className={s.hint} data-testid="sso-import-unusable">
                      {unusable === preview.certificates.length
                        ? 'No certificate here is usable, so the Identity Provider cannot be imported: get the ' +
                          'IdP’s current metadata.'
                        : `${unusable} of ${preview.certificates.length} certificates ` +
                          `${unusable === 1 ? 'is' : 'are'} not usable and will not be pinned; ` +
                          `${preview.certificates.length - unusable} will be.`}
                    </Text>
                  )}
                </div>
              )}
            </DialogContent>
            <DialogActions>
              {mode === 'type' && (
                <Button
                  disabled={busy || !metadata.trim()}
                  onClick={() => void check(metadata)}
                  data-testid="sso-import-check"
                >
                  Check
                </Button>
              )}
              <Button appearance="primary" type="submit" disabled={busy} data-testid="sso-import-add">
                {preview?.existingId ? 'Update' : 'Add'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
