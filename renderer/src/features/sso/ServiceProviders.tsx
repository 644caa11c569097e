import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
} from '@fluentui/react-components';
import {
  Add16Regular,
  ArrowDownload16Regular,
  Delete16Regular,
  DocumentText16Regular,
  Edit16Regular,
} from '@fluentui/react-icons';
import type { ServiceProviderRow } from '../../../../electron/contract';
import { useQuery } from '@tanstack/react-query';
import { ccm, unwrap } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { downloadBlob } from '../../ui/download';
import { useCommand } from '../../ui/kit';
import { ssoKeys, useServiceProviders } from './data';
import { CertificateCard, CopyButton, ErrorBar, ssoFormErrors, useConfirmDelete, useSsoStyles } from './ui';

/** SAML 2.0 › Service Provider (seed 000, steps 1–2): one per Application Server. */
export function ServiceProviders({ writable }: { writable: boolean }) {
  const s = useSsoStyles();
  const sps = useServiceProviders();
  const [editing, setEditing] = useState<ServiceProviderRow | 'new' | null>(null);
  const [metadataOf, setMetadataOf] = useState<ServiceProviderRow | null>(null);
  const confirmDelete = useConfirmDelete();
  const remove = (sp: ServiceProviderRow) =>
    void confirmDelete({
      title: 'Delete Service Provider?',
      body:
        `Delete 1 Service Provider, ${sp.hostUrl}? Its Identity Provider’s relying party trust stops working ` +
        `for this Application Server.`,
      remove: () => ccm.sso.deleteServiceProvider({ id: sp.id, expectedVersion: sp.version }),
    });
  return (
    <section className={s.section} aria-label="Service Providers">
      <div className={s.toolbar}>
        {writable && (
          <Button
            icon={<Add16Regular />}
            appearance="primary"
            data-testid="sso-sp-add"
            onClick={() => setEditing('new')}
          >
            Add Service Provider
          </Button>
        )}
        <span className={s.hint}>
          The Host url is the Agent Portal Web’s “service-provider-host-url” (webagent.xml); each Service Provider is a
          different Application Server.
        </span>
      </div>
      <QueryState isPending={sps.isPending} error={sps.error} what="the Service Providers" />
      {sps.data && sps.data.length === 0 && (
        <div className={s.empty}>No Service Provider yet. Add the Agent Portal Web of each Application Server.</div>
      )}
      {sps.data && sps.data.length > 0 && (
        <Table size="small" aria-label="Service Providers" data-testid="sso-sp-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Host url</TableHeaderCell>
              <TableHeaderCell>Assertion Consumer Service</TableHeaderCell>
              <TableHeaderCell>Certificate</TableHeaderCell>
              <TableHeaderCell style={{ width: 300 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {sps.data.map((sp) => (
              <TableRow key={sp.id} data-testid={`sso-sp-row-${sp.id}`}>
                <TableCell>{sp.hostUrl}</TableCell>
                <TableCell className={s.mono}>{sp.acsUrl}</TableCell>
                <TableCell>{sp.certificate ? sp.certificate.subject : '—'}</TableCell>
                <TableCell>
                  <div className={s.toolbar}>
                    <Button
                      size="small"
                      icon={<DocumentText16Regular />}
                      data-testid="sso-sp-metadata"
                      onClick={() => setMetadataOf(sp)}
                    >
                      Get Metadata
                    </Button>
                    {writable && (
                      <>
                        <Button
                          size="small"
                          icon={<Edit16Regular />}
                          aria-label={`Edit ${sp.hostUrl}`}
                          onClick={() => setEditing(sp)}
                        />
                        <Button
                          size="small"
                          icon={<Delete16Regular />}
                          aria-label={`Delete ${sp.hostUrl}`}
                          onClick={() => remove(sp)}
                        />
                      </>
                    )}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && <SpDialog sp={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {metadataOf && <MetadataDialog sp={metadataOf} onClose={() => setMetadataOf(null)} />}
    </section>
  );
}

function SpDialog({ sp, onClose }: { sp: ServiceProviderRow | null; onClose: () => void }) {
  const s = useSsoStyles();
  const saveCmd = useCommand((v: Parameters<typeof ccm.sso.saveServiceProvider>[0]) => ccm.sso.saveServiceProvider(v), {
    invalidates: [ssoKeys.all],
  });
  const errs = ssoFormErrors(saveCmd.error, ['hostUrl', 'certificate', 'publicKey'], saveCmd.reset);
  const [hostUrl, setHostUrl] = useState(sp?.hostUrl ?? '');
  const [certificate, setCertificate] = useState(sp?.certificate?.base64 ?? '');
  const [publicKey, setPublicKey] = useState(sp?.publicKey ?? '');
  const save = async () => {
    const ok = await saveCmd.run({
      id: sp?.id,
      expectedVersion: sp?.version,
      hostUrl,
      certificate: certificate.trim() || undefined,
      publicKey: publicKey.trim() || undefined,
    });
    if (ok) onClose();
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{sp ? 'Edit Service Provider' : 'Add Service Provider'}</DialogTitle>
            <DialogContent className={s.form}>
              <ErrorBar error={errs.general} />
              <Field
                label="Host url"
                required
                hint="https://<ApplicationServer_hostname_or_ip>/agentportal"
                {...errs.field('hostUrl')}
              >
                <Input
                  value={hostUrl}
                  autoFocus
                  data-testid="sso-sp-hostUrl"
                  onChange={(_, d) => (setHostUrl(d.value), errs.clear('hostUrl'))}
                />
              </Field>
              <Field label="Certificate" hint="Optional: PEM or the base64 “hash line”." {...errs.field('certificate')}>
                <Textarea
                  className={s.textarea}
                  value={certificate}
                  rows={4}
                  data-testid="sso-sp-certificate"
                  onChange={(_, d) => (setCertificate(d.value), errs.clear('certificate'))}
                />
              </Field>
              <Field
                label="Public key"
                hint="Optional: the public key of the certificate (never a private key)."
                {...errs.field('publicKey')}
              >
                <Textarea
                  className={s.textarea}
                  value={publicKey}
                  rows={3}
                  data-testid="sso-sp-publicKey"
                  onChange={(_, d) => (setPublicKey(d.value), errs.clear('publicKey'))}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saveCmd.busy} data-testid="sso-sp-save">
                {sp ? 'Save' : 'Add'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function MetadataDialog({ sp, onClose }: { sp: ServiceProviderRow; onClose: () => void }) {
  const s = useSsoStyles();
  const q = useQuery({
    queryKey: [...ssoKeys.sps, 'metadata', sp.id, sp.version],
    queryFn: () => unwrap(ccm.sso.serviceProviderMetadata({ id: sp.id })),
  });
  const md = q.data;
  const error = q.error?.message ?? null;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 820 }}>
        <DialogBody>
          <DialogTitle>Metadata of {sp.hostUrl}</DialogTitle>
          <DialogContent className={s.form}>
            {error && <ErrorBar error={{ code: 'INTERNAL', message: error }} />}
            {sp.certificate && <CertificateCard cert={sp.certificate} />}
            <Textarea
              className={s.textarea}
              readOnly
              value={md?.xml ?? 'Loading…'}
              rows={16}
              data-testid="sso-sp-metadata-xml"
              aria-label="Service Provider metadata XML"
            />
            <span className={s.hint}>
              Import this file into the Identity Provider as a relying party (ADFS: Relying Party Trusts › Add Relying
              Party Trust › Import data about the relying party from a file).
            </span>
          </DialogContent>
          <DialogActions>
            <CopyButton text={md?.xml ?? ''} label="Copy to clipboard" testId="sso-sp-metadata-copy" />
            <Button
              icon={<ArrowDownload16Regular />}
              disabled={!md}
              data-testid="sso-sp-metadata-save"
              onClick={() => md && downloadBlob(md.xml, md.fileName, 'application/samlmetadata+xml')}
            >
              Save as…
            </Button>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
