import { useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Switch,
  Text,
} from '@fluentui/react-components';
import { Add16Regular, CloudArrowUp16Regular, Delete16Regular, Save16Regular } from '@fluentui/react-icons';
import { BrowserClientUri, GENESYS_REGIONS, loginHostOf } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { confirm, serverErrors, useCommand } from '../../ui/kit';
import { useDateFormat } from '../../ui/useDateFormat';
import { genesysKeys } from './data';
import type { GenesysEditor } from './genesysForm';
import { useGenesysStyles } from './GenesysHome';

const fieldProps = (message: string | undefined, id: string) =>
  message
    ? {
        validationState: 'error' as const,
        validationMessage: { children: message, 'data-testid': `genesys-${id}-error` },
      }
    : {};

/**
 * Configuration tab: enable, administrator, organization, region; Apply (provision); Remove; Browser Client
 * Applications.
 */
export function ConfigurationPage({ ed, writable }: { ed: GenesysEditor; writable: boolean }) {
  const s = useGenesysStyles();
  const fmt = useDateFormat();
  const form = ed.form;
  const base = ed.base;
  const apply = useCommand(() => ccm.genesys.apply({}), {
    invalidates: [genesysKeys.all],
    notice: (r) => `${r.message} The connection to Genesys Cloud succeeded.`,
  });
  const remove = useCommand((v: { expectedVersion: number }) => ccm.genesys.remove(v), {
    invalidates: [genesysKeys.all],
  });
  const [uri, setUri] = useState('');
  const [uriError, setUriError] = useState<string | null>(null);
  if (!form || !base) return null;
  const editable = writable && !ed.busy;
  const applyErr = serverErrors(apply.error, {
    fields: ['password', 'orgShortName', 'adminEmail', 'region'],
    lastSegment: true,
  });
  const err = (k: 'adminEmail' | 'orgShortName' | 'region' | 'password') => ed.errors[k] ?? applyErr.fields[k];

  const toggleEnabled = async (on: boolean) => {
    if (on) {
      const ok = await confirm({
        title: 'Enable Genesys Cloud Integration',
        body:
          'User information of this tenant will be synchronized to the paired Genesys Cloud organization. ' +
          'Continue?',
        confirmLabel: 'Yes',
        cancelLabel: 'No',
        testId: 'genesys-enable-dialog',
        confirmTestId: 'genesys-enable-yes',
      });
      if (!ok) return;
    } else if (base.config.enabled) {
      // The guide's warning: disabling stops the synchronization at once.
      const ok = await confirm({
        title: 'Disable Genesys Cloud Integration',
        body:
          'The synchronization between this tenant and Genesys Cloud stops immediately when the change is saved. ' +
          'Do you want to continue and disable the integration?',
        confirmLabel: 'Yes',
        cancelLabel: 'No',
        testId: 'genesys-disable-dialog',
        confirmTestId: 'genesys-disable-yes',
        cancelTestId: 'genesys-disable-no',
      });
      if (!ok) return;
    }
    ed.set('enabled', on);
  };
  const doApply = async () => {
    if (ed.dirty && !(await ed.save())) return;
    const ok = await confirm({
      title: 'Provision the organization',
      body:
        `Provision the Genesys Cloud organization ${form.orgShortName} (${loginHostOf(form.region)}) ` +
        'and populate it with this tenant’s users?',
      confirmLabel: 'Yes',
      cancelLabel: 'No',
      testId: 'genesys-apply-dialog',
      confirmTestId: 'genesys-apply-yes',
    });
    if (ok) await apply.run(undefined);
  };
  const doRemove = async () => {
    const ok = await confirm({
      title: 'Remove Configuration',
      body:
        'Remove the Genesys Cloud configuration of this tenant, its stored password and OAuth client secret, and the ' +
        'synchronization status of every record? The console’s OAuth client is deleted in Genesys Cloud; the users, ' +
        'queues, skills and wrap-up codes synchronized there stay.',
      danger: true,
      confirmLabel: 'Remove',
      testId: 'genesys-remove-dialog',
      confirmTestId: 'genesys-remove-yes',
    });
    if (ok) await remove.run({ expectedVersion: base.version });
  };
  const addUri = () => {
    const r = BrowserClientUri.safeParse(uri);
    if (!r.success) return setUriError(r.error.issues[0]!.message);
    if (form.browserClientApps.includes(r.data)) return setUriError('already in the list');
    ed.set('browserClientApps', [...form.browserClientApps, r.data]);
    setUri('');
    setUriError(null);
  };

  return (
    <section className={s.section} aria-label="Configuration">
      {ed.failure && (
        <MessageBar intent="error" layout="multiline" data-testid="genesys-save-error">
          <MessageBarBody>{ed.failure.message}</MessageBarBody>
        </MessageBar>
      )}
      {apply.error && (
        <MessageBar intent="error" layout="multiline" data-testid="genesys-apply-error">
          <MessageBarBody>
            <MessageBarTitle>The Genesys Cloud integration was not configured</MessageBarTitle>
            {apply.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {apply.notice && (
        <MessageBar intent="success" layout="multiline" data-testid="genesys-apply-success">
          <MessageBarBody>{apply.notice}</MessageBarBody>
        </MessageBar>
      )}
      {!apply.notice && !apply.error && base.provisioned && (
        <MessageBar intent={base.config.enabled ? 'success' : 'info'} data-testid="genesys-provisioned">
          <MessageBarBody>
            {`${base.config.enabled ? 'Connected to' : 'Disabled (synchronization stopped); provisioned for'} ` +
              `organization ${base.provisioned.orgName} — OAuth client ${base.provisioned.clientId}, ` +
              `provisioned ${fmt(base.provisioned.at)}.`}
          </MessageBarBody>
        </MessageBar>
      )}
      <Switch
        label="Enable Genesys Cloud Integration"
        checked={form.enabled}
        disabled={!editable}
        onChange={(_, d) => void toggleEnabled(d.checked)}
        data-testid="genesys-enabled"
      />
      <div className={s.row}>
        <Field label="Administrator Email" {...fieldProps(err('adminEmail'), 'adminEmail')}>
          <Input
            value={form.adminEmail}
            disabled={!editable || !form.enabled}
            onChange={(_, d) => ed.set('adminEmail', d.value)}
            data-testid="genesys-adminEmail"
          />
        </Field>
        <Field
          label="Password"
          hint={
            base.passwordSet
              ? 'Stored in the keychain for this region; type a new one to change the administrator’s credentials.'
              : 'At least 8 characters with a number, a special character, an upper and a lower case letter.'
          }
          {...fieldProps(err('password'), 'password')}
        >
          <Input
            type="password"
            value={form.password}
            placeholder={base.passwordSet ? '••••••••' : ''}
            disabled={!editable || !form.enabled}
            onChange={(_, d) => ed.set('password', d.value)}
            data-testid="genesys-password"
          />
        </Field>
        <Field label="Organization Short Name" {...fieldProps(err('orgShortName'), 'orgShortName')}>
          <Input
            value={form.orgShortName}
            disabled={!editable || !form.enabled}
            onChange={(_, d) => ed.set('orgShortName', d.value)}
            data-testid="genesys-orgShortName"
          />
        </Field>
        <Field label="Region" hint={`Sign-in at ${loginHostOf(form.region)}`} {...fieldProps(err('region'), 'region')}>
          <Select
            value={form.region}
            disabled={!editable || !form.enabled}
            onChange={(_, d) => ed.set('region', d.value)}
            data-testid="genesys-region"
          >
            {GENESYS_REGIONS.map((r) => (
              <option key={r.host} value={r.host}>
                {r.label} — {r.host}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={s.toolbar}>
        <Button
          appearance="primary"
          icon={<Save16Regular />}
          disabled={!writable || !ed.dirty || ed.busy}
          onClick={() => void ed.save()}
          data-testid="genesys-save"
        >
          Save
        </Button>
        <Button
          icon={<CloudArrowUp16Regular />}
          disabled={!writable || !form.enabled || apply.busy || ed.busy}
          onClick={() => void doApply()}
          data-testid="genesys-apply"
        >
          {apply.busy ? 'Provisioning…' : 'Apply'}
        </Button>
        <Button
          icon={<Delete16Regular />}
          disabled={!writable || base.version === 0 || remove.busy}
          onClick={() => void doRemove()}
          data-testid="genesys-remove"
        >
          Remove Configuration
        </Button>
      </div>

      <Text weight="semibold">Browser Client Applications</Text>
      <Text className={s.hint}>Web applications allowed to use the integration (https only).</Text>
      <div className={s.toolbar}>
        <Field style={{ flex: 1 }} {...fieldProps(uriError ?? undefined, 'uri')}>
          <Input
            value={uri}
            placeholder="https://apps.example.com/agent"
            disabled={!editable}
            onChange={(_, d) => {
              setUri(d.value);
              setUriError(null);
            }}
            data-testid="genesys-uri"
          />
        </Field>
        <Button icon={<Add16Regular />} disabled={!editable || !uri} onClick={addUri} data-testid="genesys-uri-add">
          Add
        </Button>
      </div>
      {form.browserClientApps.map((u, i) => (
        <div key={u} className={s.toolbar} data-testid={`genesys-uri-${i}`}>
          <Text className={s.mono}>{u}</Text>
          {ed.errors[`browserClientApps.${i}`] && <Text>{ed.errors[`browserClientApps.${i}`]}</Text>}
          <Button
            size="small"
            icon={<Delete16Regular />}
            disabled={!editable}
            onClick={() =>
              ed.set(
                'browserClientApps',
                form.browserClientApps.filter((x) => x !== u),
              )
            }
          >
            Remove
          </Button>
        </div>
      ))}
    </section>
  );
}
