import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
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
import { Link16Regular, PlugConnected16Regular, Save16Regular } from '@fluentui/react-icons';
import { withAzureAppId, type DiscoveryResult, type OidcConfig } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { useCommand } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { ssoKeys } from './data';
import { useRegisterForm } from './editors';
import { CopyButton, ErrorBar, ssoFormErrors, useSsoStyles } from './ui';

type Form = Pick<OidcConfig, 'name' | 'entityId' | 'metadataLocation' | 'useExternalBrowser' | 'webDomain'>;
const formOf = (c: OidcConfig): Form => ({
  name: c.name,
  entityId: c.entityId,
  metadataLocation: c.metadataLocation,
  useExternalBrowser: c.useExternalBrowser,
  webDomain: c.webDomain,
});
const FIELDS = ['name', 'entityId', 'metadataLocation', 'webDomain'];

/** Tenant Properties › Authentication › External Identity Provider (seed 001, CONFIGURING MICC ENTERPRISE). */
export function OidcSettings({ writable }: { writable: boolean }) {
  const q = useQuery({ queryKey: ssoKeys.oidc(null), queryFn: () => unwrap(ccm.sso.getOidc({})) });
  if (!q.data) return <QueryState isPending={q.isPending} error={q.error} what="the External Identity Provider" />;
  return <OidcForm key={`${q.data.tenantId}:${q.data.version}`} config={q.data} writable={writable} />;
}

