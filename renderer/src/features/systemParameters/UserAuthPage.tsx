import { Field, Input, Radio, RadioGroup, Switch, Text } from '@fluentui/react-components';
import {
  AUTHORITY_ORDER_LABELS,
  AUTHORITY_ORDERS,
  MAX_INACTIVITY_DAYS,
  userAuthProblems,
  type AuthorityOrder,
  type UserAuthSettings,
} from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { QueryState } from '../../ui/QueryState';
import { intOrNull } from './data';
import { ParamPage, usePageStyles } from './ParamPage';
import { fieldProps, usePageEditor } from './usePageEditor';

type Form = Omit<UserAuthSettings, 'inactivityDays'> & { inactivityDays: string };

/** System › Users authentication settings: the authorities in order, and the session's inactivity timeout. */
export function UserAuthPage({ tab }: { tab: Tab<Record<string, never>> }) {
  const s = usePageStyles();
  const status = useAuthStatus().data;
  const tenant = status?.tenant ?? null;
  const writable = canWrite(status?.user?.permissions, 'system');
  const e = usePageEditor({
    tabKey: tab.key,
    page: 'userAuth',
    tenantId: tenant?.id ?? null,
    writable,
    read: () => ccm.systemParameters.getUserAuth({}),
    write: (settings, expectedVersion) => ccm.systemParameters.saveUserAuth({ expectedVersion, settings }),
    toForm: (v: UserAuthSettings): Form => ({ ...v, inactivityDays: String(v.inactivityDays) }),
    fromForm: (f: Form) => {
      const days = intOrNull(f.inactivityDays);
      if (days === null || Number.isNaN(days))
        return [{ field: 'inactivityDays', message: `Inactivity timeout is 1–${MAX_INACTIVITY_DAYS} days` }];
      return { ...f, inactivityDays: days };
    },
    problems: userAuthProblems,
  });
  if (!e.form) return <QueryState isPending={!e.loadError} error={e.loadError} what="the authentication settings" />;
  const f = e.form;
  return (
    <ParamPage
      testId="sp-userAuth"
      help="users-authentication"
      title="Users authentication settings"
      subtitle={
        `Who authenticates the users of tenant “${tenant?.name ?? ''}”, ` +
        'and how long a session lasts without activity.'
      }
      writable={writable}
      editor={e}
    >
      <div className={s.form}>
        <h3 className={s.section}>Users authentication preferences</h3>
        <Text className={s.hint}>
          Every order starts with single sign-on against the configured identity provider and ends with Local (the
          password kept for the user). An authority is skipped when the user’s field for it is empty.
        </Text>
        <RadioGroup
          value={f.authorityOrder}
          disabled={!writable}
          onChange={(_, d) => e.set('authorityOrder', d.value as AuthorityOrder)}
          data-testid="sp-userAuth-authorityOrder"
        >
          {AUTHORITY_ORDERS.map((o) => (
            <Radio key={o} value={o} label={AUTHORITY_ORDER_LABELS[o]} />
          ))}
        </RadioGroup>
        <h3 className={s.section}>User session management</h3>
        <Switch
          label="Remember logged-in user"
          checked={f.rememberLoggedInUser}
          disabled={!writable}
          onChange={(_, d) => e.set('rememberLoggedInUser', d.checked)}
          data-testid="sp-userAuth-remember"
        />
        <Field
          label="Inactivity timeout (days)"
          hint={
            `1–${MAX_INACTIVITY_DAYS} days, 8 by default. ` +
            'This console signs a user out after this long without activity.'
          }
          style={{ maxWidth: '320px' }}
          {...fieldProps(e.errors, 'inactivityDays')}
        >
          <Input
            value={f.inactivityDays}
            inputMode="numeric"
            disabled={!writable}
            onChange={(_, d) => e.set('inactivityDays', d.value)}
            data-testid="sp-userAuth-inactivityDays"
          />
        </Field>
      </div>
    </ParamPage>
  );
}
