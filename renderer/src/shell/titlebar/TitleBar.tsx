import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  makeStyles,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  Building16Regular,
  ChevronDown12Regular,
  ErrorCircle16Regular,
  Headset20Regular,
  Key20Regular,
  Person16Regular,
  PlugConnected16Regular,
  PlugDisconnected16Regular,
  Settings20Regular,
  SignOut20Regular,
} from '@fluentui/react-icons';
import type { AuthStatus } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { useAppInfo, useAuthStatus } from '../../data/queries';
import { applyStatus, useSessionUi } from '../../data/session';
import { useNotices } from '../../data/notices';
import { ChangePasswordDialog } from '../../features/auth/ChangePasswordDialog';
// Opens the tab by its kind (no view imported here: the views are in the areas' lazily loaded chunk).
import { openPreferences } from '../../features/system/openSystemTab';
import { tabsStore } from '../tabs/store';
import { confirm } from '../../ui/kit';
import { connectionHint, describeConnection, describeUser } from './describe';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    height: '40px',
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontSize: tokens.fontSizeBase200,
    minWidth: 0,
  },
  product: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    margin: 0,
  },
  spacer: { flexGrow: 1 },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  menuButton: {
    height: '28px',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    marginRight: `calc(-1 * ${tokens.spacingHorizontalS})`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: 'inherit',
    fontFamily: tokens.fontFamilyBase,
    fontSize: 'inherit',
    cursor: 'pointer',
    outlineStyle: 'none',
    ':hover': { backgroundColor: 'rgba(255, 255, 255, 0.14)' },
    ':active': { backgroundColor: 'rgba(255, 255, 255, 0.22)' },
    ':focus-visible': { outline: `2px solid ${tokens.colorNeutralForegroundOnBrand}`, outlineOffset: '-2px' },
  },
  icon: { display: 'flex', flexShrink: 0 },
  label: { opacity: 0.8 },
  text: { overflow: 'hidden', textOverflow: 'ellipsis' },
  divider: { width: '1px', alignSelf: 'stretch', margin: '10px 0', backgroundColor: 'currentColor', opacity: 0.35 },
});

function ItemContent(props: { icon: ReactNode; label: string; text: string; chevron?: boolean }) {
  const styles = useStyles();
  return (
    <>
      <span className={styles.icon} aria-hidden="true">
        {props.icon}
      </span>
      <span className={styles.label}>{props.label}:</span>
      <span className={styles.text}>{props.text}</span>
      {props.chevron && (
        <span className={styles.icon} aria-hidden="true">
          <ChevronDown12Regular />
        </span>
      )}
    </>
  );
}

function Item(props: { icon: ReactNode; label: string; text: string; hint: string; testId: string }) {
  const styles = useStyles();
  return (
    <div className={styles.item} data-testid={props.testId} title={props.hint}>
      <ItemContent {...props} />
    </div>
  );
}

/** Host administrators: the working tenant, switchable (auth.selectTenant). */
function TenantMenu({ status }: { status: AuthStatus }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const tenant = status.tenant!;
  return (
    <Menu
      checkedValues={{ tenant: [String(tenant.id)] }}
      onCheckedValueChange={(_, d) => {
        const id = Number(d.checkedItems[0]);
        if (!id || id === tenant.id) return;
        void ccm.auth.selectTenant({ tenantId: id }).then((env) => {
          if (env.ok) applyStatus(queryClient, env.value);
          else useNotices.getState().add([{ level: 'error', text: env.error.message, at: new Date().toISOString() }]);
        });
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <button
          type="button"
          className={mergeClasses(styles.item, styles.menuButton)}
          data-testid="titlebar-tenant"
          title="The tenant you work in — host administrators can switch"
        >
          <ItemContent icon={<Building16Regular />} label="Tenant" text={tenant.name} chevron />
        </button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroup>
            <MenuGroupHeader>Work in tenant</MenuGroupHeader>
            {status.tenants.map((t) => (
              <MenuItemRadio key={t.id} name="tenant" value={String(t.id)} data-testid={`tenant-option-${t.id}`}>
                {t.name}
              </MenuItemRadio>
            ))}
          </MenuGroup>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/**
 * The signed-in user: Preferences… (for everyone, whatever areas they see: the System area's page
 * is the same one), Change password…, Sign out (asks first when tabs have unsaved changes). */
function UserMenu({ status }: { status: AuthStatus }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const user = status.user!;
  const [changing, setChanging] = useState(false);
  const homeTenantId = useSessionUi((s) => s.homeTenantId) ?? status.tenant?.id;

  const signOut = async () => {
    const dirty = tabsStore.getState().tabs.filter((t) => t.dirty);
    if (
      dirty.length > 0 &&
      !(await confirm({
        title: 'Sign out?',
        body:
          `${dirty.length === 1 ? `The tab "${dirty[0]!.title}" has` : `${dirty.length} tabs have`} unsaved ` +
          `changes. They will be lost when you sign out.`,
        danger: true,
        confirmLabel: 'Sign out',
        testId: 'signout-dialog',
        confirmTestId: 'signout-confirm',
      }))
    )
      return;
    const env = await ccm.auth.signOut({});
    if (env.ok) applyStatus(queryClient, env.value);
  };

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <button
            type="button"
            className={mergeClasses(styles.item, styles.menuButton)}
            data-testid="titlebar-user"
            title={describeUser(user)}
          >
            <ItemContent icon={<Person16Regular />} label="User" text={user.logonId} chevron />
          </button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem
              icon={<Settings20Regular />}
              data-testid="menu-preferences"
              onClick={() => openPreferences(user.permissions)}
            >
              Preferences…
            </MenuItem>
            <MenuItem icon={<Key20Regular />} data-testid="menu-change-password" onClick={() => setChanging(true)}>
              Change password…
            </MenuItem>
            <MenuDivider />
            <MenuItem icon={<SignOut20Regular />} data-testid="menu-sign-out" onClick={() => void signOut()}>
              Sign out
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      <ChangePasswordDialog
        open={changing}
        logonId={user.logonId}
        tenantId={homeTenantId}
        onClose={() => setChanging(false)}
      />
    </>
  );
}

/** Product name, database connection, tenant and user. */
export function TitleBar() {
  const styles = useStyles();
  const info = useAppInfo();
  const status = useAuthStatus().data;
  const connection = status?.connection;
  const connected = connection?.state === 'connected' && !connection.unavailable;
  return (
    <header className={styles.bar} data-testid="titlebar">
      <h1 className={styles.product}>
        <Headset20Regular aria-hidden="true" />
        {info.data?.productName ?? 'Contact Center Console'}
      </h1>
      <div className={styles.spacer} />
      <Item
        testId="titlebar-server"
        icon={
          connected ? (
            <PlugConnected16Regular />
          ) : connection?.state === 'error' || connection?.unavailable ? (
            <ErrorCircle16Regular />
          ) : (
            <PlugDisconnected16Regular />
          )
        }
        label="Server"
        text={describeConnection(connection)}
        hint={connectionHint(connection)}
      />
      {status?.user && status.tenant && (
        <>
          <div className={styles.divider} aria-hidden="true" />
          {status.user.hostAdmin && status.tenants.length > 1 ? (
            <TenantMenu status={status} />
          ) : (
            <Item
              testId="titlebar-tenant"
              icon={<Building16Regular />}
              label="Tenant"
              text={status.tenant.name}
              hint="The tenant you work in"
            />
          )}
          <div className={styles.divider} aria-hidden="true" />
          <UserMenu status={status} />
        </>
      )}
    </header>
  );
}
