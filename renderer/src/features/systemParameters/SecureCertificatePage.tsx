import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import { ArrowClockwise20Regular, ArrowDownload20Regular } from '@fluentui/react-icons';
import {
  CERTIFICATE_WARN_DAYS,
  certificateDaysLeft,
  certificateNameChanged,
  type SecureCertificateDoc,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { confirm } from '../../ui/kit/confirm';
import { useDbTables } from '../../ui/kit/dbChanged';
import { useCommand } from '../../ui/kit/mutation';
import { downloadBlob } from '../../ui/download';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { nodeTables, spKeys } from './data';
import { usePageStyles } from './ParamPage';

const key = spKeys.page('secureCertificate', null);

/**
 * System › Secure communications certificate: the installation's self-signed certificate (for
 * secure SIP and RDP with Cisco UCM), Download as .pem and Regenerate. Generated the first time a
 * host administrator opens this page (reads have no side effects, so a reader's visit does not).
 */
export function SecureCertificatePage() {
  useDbTables(nodeTables);
  const s = usePageStyles();
  const formatDate = useDateFormat();
  const status = useAuthStatus().data;
  const q = useQuery({ queryKey: key, queryFn: () => unwrap(ccm.systemParameters.getSecureCertificate({})) });
  const doc: SecureCertificateDoc | undefined = q.data;
  const writable = status?.user?.hostAdmin === true && canWrite(status?.user?.permissions, 'system');
  const generate = useCommand(
    (expectedVersion: number) => ccm.systemParameters.generateSecureCertificate({ expectedVersion }),
    { invalidates: [key] },
  );
  const download = useCommand(() => ccm.systemParameters.exportSecureCertificate({}), {
    onSuccess: (r) => downloadBlob(r.text, r.fileName, 'application/x-pem-file'),
    notice: (r) => `Saved as ${r.fileName}: load it on Cisco UCM as CallManager-trust.`,
  });

  // First open by a host administrator: there is no certificate yet, so generate it once.
  const tried = useRef(false);
  useEffect(() => {
    if (doc && !doc.certificate && writable && !tried.current) {
      tried.current = true;
      void generate.run(doc.version);
    }
  }, [doc, writable, generate]);

  if (!doc) return <QueryState isPending={q.isPending} error={q.error} what="the secure communications certificate" />;
  const c = doc.certificate;
  const daysLeft = c ? certificateDaysLeft(c.validTo) : 0;
  const renamed = c ? certificateNameChanged(c, doc.hostname) : false;

  const regenerate = async () => {
    if (!c) return;
    await confirm({
      title: 'Regenerate the secure communications certificate?',
      danger: true,
      confirmLabel: 'Regenerate',
      testId: 'sp-cert-regenerate-dialog',
      confirmTestId: 'sp-cert-regenerate-confirm',
      body: (
        <div className={s.form}>
          <Text>
            A new certificate for {doc.hostname}, valid 5 years from today, replaces the one with SHA-256 fingerprint:
          </Text>
          <code className={s.mono} style={{ wordBreak: 'break-all' }}>
            {c.sha256}
          </code>
          <Text>
            Secure SIP and RDP with Cisco UCM stop working until you load the new certificate on Cisco UCM (OS
            Administration › Security › Certificate Management, CallManager-trust) and delete the old one there.
          </Text>
        </div>
      ),
      action: async () => {
        await generate.runOrThrow(doc.version);
      },
    });
  };

  const row = (label: string, value: string, testId: string) => (
    <>
      <Text weight="semibold">{label}</Text>
      <Text
        className={testId === 'sp-cert-sha256' ? s.mono : undefined}
        style={{ wordBreak: 'break-all' }}
        data-testid={testId}
      >
        {value}
      </Text>
    </>
  );

  return (
    <Page
      title="Secure communications certificate"
      help="secure-certificate"
      subtitle={
        'The digital certificate Cisco UCM needs to enable secure SIP and secure RDP communications with this ' +
        'installation.'
      }
      actions={
        <>
          <Button
            icon={<ArrowDownload20Regular />}
            disabled={!c || download.busy}
            onClick={() => void download.run()}
            data-testid="sp-cert-download"
            title="Save the certificate (public part, .pem) to load it on Cisco UCM"
          >
            Download
          </Button>
          {writable && (
            <Button
              icon={generate.busy ? <Spinner size="tiny" /> : <ArrowClockwise20Regular />}
              disabled={!c || generate.busy}
              onClick={() => void regenerate()}
              data-testid="sp-cert-regenerate"
            >
              Regenerate
            </Button>
          )}
        </>
      }
    >
      <div className={s.bars}>
        {!writable && (
          <MessageBar intent="info" data-testid="sp-cert-readonly">
            <MessageBarBody>
              Read only: the certificate belongs to the whole installation, so only a host administrator can regenerate
              it. You can download it.
            </MessageBarBody>
          </MessageBar>
        )}
        {renamed && c && (
          <MessageBar intent="warning" layout="multiline" data-testid="sp-cert-renamed">
            <MessageBarBody>
              <MessageBarTitle>The computer name changed</MessageBarTitle>
              The certificate is for {c.commonName}, but this computer is now named {doc.hostname}: the certificate is
              no longer valid. Regenerate it and load the new one on Cisco UCM.
            </MessageBarBody>
          </MessageBar>
        )}
        {c && daysLeft < CERTIFICATE_WARN_DAYS && (
          <MessageBar intent={daysLeft < 0 ? 'error' : 'warning'} data-testid="sp-cert-expiring">
            <MessageBarBody>
              {daysLeft < 0
                ? 'The certificate has expired: regenerate it and load the new one on Cisco UCM.'
                : `The certificate expires in ${daysLeft} days: regenerate it and load the new one on Cisco UCM.`}
            </MessageBarBody>
          </MessageBar>
        )}
        {generate.error && (
          <MessageBar intent="error" layout="multiline" data-testid="sp-cert-failure">
            <MessageBarBody>{generate.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {download.error && (
          <MessageBar intent="error" data-testid="sp-cert-download-failure">
            <MessageBarBody>{download.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {download.notice && (
          <MessageBar intent="success" data-testid="sp-cert-download-notice">
            <MessageBarBody>{download.notice}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {c ? (
        <div
          data-testid="sp-cert"
          style={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', gap: '6px 24px' }}
        >
          {row('Common Name', c.commonName, 'sp-cert-cn')}
          {row('Valid from', formatDate(c.validFrom), 'sp-cert-from')}
          {row('Valid to', formatDate(c.validTo), 'sp-cert-to')}
          {row('Days left', String(Math.max(daysLeft, 0)), 'sp-cert-days')}
          {row('SHA-256 fingerprint', c.sha256, 'sp-cert-sha256')}
          {row('Key', 'RSA 2048, signed with SHA-256, self-signed', 'sp-cert-key')}
          {row(
            'Private key',
            doc.keyOnThisComputer
              ? 'In this computer’s keychain (never in the database)'
              : 'Not on this computer: it is in the keychain of the computer that generated the certificate',
            'sp-cert-private',
          )}
        </div>
      ) : (
        <MessageBar intent="info" data-testid="sp-cert-none">
          <MessageBarBody>
            {writable
              ? 'Generating the certificate for this installation…'
              : 'The certificate is generated the first time a host administrator opens this page.'}
          </MessageBarBody>
        </MessageBar>
      )}
      <h3 className={s.section}>Load it on Cisco UCM</h3>
      <ol style={{ margin: 0, paddingLeft: '20px' }}>
        <li>Click Download and save the .pem file to your PC.</li>
        <li>Log on to Cisco UCM as Administrator and select OS Administration.</li>
        <li>
          From the menu, choose Security › Certificate Management, and press Upload Certificate / Certificate chain.
        </li>
        <li>
          As certificate purpose choose CallManager-trust, enter a description, select the certificate and upload it.
        </li>
        <li>Press Find to list the certificates: the uploaded one has the Common Name shown above.</li>
      </ol>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          Changing the computer name invalidates the certificate: if you change this computer’s name, regenerate the
          certificate.
        </MessageBarBody>
      </MessageBar>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          The certificate lasts 5 years from the day it was generated. When required, regenerate it for another 5 years.
        </MessageBarBody>
      </MessageBar>
      {doc.version > 0 && doc.updatedBy && (
        <Text className={s.meta} block data-testid="sp-cert-meta">
          Version {doc.version}, generated by {doc.updatedBy}
          {doc.updatedAt ? ` on ${formatDate(doc.updatedAt)}` : ''}.
        </Text>
      )}
    </Page>
  );
}
