import { useState } from 'react';
import { Button, Field, Input, Text } from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { webServerProblems, type WebServerDoc } from '../../../../electron/contract';
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
interface Form {
  baseUrl: string;
}

/**
 * System › Web server settings: the base URL that makes this installation reachable (empty:
 * https://<computer name>); Forget goes back to the default.
 */
export function WebServerPage({ tab }: { tab: Tab<Record<string, never>> }) {
  useDbTables(nodeTables);
  const s = usePageStyles();
  const status = useAuthStatus().data;
  const hostAdmin = status?.user?.hostAdmin === true;
  const writable = hostAdmin && canWrite(status?.user?.permissions, 'system');
  const [stored, setStored] = useState<WebServerDoc | null>(null);
  const e = useVersionedEditor<WebServerDoc, Form, Form, Errors>({
    tabKey: tab.key,
    queryKey: spKeys.page('webServer', null),
    read: () => ccm.systemParameters.getWebServer({}),
    write: (v, expectedVersion) => ccm.systemParameters.saveWebServer({ expectedVersion, baseUrl: v.baseUrl }),
    valueOf: (d) => ({ baseUrl: d.baseUrl ?? '' }),
    toForm: (v) => v,
    parse: (f) => {
      // Empty with nothing saved: the default, nothing to save. Emptied: the rule says to use Forget.
      if (!f.baseUrl.trim() && !stored?.baseUrl) return { ok: true, value: f };
      const problems = webServerProblems(f.baseUrl);
      return problems.length ? { ok: false, errors: errorsOf(problems) } : { ok: true, value: f };
    },
    isDirty: (f, saved) => f.baseUrl.trim() !== saved.baseUrl,
    writable,
    onAdopt: setStored,
  });
  if (!e.form || !e.base)
    return <QueryState isPending={!e.loadError} error={e.loadError} what="the web server settings" />;
  const base = e.base;
  const custom = base.baseUrl;

  const forget = async () => {
    await confirm({
      title: 'Forget the web server base URL?',
      danger: true,
      confirmLabel: 'Forget',
      testId: 'sp-web-forget-dialog',
      confirmTestId: 'sp-web-forget-confirm',
      body: `${custom ?? ''} is removed: the default ${base.defaultUrl} is used again.`,
      action: async () => {
        await e.writeWith(() => ccm.systemParameters.forgetWebServer({ expectedVersion: base.version }));
      },
    });
  };

  return (
    <ParamPage
      testId="sp-web"
      help="web-server"
      title="Web server settings"
      subtitle="The base URL that makes this installation reachable (its web portal and its APIs)."
      writable={writable}
      readOnlyWhy={
        hostAdmin
          ? undefined
          : 'Read only: the web server settings apply to the whole installation, so only a host administrator ' +
            'can change them.'
      }
      editor={e}
      actions={
        writable &&
        custom !== null && (
          <Button
            icon={<Delete20Regular />}
            disabled={e.busy}
            onClick={() => void forget()}
            data-testid="sp-web-forget"
            title="Revert to the default URL"
          >
            Forget
          </Button>
        )
      }
    >
      <Text block>
        Enter your custom base URL here to make this installation reachable. If no base URL has been specified, the
        default https://&lt;servercomputername&gt; URL is used — here {base.defaultUrl}. This setting is valid on this
        installation only: if your environment has several nodes, configure the URL on each of them according to the
        needs of your network.
      </Text>
      <Text block data-testid="sp-web-current">
        Web server base URL in use: <b>{custom ?? base.defaultUrl}</b>
        {custom === null ? ' (the default)' : ''}
      </Text>
      <form
        noValidate
        className={s.form}
        onSubmit={(ev) => {
          ev.preventDefault();
          void e.save();
        }}
      >
        <Field
          label="Web server base URL"
          hint="To save your base URL, enter it in this order: https://example.com/..."
          validationState={e.errors.baseUrl ? 'error' : 'none'}
          validationMessage={e.errors.baseUrl}
        >
          <Input
            value={e.form.baseUrl}
            disabled={!writable}
            placeholder={base.defaultUrl}
            onChange={(_, d) => e.set('baseUrl', d.value)}
            data-testid="sp-web-baseUrl"
          />
        </Field>
      </form>
      <Text className={s.hint} block>
        An https URL involves a digital certificate: associate one with the new URL in the web server (IIS). A new URL
        overrides the default https://&lt;ServerComputerName&gt;. Forget reverts to the default.
      </Text>
    </ParamPage>
  );
}
