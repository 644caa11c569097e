import { Fragment, useState } from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled } from '@fluentui/react-icons';
import type { ResponseTestResult } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { useCommand } from '../../ui/kit';
import { useIdentityProviders, useTenantSettings } from './data';
import { ErrorBar, ssoFormErrors, useSsoStyles } from './ui';

const CHECK_LABEL: Record<string, string> = {
  format: 'Format',
  signature: 'Signature',
  status: 'Status',
  destination: 'Destination',
  issuer: 'Issuer',
  audience: 'Audience',
  time: 'Time conditions',
  recipient: 'Recipient',
  username: 'Username match',
};

/** SAML 2.0 › Test a SAML response: a verdict with reasons, and the user it maps to. */
export function TestResponse() {
  const s = useSsoStyles();
  const idps = useIdentityProviders();
  const tenants = useTenantSettings();
  /** A check: it changes nothing, so nothing is refreshed after it. */
  const testCmd = useCommand((v: Parameters<typeof ccm.sso.testResponse>[0]) => ccm.sso.testResponse(v));
  const errs = ssoFormErrors(testCmd.error, ['response', 'idpId'], testCmd.reset);
  const [idpId, setIdpId] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [response, setResponse] = useState('');
  const [result, setResult] = useState<ResponseTestResult | null>(null);
  const idp = idpId || (idps.data?.[0] ? String(idps.data[0].id) : '');
  const run = async () => {
    setResult(null);
    const r = await testCmd.run({ idpId: Number(idp), tenantId: tenantId ? Number(tenantId) : undefined, response });
    if (r) setResult(r);
  };
  return (
    <section className={s.section} aria-label="Test a SAML response">
      <span className={s.hint}>
        Paste a SAMLResponse (base64 as posted to the ACS, or the XML). Nothing is stored; the check is the one the
        Service Provider makes.
      </span>
      <ErrorBar error={errs.general} />
      <div className={s.row}>
        <Field label="Identity Provider" required {...errs.field('idpId')}>
          <Select value={idp} onChange={(_, d) => setIdpId(d.value)} data-testid="sso-test-idp">
            {!idps.data?.length && <option value="">No Identity Provider configured</option>}
            {idps.data?.map((i) => (
              <option key={i.id} value={String(i.id)}>
                {i.entityId}
              </option>
            ))}
          </Select>
        </Field>
        {(tenants.data?.rows.length ?? 0) > 1 && (
          <Field label="Map users of tenant">
            <Select value={tenantId} onChange={(_, d) => setTenantId(d.value)}>
              <option value="">The working tenant</option>
              {tenants.data?.rows.map((t) => (
                <option key={t.tenantId} value={String(t.tenantId)}>
                  {t.tenantName}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <Field label="SAMLResponse" required {...errs.field('response')}>
        <Textarea
          className={s.textarea}
          rows={8}
          value={response}
          onChange={(_, d) => setResponse(d.value)}
          data-testid="sso-test-response"
        />
      </Field>
      <div className={s.toolbar}>
        <Button
          appearance="primary"
          disabled={testCmd.busy || !idp || !response.trim()}
          onClick={() => void run()}
          data-testid="sso-test-run"
        >
          Test
        </Button>
      </div>
      {result && (
        <div className={s.section} data-testid="sso-test-result">
          <MessageBar
            intent={result.valid && result.user ? 'success' : 'error'}
            layout="multiline"
            data-testid="sso-test-verdict"
          >
            <MessageBarBody>
              <MessageBarTitle>
                {result.valid ? (result.user ? 'Accepted' : 'Valid, but no user') : 'Refused'}
              </MessageBarTitle>
              {result.mappingMessage}
            </MessageBarBody>
          </MessageBar>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 6 }}>
            {result.checks.map((c) => (
              <li
                key={c.id}
                style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}
                data-testid={`sso-test-check-${c.id}`}
              >
                {c.ok ? (
                  <CheckmarkCircle16Filled color="#107c10" aria-label="passed" />
                ) : (
                  <DismissCircle16Filled color="#c50f1f" aria-label="failed" />
                )}
                <Text weight="semibold" style={{ minWidth: 120 }}>
                  {CHECK_LABEL[c.id] ?? c.id}
                </Text>
                <Text>{c.message}</Text>
              </li>
            ))}
          </ul>
          {result.attributes.length > 0 && (
            <div className={s.cert}>
              <span>NameID</span>
              <span className={s.mono}>{result.nameId ?? '—'}</span>
              {result.attributes.map((at) => (
                <Fragment key={at.name}>
                  <span className={s.mono} title={at.name}>
                    {at.name.split('/').pop()}
                  </span>
                  <span className={s.mono}>{at.values.join(', ')}</span>
                </Fragment>
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
