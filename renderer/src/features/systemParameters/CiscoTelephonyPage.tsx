import { useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { Certificate20Regular, PlugConnected16Regular } from '@fluentui/react-icons';
import {
  AXL_ROLES,
  ciscoProblems,
  type AxlTestResult,
  type CiscoCertificate,
  type CiscoDoc,
  type CiscoDraft,
} from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { confirm } from '../../ui/kit/confirm';
import { useDbTables, type DbTables } from '../../ui/kit/dbChanged';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { QueryState } from '../../ui/QueryState';
import { errorsOf, intOrNull, spKeys } from './data';
import { ParamPage, usePageStyles } from './ParamPage';

type Errors = Partial<Record<string, string>>;
type Form = Omit<CiscoDraft, 'axlPort'> & { axlPort: string };
const tables: DbTables = { tables: ['system_cisco'], keys: [spKeys.all] };

const valueOf = (d: CiscoDoc): CiscoDraft => ({ ...d.settings, password: null });
const toForm = (v: CiscoDraft): Form => ({ ...v, axlPort: v.axlPort === null ? '' : String(v.axlPort) });
const draftOf = (f: Form): CiscoDraft => {
  const port = intOrNull(f.axlPort);
  return { ...f, axlPort: port === null || Number.isNaN(port) ? null : port };
};

const STAGE_TITLE: Record<AxlTestResult['stage'], string> = {
  ok: 'AXL answered',
  address: 'The address is not valid',
  network: 'The PBX could not be reached',
  tls: 'TLS failed',
  pin: 'Not the trusted certificate',
  auth: 'Authentication failed',
  fault: 'AXL answered with a fault',
  http: 'No AXL answer',
};

/** System › Cisco IP Telephony: the Cisco UCM, the AXL Application User, its roles, Test and the certificate. */
export function CiscoTelephonyPage({ tab }: { tab: Tab<Record<string, never>> }) {
  useDbTables(tables);
  const s = usePageStyles();
  const status = useAuthStatus().data;
  const tenant = status?.tenant ?? null;
  const writable = canWrite(status?.user?.permissions, 'system');
  const [stored, setStored] = useState<CiscoDoc | null>(null);
  const [result, setResult] = useState<AxlTestResult | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'test' | 'cert' | null>(null);
  const e = useVersionedEditor<CiscoDoc, CiscoDraft, Form, Errors>({
    tabKey: tab.key,
    queryKey: spKeys.page('ciscoTelephony', tenant?.id ?? null),
    read: () => ccm.systemParameters.getCiscoTelephony({}),
    write: (draft, expectedVersion) => ccm.systemParameters.saveCiscoTelephony({ expectedVersion, draft }),
    valueOf,
    toForm,
    parse: (f) => {
      const problems = ciscoProblems(draftOf(f), stored?.passwordSet ?? false);
      if (f.axlPort.trim() && Number.isNaN(intOrNull(f.axlPort)))
        problems.unshift({ field: 'axlPort', message: 'AXL port must be a port number from 1 to 65535.' });
      return problems.length ? { ok: false, errors: errorsOf(problems) } : { ok: true, value: draftOf(f) };
    },
    isDirty: (f, saved) => JSON.stringify(draftOf(f)) !== JSON.stringify(saved),
    writable,
    placement: () => ({ prefixes: ['draft'] }),
    onAdopt: setStored,
  });
  if (!e.form)
    return <QueryState isPending={!e.loadError} error={e.loadError} what="the Cisco IP Telephony settings" />;
  const f = e.form;
  const err = (field: string) =>
    e.errors[field] ? { validationState: 'error' as const, validationMessage: e.errors[field] } : {};
  const text = (field: keyof Form, label: string, hint: string, required = false) => (
    <Field label={label} hint={hint} required={required} {...err(field)}>
      <Input
        value={String(f[field] ?? '')}
        disabled={!writable}
        onChange={(_, d) => e.set(field, d.value as never)}
        data-testid={`sp-cisco-${field}`}
      />
    </Field>
  );
  const passwordKept = f.password === null && (stored?.passwordSet ?? false);

  const test = async () => {
    setBusy('test');
    setResult(null);
    setActionError(null);
    const r = await ccm.systemParameters.testCiscoAxl({ draft: draftOf(f) }).finally(() => setBusy(null));
    if (r.ok) setResult(r.value);
    else setActionError(r.error.message);
  };
  const downloadCertificate = async () => {
    const d = draftOf(f);
    if (d.axlPort === null) return;
    setBusy('cert');
    setActionError(null);
    const r = await ccm.systemParameters
      .fetchCiscoCertificate({ host: d.pbxAddress.trim(), port: d.axlPort })
      .finally(() => setBusy(null));
    if (!r.ok) return setActionError(r.error.message);
    const c: CiscoCertificate = r.value;
    const trust = await confirm({
      title: 'Trust this certificate?',
      confirmLabel: 'Trust',
      testId: 'sp-cisco-cert-dialog',
      body: (
        <div className={s.form} data-testid="sp-cisco-cert">
          <Text>
            {d.pbxAddress.trim()}:{d.axlPort} presented this certificate. Compare the SHA-256 fingerprint with the one
            Cisco Unified OS Administration shows (Security › Certificate Management, tomcat). Once trusted, a Test
            accepts only this certificate from this address.
          </Text>
          <div>
            <b>Subject:</b> {c.subject}
          </div>
          <div>
            <b>Issuer:</b> {c.issuer}
          </div>
          <div>
            <b>Valid:</b> {c.validFrom.slice(0, 10)} to {c.validTo.slice(0, 10)}
          </div>
          <div style={{ wordBreak: 'break-all' }}>
            <b>SHA-256:</b> <code data-testid="sp-cisco-cert-sha256">{c.sha256}</code>
          </div>
        </div>
      ),
    });
    if (trust)
      e.set('trusted', {
        host: d.pbxAddress.trim(),
        port: d.axlPort,
        sha256: c.sha256,
        subject: c.subject.slice(0, 500),
      });
  };

  return (
    <ParamPage
      testId="sp-cisco"
      help="cucm-cti"
      title="Cisco IP Telephony"
      subtitle={`Cisco UCM of tenant “${tenant?.name ?? ''}”: the PBX addresses and the AXL Application User.`}
      writable={writable}
      editor={e}
    >
      <form
        noValidate
        className={s.form}
        onSubmit={(ev) => {
          ev.preventDefault();
          void e.save();
        }}
      >
        <h3 className={s.section}>IP Telephony parameters</h3>
        <div className={s.row}>
          {text('systemName', 'System name', 'A label that identifies the system', true)}
          {text('pbxAddress', 'PBX address', 'IP or DNS name of the Cisco UCM Publisher node', true)}
        </div>
        <div className={s.row}>
          {text('failoverAddress', 'PBX authentication failover address', 'Another node; used only to authenticate')}
          {text('voicemailNumber', 'Voicemail number', 'The voicemail pilot number, as on Cisco UCM')}
          {text('mwiAddress', 'MWI address', 'Prefix of the MWI on/off pattern on Cisco UCM')}
        </div>
        <h3 className={s.section}>AXL</h3>
        <div className={s.row}>
          {text('axlUsername', 'CallManager Username', 'The Application User for AXL, typically ImagicleCTI')}
          <Field
            label="CallManager Password"
            hint={
              passwordKept
                ? 'Saved in the keychain for this address and user; type to replace it'
                : 'Mandatory with a username'
            }
            {...err('password')}
          >
            <Input
              type="password"
              value={f.password ?? ''}
              placeholder={passwordKept ? '••••••••' : ''}
              disabled={!writable}
              onChange={(_, d) => e.set('password', d.value === '' && stored?.passwordSet ? null : d.value)}
              data-testid="sp-cisco-password"
            />
          </Field>
          {text('axlPort', 'AXL port', 'HTTPS port of the AXL service (8443)')}
          {text('axlVersion', 'AXL version', 'Cisco UCM schema version, such as 12.5')}
        </div>
        <div className={s.toolbar}>
          <Button
            icon={busy === 'test' ? <Spinner size="tiny" /> : <PlugConnected16Regular />}
            disabled={!writable || busy !== null || e.invalid}
            onClick={() => void test()}
            data-testid="sp-cisco-test"
            title="Ask the PBX for its version (AXL getCCMVersion) with the settings as entered"
          >
            Test
          </Button>
          <Button
            icon={busy === 'cert' ? <Spinner size="tiny" /> : <Certificate20Regular />}
            disabled={!writable || busy !== null || !!e.errors.pbxAddress || !!e.errors.axlPort || !f.pbxAddress.trim()}
            onClick={() => void downloadCertificate()}
            data-testid="sp-cisco-cert-download"
          >
            Download the server’s certificate
          </Button>
          {f.trusted && (
            <Text data-testid="sp-cisco-trusted">
              Trusted for {f.trusted.host}:{f.trusted.port}: SHA-256 {f.trusted.sha256.slice(0, 23)}…{' '}
              <Button size="small" appearance="subtle" disabled={!writable} onClick={() => e.set('trusted', null)}>
                Remove trust
              </Button>
            </Text>
          )}
        </div>
        {err('trusted').validationMessage && (
          <MessageBar intent="error">
            <MessageBarBody>{e.errors.trusted}</MessageBarBody>
          </MessageBar>
        )}
        {actionError && (
          <MessageBar intent="error" data-testid="sp-cisco-action-error">
            <MessageBarBody>{actionError}</MessageBarBody>
          </MessageBar>
        )}
        {result && (
          <MessageBar intent={result.ok ? 'success' : 'error'} layout="multiline" data-testid="sp-cisco-test-result">
            <MessageBarBody>
              <MessageBarTitle>{STAGE_TITLE[result.stage]}</MessageBarTitle>
              <div>{result.message}</div>
            </MessageBarBody>
          </MessageBar>
        )}
        <h3 className={s.section}>Application User roles</h3>
        <Text className={s.hint}>
          On Cisco UCM, give the Application User an Access Control Group with these roles (User Management › User
          Settings › Access Control Group). Tick the ones you assigned; this list is your record, Cisco UCM is not
          changed.
        </Text>
        <div data-testid="sp-cisco-roles" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '2px 16px' }}>
          {AXL_ROLES.map((r) => (
            <Checkbox
              key={r.id}
              checked={f.roles.includes(r.id)}
              disabled={!writable}
              onChange={(_, d) =>
                e.set(
                  'roles',
                  d.checked
                    ? AXL_ROLES.map((x) => x.id).filter((id) => id === r.id || f.roles.includes(id))
                    : f.roles.filter((x) => x !== r.id),
                )
              }
              label={
                <span>
                  <b>{r.name}</b> — <span className={s.hint}>{r.purpose}</span>
                </span>
              }
              data-testid={`sp-cisco-role-${r.id}`}
            />
          ))}
        </div>
        {!!e.errors.roles && <Text>{e.errors.roles}</Text>}
      </form>
    </ParamPage>
  );
}
