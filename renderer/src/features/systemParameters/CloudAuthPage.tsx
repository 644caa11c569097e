import { Button, Field, Input, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { cloudAuthProblems, type CloudAuthDoc, type CloudAuthDraft } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { confirm } from '../../ui/kit/confirm';
import { useDbTables } from '../../ui/kit/dbChanged';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { QueryState } from '../../ui/QueryState';
import { errorsOf, nodeTables, spKeys } from './data';
import { ParamPage, usePageStyles } from './ParamPage';

type Errors = Partial<Record<string, string>>;
const valueOf = (d: CloudAuthDoc): CloudAuthDraft => ({ clientId: d.clientId ?? '', clientSecret: '' });

/**
 * System › Cloud services authentication data: the OAuth2 Client ID and Client secret the cloud
 * services gave. The secret goes to the keychain only; the page then shows the Client ID and
 * Forget (to change them: Forget, then enter the new ones).
 */
export function CloudAuthPage({ tab }: { tab: Tab<Record<string, never>> }) {
  useDbTables(nodeTables);
  const s = usePageStyles();
  const status = useAuthStatus().data;
  const hostAdmin = status?.user?.hostAdmin === true;
  const writable = hostAdmin && canWrite(status?.user?.permissions, 'system');
  const e = useVersionedEditor<CloudAuthDoc, CloudAuthDraft, CloudAuthDraft, Errors>({
    tabKey: tab.key,
    queryKey: spKeys.page('cloudAuth', null),
    read: () => ccm.systemParameters.getCloudAuth({}),
    write: (draft, expectedVersion) => ccm.systemParameters.saveCloudAuth({ expectedVersion, draft }),
    valueOf,
    toForm: (v) => v,
    parse: (f) => {
      // Nothing typed yet is not an error (Save stays disabled: nothing changed).
      if (!f.clientId && !f.clientSecret) return { ok: true, value: f };
      const problems = cloudAuthProblems(f);
      return problems.length ? { ok: false, errors: errorsOf(problems) } : { ok: true, value: f };
    },
    isDirty: (f, saved) => f.clientId !== saved.clientId || f.clientSecret !== '',
    writable,
    placement: () => ({ prefixes: ['draft'] }),
  });
  if (!e.form || !e.base)
    return <QueryState isPending={!e.loadError} error={e.loadError} what="the cloud services authentication data" />;
  const f = e.form;
  const base = e.base;
  const err = (field: string) =>
    e.errors[field] ? { validationState: 'error' as const, validationMessage: e.errors[field] } : {};

  const forget = async () => {
    await confirm({
      title: 'Forget the cloud services credentials?',
      danger: true,
      confirmLabel: 'Forget',
      testId: 'sp-cloud-forget-dialog',
      confirmTestId: 'sp-cloud-forget-confirm',
      body:
        `The Client ID ${base.clientId ?? ''} and its Client secret are removed (the secret from this ` +
        "computer's keychain). Cloud services stop authenticating until you enter credentials again.",
      action: async () => {
        await e.writeWith(() => ccm.systemParameters.forgetCloudAuth({ expectedVersion: base.version }));
      },
    });
  };

  return (
    <ParamPage
      testId="sp-cloud"
      help="cloud-authentication"
      title="Cloud services authentication data"
      subtitle="The data required to authenticate this installation to the cloud services."
      writable={writable}
      readOnlyWhy={
        hostAdmin
          ? undefined
          : 'Read only: these credentials apply to the whole installation, so only a host administrator can ' +
            'change them.'
      }
      editor={e}
      saveHidden={base.clientId !== null}
    >
      <Text block>
        Several cloud-based services need communication and data exchange between this installation and the cloud
        platform. To set it up, fill in both fields with the OAuth2 authentication data the cloud platform provided (its
        support team sends a Client ID and a Client secret once authentication is enabled on their side) and Save; in
        case no connection is expected, keep the data removed and the fields empty.
      </Text>
      {base.clientId !== null ? (
        <div className={s.form} data-testid="sp-cloud-saved">
          <Text size={400}>
            Credentials saved using Client ID: <code data-testid="sp-cloud-saved-id">{base.clientId}</code>
          </Text>
          {!base.secretSet && (
            <MessageBar intent="warning" layout="multiline" data-testid="sp-cloud-no-secret">
              <MessageBarBody>
                The Client secret is not in this computer’s keychain (it was saved on another computer, or removed).
                Forget the credentials and enter them again here.
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={s.toolbar}>
            <Button
              icon={<Delete20Regular />}
              disabled={!writable || e.busy}
              onClick={() => void forget()}
              data-testid="sp-cloud-forget"
            >
              Forget
            </Button>
          </div>
          <Text className={s.hint}>
            If the credentials must change, use Forget to remove the existing ones, then enter the new ones.
          </Text>
        </div>
      ) : (
        <form
          noValidate
          className={s.form}
          onSubmit={(ev) => {
            ev.preventDefault();
            void e.save();
          }}
        >
          <div className={s.row}>
            <Field label="Client ID" required {...err('clientId')}>
              <Input
                value={f.clientId}
                disabled={!writable}
                autoComplete="off"
                onChange={(_, d) => e.set('clientId', d.value)}
                data-testid="sp-cloud-clientId"
              />
            </Field>
            <Field
              label="Client secret"
              required
              hint="Saved in this computer’s keychain only"
              {...err('clientSecret')}
            >
              <Input
                type="password"
                value={f.clientSecret}
                disabled={!writable}
                autoComplete="off"
                onChange={(_, d) => e.set('clientSecret', d.value)}
                data-testid="sp-cloud-clientSecret"
              />
            </Field>
          </div>
        </form>
      )}
      <Text className={s.hint} block>
        If the company reaches the internet through a proxy server, enter it in Proxy settings. These credentials are
        kept for this installation only; in a cluster, enter them on each node.
      </Text>
    </ParamPage>
  );
}