function OidcForm({ config, writable }: { config: OidcConfig; writable: boolean }) {
  const s = useSsoStyles();
  const saveCmd = useCommand((v: Parameters<typeof ccm.sso.saveOidc>[0]) => ccm.sso.saveOidc(v), {
    invalidates: [ssoKeys.all],
  });
  const errs = ssoFormErrors(saveCmd.error, FIELDS, saveCmd.reset);
  const [f, setF] = useState<Form>(() => formOf(config));
  const [test, setTest] = useState<DiscoveryResult | null>(null);
  const [testing, setTesting] = useState(false);
  const dirty = JSON.stringify(f) !== JSON.stringify(formOf(config));
  const save = async () => !!(await saveCmd.run({ expectedVersion: config.version, ...f }));
  useRegisterForm('oidc', dirty && writable, save);
  const set = (k: 'name' | 'entityId' | 'metadataLocation' | 'webDomain') => (_: unknown, d: { value: string }) => {
    setF({ ...f, [k]: d.value });
    errs.clear(k);
  };
  let appIdUrl: string | null = null;
  try {
    appIdUrl = f.metadataLocation && f.entityId ? withAzureAppId(f.metadataLocation, f.entityId) : null;
  } catch {
    appIdUrl = null;
  }
  return (
    <section className={s.section} aria-label="OpenID Connect">
      <Text className={s.hint}>
        Tenant {config.tenantName}: when an External Identity Provider is set, the console and the desktop applications
        sign in through it (OpenID Connect); the Web applications offer a “{f.name || '<Identity Provider Name>'}”
        button beside the conventional logon.
      </Text>
      <ErrorBar error={errs.general} />
      <form
        noValidate
        className={s.form}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className={s.row}>
          <Field label="Name" hint="Shown on the sign-in button." {...errs.field('name')}>
            <Input value={f.name} disabled={!writable} onChange={set('name')} data-testid="sso-oidc-name" />
          </Field>
          <Field
            label="Entity ID"
            hint="The Application (client) ID registered with the identity provider."
            {...errs.field('entityId')}
          >
            <Input value={f.entityId} disabled={!writable} onChange={set('entityId')} data-testid="sso-oidc-entityId" />
          </Field>
        </div>
        <Field
          label="Metadata Location"
          hint="The OpenID Connect metadata document URL (https)."
          {...errs.field('metadataLocation')}
        >
          <Input
            value={f.metadataLocation}
            disabled={!writable}
            onChange={set('metadataLocation')}
            data-testid="sso-oidc-metadataLocation"
          />
        </Field>
        <div className={s.toolbar}>
          <Button
            size="small"
            icon={<Link16Regular />}
            disabled={!writable || !appIdUrl || appIdUrl === f.metadataLocation}
            title="Azure AD: append ?appid=<Application (client) ID> to the metadata document URL"
            onClick={() => appIdUrl && setF({ ...f, metadataLocation: appIdUrl })}
            data-testid="sso-oidc-appid"
          >
            Append ?appid= (Azure AD)
          </Button>
          <Button
            size="small"
            icon={testing ? <Spinner size="tiny" /> : <PlugConnected16Regular />}
            disabled={!writable || !f.metadataLocation || testing}
            title={
              writable
                ? 'Fetch the discovery document from the Metadata Location'
                : 'Testing fetches the Metadata Location; it needs permission to change Single Sign-On'
            }
            onClick={async () => {
              setTesting(true);
              setTest(null);
              const r = await ccm.sso
                .testOidc({ metadataLocation: f.metadataLocation })
                .finally(() => setTesting(false));
              setTest(
                r.ok
                  ? r.value
                  : { ok: false, url: f.metadataLocation, issuer: null, endpoints: [], error: r.error.message },
              );
            }}
            data-testid="sso-oidc-test"
          >
            Test
          </Button>
        </div>
        {test && (
          <MessageBar intent={test.ok ? 'success' : 'error'} layout="multiline" data-testid="sso-oidc-test-result">
            <MessageBarBody>
              <MessageBarTitle>
                {test.ok ? `Issuer ${test.issuer}` : 'The discovery document could not be used'}
              </MessageBarTitle>
              {test.error && <div>{test.error}</div>}
              {test.endpoints.map((e) => (
                <div key={e.name} className={s.mono}>
                  {e.name}: {e.url}
                </div>
              ))}
            </MessageBarBody>
          </MessageBar>
        )}
        <Text className={s.hint} data-testid="sso-oidc-matching">
          User matching: the upn the identity provider returns is compared with each user’s External Logon ID. Only when
          the token carries no upn are email, then preferred_username, compared instead; the sign-in says which claim
          matched.
        </Text>
        <Checkbox
          label="Use External Browser for Desktop Applications"
          checked={f.useExternalBrowser}
          disabled={!writable}
          onChange={(_, d) => setF({ ...f, useExternalBrowser: !!d.checked })}
          data-testid="sso-oidc-external"
        />
        <Field
          label="Web server domain"
          hint={
            config.domainSource === 'webserver'
              ? `The redirect URIs use ${config.effectiveDomain} from /webserver:.`
              : 'Fully qualified name with the port if needed, e.g. mitel.com:4390; /webserver: overrides it.'
          }
          {...errs.field('webDomain')}
        >
          <Input
            value={f.webDomain}
            disabled={!writable}
            onChange={set('webDomain')}
            data-testid="sso-oidc-webDomain"
          />
        </Field>
        {writable && (
          <div className={s.toolbar}>
            <Button
              appearance="primary"
              type="submit"
              icon={<Save16Regular />}
              disabled={saveCmd.busy || !dirty}
              data-testid="sso-oidc-save"
            >
              Save
            </Button>
            <Button disabled={!dirty} onClick={() => setF(formOf(config))}>
              Revert
            </Button>
            <span className={s.hint}>
              Leave Name, Entity ID and Metadata Location blank for no External Identity Provider.
            </span>
          </div>
        )}
      </form>
      <div className={s.section} data-testid="sso-oidc-redirects">
        <Text weight="semibold">Redirect URIs to register with the identity provider (lower case)</Text>
        {config.redirectUris.map((r, i) => (
          <div key={r.uri} className={s.copyRow}>
            <Text style={{ minWidth: 230 }}>{r.platform}</Text>
            <Text className={s.mono} style={{ flexGrow: 1 }}>
              {r.uri}
            </Text>
            <CopyButton text={r.uri} testId={`sso-oidc-copy-${i}`} />
          </div>
        ))}
        {!config.effectiveDomain && (
          <span className={s.hint}>
            Set the Web server domain (or start with /webserver:) to fill in &lt;domain&gt;.
          </span>
        )}
      </div>
    </section>
  );
}
