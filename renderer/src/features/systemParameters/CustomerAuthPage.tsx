import { useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { ArrowDownload16Regular } from '@fluentui/react-icons';
import { customerAuthProblems, type CustomerAuth, type CustomerAuthDoc } from '../../../../electron/contract';
import { encodeRegFile } from '../../../../electron/shared/regEncoding';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { downloadBlob } from '../../ui/download';
import { QueryState } from '../../ui/QueryState';
import { intOrNull } from './data';
import { ParamPage, usePageStyles } from './ParamPage';
import { fieldProps, usePageEditor } from './usePageEditor';

type Form = Omit<CustomerAuth, 'maxReserveSeconds'> & { maxReserveSeconds: string };

/** System › Customer authentication: SeCCfg › Agent Service › Customer Authentication, and its .reg file. */
export function CustomerAuthPage({ tab }: { tab: Tab<Record<string, never>> }) {
  const s = usePageStyles();
  const status = useAuthStatus().data;
  const tenant = status?.tenant ?? null;
  const writable = canWrite(status?.user?.permissions, 'system');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const e = usePageEditor<CustomerAuth, Form, CustomerAuthDoc>({
    tabKey: tab.key,
    page: 'customerAuth',
    tenantId: tenant?.id ?? null,
    writable,
    read: () => ccm.systemParameters.getCustomerAuth({}),
    write: (settings, expectedVersion) => ccm.systemParameters.saveCustomerAuth({ expectedVersion, settings }),
    toForm: (v) => ({ ...v, maxReserveSeconds: String(v.maxReserveSeconds) }),
    fromForm: (f) => {
      const secs = intOrNull(f.maxReserveSeconds);
      if (secs === null || Number.isNaN(secs))
        return [
          { field: 'maxReserveSeconds', message: 'Maximum Time to Reserve Agent is a number of seconds above 0' },
        ];
      return { ...f, maxReserveSeconds: secs };
    },
    problems: customerAuthProblems,
  });
  if (!e.form) return <QueryState isPending={!e.loadError} error={e.loadError} what="customer authentication" />;
  const f = e.form;
  const accesses = e.base?.serviceAccesses ?? [];
  return (
    <ParamPage
      testId="sp-customerAuth"
      help="customer-authentication"
      title="Customer authentication"
      subtitle={
        `Agents of tenant “${tenant?.name ?? ''}” send a caller to an authentication service access ` +
        'and get the call back.'
      }
      writable={writable}
      editor={e}
      actions={
        <Button
          icon={<ArrowDownload16Regular />}
          disabled={e.dirty}
          title={e.dirty ? 'Save first: the file holds the saved values' : 'Download the saved values as a .reg file'}
          data-testid="sp-customerAuth-export"
          onClick={async () => {
            const r = await ccm.systemParameters.exportCustomerAuthReg({});
            if (!r.ok) return setNotice({ ok: false, text: r.error.message });
            downloadBlob(encodeRegFile(r.value.text), r.value.fileName, 'text/plain');
            setNotice({
              ok: true,
              text:
                `${r.value.fileName}: import it on the MiCC Enterprise server (reg import); ` +
                'check its key there first.',
            });
          }}
        >
          Export .reg
        </Button>
      }
    >
      <div className={s.form} style={{ maxWidth: '560px' }}>
        {notice && (
          <MessageBar intent={notice.ok ? 'success' : 'error'} data-testid="sp-customerAuth-notice">
            <MessageBarBody>
              <MessageBarTitle>{notice.ok ? 'Exported' : 'Not exported'}</MessageBarTitle>
              {notice.text}
            </MessageBarBody>
          </MessageBar>
        )}
        <Field
          label="Number to Call for Authentication"
          hint={
            accesses.length
              ? 'The BVD number of the authentication service access: ' +
                accesses.map((a) => `${a.bvd} (${a.name})`).join(', ')
              : 'The BVD number of the authentication service access; the tenant has no service access yet'
          }
          {...fieldProps(e.errors, 'numberToCall')}
        >
          <Input
            value={f.numberToCall}
            disabled={!writable}
            onChange={(_, d) => e.set('numberToCall', d.value)}
            data-testid="sp-customerAuth-numberToCall"
          />
        </Field>
        <Field
          label="Maximum Time to Reserve Agent (seconds)"
          hint="How long the agent waits for the caller to return"
          {...fieldProps(e.errors, 'maxReserveSeconds')}
        >
          <Input
            value={f.maxReserveSeconds}
            inputMode="numeric"
            disabled={!writable}
            onChange={(_, d) => e.set('maxReserveSeconds', d.value)}
            data-testid="sp-customerAuth-maxReserveSeconds"
          />
        </Field>
        <Checkbox
          label="Send DN from Agent"
          checked={f.sendDnFromAgent}
          disabled={!writable}
          onChange={(_, d) => e.set('sendDnFromAgent', Boolean(d.checked))}
          data-testid="sp-customerAuth-sendDnFromAgent"
        />
        <Text className={s.hint}>
          With Send DN from Agent, the agent’s extension goes with the call in its private data, so the script can
          return the call to that agent.
        </Text>
      </div>
    </ParamPage>
  );
}
