import { useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { PlugConnected16Regular } from '@fluentui/react-icons';
import { proxyProblems, type ProxyDoc, type ProxyDraft, type ProxyTestResult } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import type { Tab } from '../../shell/tabs/store';
import { useDbTables } from '../../ui/kit/dbChanged';
import { useVersionedEditor, type VersionedEditor } from '../../ui/kit/useVersionedEditor';
import { QueryState } from '../../ui/QueryState';
import { errorsOf, intOrNull, spKeys, spTables } from './data';
import { ParamPage, usePageStyles } from './ParamPage';

type Kind = 'http' | 'socks';
type Errors = Partial<Record<string, string>>;
interface EndpointForm {
  address: string;
  port: string;
  username: string;
  /** null: keep the stored password. */
  password: string | null;
}
interface ProxyForm {
  http: EndpointForm;
  socks: EndpointForm & { version: 'v4' | 'v5' };
  bypass: string;
}

const valueOf = (d: ProxyDoc): ProxyDraft => ({
  http: { address: d.http.address, port: d.http.port, username: d.http.username, password: null },
  socks: {
    address: d.socks.address,
    port: d.socks.port,
    username: d.socks.username,
    password: null,
    version: d.socks.version,
  },
  bypass: d.bypass,
});
const toForm = (v: ProxyDraft): ProxyForm => ({
  http: { ...v.http, port: v.http.port === null ? '' : String(v.http.port) },
  socks: { ...v.socks, port: v.socks.port === null ? '' : String(v.socks.port) },
  bypass: v.bypass.join('\n'),
});
const draftOf = (f: ProxyForm): ProxyDraft => ({
  http: { ...f.http, port: intOrNull(f.http.port) },
  socks: { ...f.socks, port: intOrNull(f.socks.port) },
  bypass: f.bypass
    .split(/\r?\n/)
    .map((b) => b.trim())
    .filter(Boolean),
});

/** System › Proxy settings: HTTP/HTTPS and SOCKS proxies for the console's own outbound connections. */
export function ProxyPage({ tab }: { tab: Tab<Record<string, never>> }) {
  useDbTables(spTables);
  const status = useAuthStatus().data;
  const hostAdmin = status?.user?.hostAdmin === true;
  const writable = hostAdmin && canWrite(status?.user?.permissions, 'system');
  const [stored, setStored] = useState<ProxyDoc | null>(null);
  const editor = useVersionedEditor<ProxyDoc, ProxyDraft, ProxyForm, Errors>({
    tabKey: tab.key,
    queryKey: spKeys.page('proxy', null),
    read: () => ccm.systemParameters.getProxy({}),
    write: (draft: ProxyDraft, expectedVersion) => ccm.systemParameters.saveProxy({ expectedVersion, draft }),
    valueOf,
    toForm,
    parse: (f) => {
      const d = draftOf(f);
      const problems = proxyProblems(d, {
        http: stored?.http.passwordSet ?? false,
        socks: stored?.socks.passwordSet ?? false,
      });
      for (const k of ['http', 'socks'] as const)
        if (Number.isNaN(d[k].port)) problems.unshift({ field: `${k}.port`, message: 'Port is a TCP port, 1–65535' });
      return problems.length ? { ok: false, errors: errorsOf(problems) } : { ok: true, value: d };
    },
    isDirty: (f, saved) => JSON.stringify(draftOf(f)) !== JSON.stringify(saved),
    writable,
    placement: () => ({ prefixes: ['draft'] }),
    onAdopt: setStored,
  });
  if (!editor.form)
    return <QueryState isPending={!editor.loadError} error={editor.loadError} what="the proxy settings" />;
  return (
    <ParamPage
      testId="sp-proxy"
      help="proxy-settings"
      title="Proxy settings"
      subtitle={
        "The proxies the console's own connections to the internet go through: OpenID Connect, Microsoft and " +
        'Google sign-in, Genesys Cloud, remote response-file sources.'
      }
      writable={writable}
      readOnlyWhy={
        hostAdmin
          ? undefined
          : 'Read only: the proxy applies to the whole installation, so only a host administrator can change it.'
      }
      editor={editor}
    >
      <ProxyForm editor={editor} writable={writable} stored={stored} />
    </ParamPage>
  );
}

function ProxyForm({
  editor,
  writable,
  stored,
}: {
  editor: VersionedEditor<ProxyDoc, ProxyDraft, ProxyForm, Errors, never>;
  writable: boolean;
  stored: ProxyDoc | null;
}) {
  const s = usePageStyles();
  const f = editor.form!;
  const err = (field: string) =>
    editor.errors[field] ? { validationState: 'error' as const, validationMessage: editor.errors[field] } : {};
  const setEp = (kind: Kind, key: keyof EndpointForm, value: string | null) =>
    editor.update((form) => ({ ...form, [kind]: { ...form[kind], [key]: value } }));
  const [url, setUrl] = useState('https://www.example.com/');
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ProxyTestResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);

  const endpoint = (kind: Kind, label: string) => {
    const e = f[kind];
    const passwordSet = stored?.[kind].passwordSet ?? false;
    return (
      <section aria-label={label} className={s.form}>
        <h3 className={s.section}>{label}</h3>
        <div className={s.row}>
          <Field label="Address" hint="Host name or IP address of the proxy" {...err(`${kind}.address`)}>
            <Input
              value={e.address}
              disabled={!writable}
              onChange={(_, d) => setEp(kind, 'address', d.value)}
              data-testid={`sp-proxy-${kind}-address`}
            />
          </Field>
          <Field label="Port" hint="Mandatory with an address" {...err(`${kind}.port`)}>
            <Input
              value={e.port}
              inputMode="numeric"
              disabled={!writable}
              onChange={(_, d) => setEp(kind, 'port', d.value)}
              data-testid={`sp-proxy-${kind}-port`}
            />
          </Field>
        </div>
        {kind === 'socks' && (
          <RadioGroup
            layout="horizontal"
            value={f.socks.version}
            disabled={!writable}
            onChange={(_, d) =>
              editor.update((form) => ({ ...form, socks: { ...form.socks, version: d.value as 'v4' | 'v5' } }))
            }
            data-testid="sp-proxy-socks-version"
          >
            <Radio value="v4" label="SOCKS v4" />
            <Radio value="v5" label="SOCKS v5" />
          </RadioGroup>
        )}
        <div className={s.row}>
          <Field label="Username" hint='If the proxy needs one; without "@"' {...err(`${kind}.username`)}>
            <Input
              value={e.username}
              disabled={!writable}
              onChange={(_, d) => setEp(kind, 'username', d.value)}
              data-testid={`sp-proxy-${kind}-username`}
            />
          </Field>
          <Field
            label="Password"
            hint={
              e.password === null && passwordSet
                ? 'Saved in the keychain; type to replace it'
                : 'Mandatory with a username; without "@"'
            }
            {...err(`${kind}.password`)}
          >
            <Input
              type="password"
              value={e.password ?? ''}
              placeholder={e.password === null && passwordSet ? '••••••••' : ''}
              disabled={!writable}
              onChange={(_, d) => setEp(kind, 'password', d.value === '' && passwordSet ? null : d.value)}
              data-testid={`sp-proxy-${kind}-password`}
            />
          </Field>
        </div>
      </section>
    );
  };

  return (
    <form
      noValidate
      className={s.form}
      onSubmit={(ev) => {
        ev.preventDefault();
        void editor.save();
      }}
    >
      <Text className={s.hint}>
        Enter an HTTP/HTTPS proxy and/or a SOCKS proxy. http and https requests use the HTTP/HTTPS proxy when one is set
        (https is tunnelled, so the sites' own certificates are checked); otherwise the SOCKS proxy. The change applies
        to the next request; no restart is needed.
      </Text>
      <div className={s.columns}>
        {endpoint('http', 'HTTP/HTTPS')}
        {endpoint('socks', 'SOCKS')}
      </div>
      <Field
        label="Bypass the proxy for"
        hint={
          'One per line: <local> (names without a dot), host names, *.domain, IP addresses, ' +
          'networks such as 10.0.0.0/8'
        }
        {...err(Object.keys(editor.errors).find((k) => k.startsWith('bypass.')) ?? 'bypass')}
      >
        <Textarea
          value={f.bypass}
          rows={2}
          disabled={!writable}
          onChange={(_, d) => editor.update((form) => ({ ...form, bypass: d.value }))}
          data-testid="sp-proxy-bypass"
        />
      </Field>
      <section aria-label="Test" className={s.form}>
        <h3 className={s.section}>Test</h3>
        <div className={s.toolbar}>
          <Field label="URL" hint="Fetched with the settings as entered (not yet saved)" style={{ flex: 1 }}>
            <Input value={url} onChange={(_, d) => setUrl(d.value)} data-testid="sp-proxy-test-url" />
          </Field>
          <Button
            icon={testing ? <Spinner size="tiny" /> : <PlugConnected16Regular />}
            disabled={!writable || testing || editor.invalid || !url.trim()}
            title={writable ? 'Fetch the URL through the proxy' : 'Only a host administrator can test the proxy'}
            data-testid="sp-proxy-test"
            onClick={async () => {
              setTesting(true);
              setResult(null);
              setTestError(null);
              const r = await ccm.systemParameters
                .testProxy({ draft: draftOf(f), url: url.trim() })
                .finally(() => setTesting(false));
              if (r.ok) setResult(r.value);
              else setTestError(r.error.message);
            }}
          >
            Test
          </Button>
        </div>
        {testError && (
          <MessageBar intent="error" data-testid="sp-proxy-test-error">
            <MessageBarBody>{testError}</MessageBarBody>
          </MessageBar>
        )}
        {result && (
          <MessageBar intent={result.ok ? 'success' : 'error'} layout="multiline" data-testid="sp-proxy-test-result">
            <MessageBarBody>
              <MessageBarTitle>
                {result.ok
                  ? 'The URL answered'
                  : result.failed === 'credentials'
                    ? 'The proxy refused the credentials'
                    : result.failed === 'proxy'
                      ? 'The proxy could not be reached'
                      : result.failed === 'tls'
                        ? 'TLS with the site failed'
                        : 'The site could not be reached'}
              </MessageBarTitle>
              <div>{result.message}</div>
              <div className={s.meta}>
                Route:{' '}
                {result.route === 'direct'
                  ? 'direct (no proxy or bypassed)'
                  : result.route === 'http'
                    ? 'HTTP/HTTPS proxy'
                    : 'SOCKS proxy'}
                {' · '}
                {result.elapsedMs} ms
              </div>
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
    </form>
  );
}
