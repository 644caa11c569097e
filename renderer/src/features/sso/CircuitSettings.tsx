import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Checkbox, Field, Input, Text } from '@fluentui/react-components';
import { Save16Regular } from '@fluentui/react-icons';
import type { CircuitConfig } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { confirm, useCommand } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { ssoKeys } from './data';
import { useRegisterForm } from './editors';
import { ErrorBar, ssoFormErrors, useSsoStyles } from './ui';

const FIELDS = ['clientId', 'clientSecret', 'agentPortalUrl', 'circuitLoginUrl'];

/** Sign On Configuration › Circuit (seed 000, chapter 4). */
export function CircuitSettings({ writable }: { writable: boolean }) {
  const q = useQuery({ queryKey: ssoKeys.circuit(null), queryFn: () => unwrap(ccm.sso.getCircuit({})) });
  if (!q.data) return <QueryState isPending={q.isPending} error={q.error} what="Circuit sign-on" />;
  return (
    <CircuitForm
      key={`${q.data.tenantId}:${q.data.version}:${q.data.clientSecretSet}`}
      config={q.data}
      writable={writable}
    />
  );
}

function CircuitForm({ config, writable }: { config: CircuitConfig; writable: boolean }) {
  const s = useSsoStyles();
  const saveCmd = useCommand((v: Parameters<typeof ccm.sso.saveCircuit>[0]) => ccm.sso.saveCircuit(v), {
    invalidates: [ssoKeys.all],
  });
  const errs = ssoFormErrors(saveCmd.error, FIELDS, saveCmd.reset);
  const initial = {
    enabled: config.enabled,
    clientId: config.clientId,
    agentPortalUrl: config.agentPortalUrl,
    circuitLoginUrl: config.circuitLoginUrl,
  };
  const [f, setF] = useState(initial);
  /** null = keep the stored secret. */
  const [secret, setSecret] = useState<string | null>(null);
  const dirty = secret !== null || JSON.stringify(f) !== JSON.stringify(initial);
  const removeSecret = async () => {
    const n = config.circuitUsers;
    const ok = await confirm({
      title: 'Remove the client secret?',
      body:
        `The Circuit client secret of tenant ${config.tenantName} is deleted from this computer’s keychain and ` +
        `Circuit Sign-on is disabled. ${n} ${n === 1 ? 'user with a Circuit User' : 'users with a Circuit User'} ` +
        `can no longer sign on with Circuit until a secret is entered again.`,
      danger: true,
      confirmLabel: 'Remove',
      testId: 'sso-circuit-remove-dialog',
    });
    if (!ok) return;
    await saveCmd.run({ expectedVersion: config.version, ...initial, enabled: false, clientSecret: '' });
  };
  const save = async () =>
    !!(await saveCmd.run({
      expectedVersion: config.version,
      ...f,
      ...(secret !== null ? { clientSecret: secret } : {}),
    }));
  useRegisterForm('circuit', dirty && writable, save);
  const set = (k: 'clientId' | 'agentPortalUrl' | 'circuitLoginUrl') => (_: unknown, d: { value: string }) => {
    setF({ ...f, [k]: d.value });
    errs.clear(k);
  };
  return (
    <section className={s.section} aria-label="Circuit">
      <Text className={s.hint}>
        Tenant {config.tenantName}. The client ID and secret come from the custom application on Circuit. Users are
        associated through their Circuit User (URI) — {config.circuitUsers} user
        {config.circuitUsers === 1 ? ' has' : 's have'} one.
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
        <Checkbox
          label="Enable Circuit Sign-on"
          checked={f.enabled}
          disabled={!writable}
          onChange={(_, d) => setF({ ...f, enabled: !!d.checked })}
          data-testid="sso-circuit-enabled"
        />
        <div className={s.row}>
          <Field label="Client ID" required={f.enabled} {...errs.field('clientId')}>
            <Input
              value={f.clientId}
              disabled={!writable}
              onChange={set('clientId')}
              data-testid="sso-circuit-clientId"
            />
          </Field>
          <Field
            label={
              <>
                Client secret{' '}
                <Badge
                  appearance="tint"
                  color={config.clientSecretSet ? 'success' : 'informative'}
                  data-testid="sso-circuit-secret-state"
                >
                  {config.clientSecretSet ? 'set' : 'not set'}
                </Badge>
              </>
            }
            required={f.enabled}
            hint="Kept in the OS keychain only; type a new one to replace it."
            {...errs.field('clientSecret')}
          >
            <Input
              type="password"
              value={secret ?? ''}
              placeholder={config.clientSecretSet ? '•••••••• (unchanged)' : ''}
              disabled={!writable}
              autoComplete="new-password"
              onChange={(_, d) => setSecret(d.value === '' ? null : d.value)}
              data-testid="sso-circuit-secret"
            />
          </Field>
        </div>
        <Field
          label="Agent Portal URL"
          required={f.enabled}
          hint="https://<yourDomain>/agentportal"
          {...errs.field('agentPortalUrl')}
        >
          <Input
            value={f.agentPortalUrl}
            disabled={!writable}
            onChange={set('agentPortalUrl')}
            data-testid="sso-circuit-agentPortalUrl"
          />
        </Field>
        <Field
          label="Circuit Login URL"
          required={f.enabled}
          hint="The URL used to access the Circuit application."
          {...errs.field('circuitLoginUrl')}
        >
          <Input
            value={f.circuitLoginUrl}
            disabled={!writable}
            onChange={set('circuitLoginUrl')}
            data-testid="sso-circuit-loginUrl"
          />
        </Field>
        {writable && (
          <div className={s.toolbar}>
            <Button
              appearance="primary"
              type="submit"
              icon={<Save16Regular />}
              disabled={saveCmd.busy || !dirty}
              data-testid="sso-circuit-save"
            >
              Save
            </Button>
            <Button
              disabled={!config.clientSecretSet || saveCmd.busy}
              onClick={() => void removeSecret()}
              data-testid="sso-circuit-remove"
            >
              Remove secret and disable
            </Button>
          </div>
        )}
      </form>
    </section>
  );
}
