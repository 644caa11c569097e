import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { Building16Regular, Headset20Regular, Person16Regular, PlugDisconnected16Regular } from '@fluentui/react-icons';
import { useAppInfo, useLaunchOptions } from '../../data/queries';
import { describeServer, describeTenant, describeUser } from './describe';

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
  icon: { display: 'flex', flexShrink: 0 },
  label: { opacity: 0.8 },
  text: { overflow: 'hidden', textOverflow: 'ellipsis' },
  divider: { width: '1px', alignSelf: 'stretch', margin: '10px 0', backgroundColor: 'currentColor', opacity: 0.35 },
});

function Item(props: { icon: ReactNode; label: string; text: string; hint: string; testId: string }) {
  const styles = useStyles();
  return (
    <div className={styles.item} data-testid={props.testId} title={props.hint}>
      <span className={styles.icon} aria-hidden="true">
        {props.icon}
      </span>
      <span className={styles.label}>{props.label}:</span>
      <span className={styles.text}>{props.text}</span>
    </div>
  );
}

/** Product name, server connection, tenant and user. */
export function TitleBar() {
  const styles = useStyles();
  const info = useAppInfo();
  const launch = useLaunchOptions();
  const lo = launch.data;
  return (
    <header className={styles.bar} data-testid="titlebar">
      <h1 className={styles.product}>
        <Headset20Regular aria-hidden="true" />
        {info.data?.productName ?? 'Contact Center Console'}
      </h1>
      <div className={styles.spacer} />
      <Item
        testId="titlebar-server"
        icon={<PlugDisconnected16Regular />}
        label="Server"
        text={describeServer(lo)}
        hint="The console does not connect to a contact-center server yet."
      />
      <div className={styles.divider} aria-hidden="true" />
      <Item
        testId="titlebar-tenant"
        icon={<Building16Regular />}
        label="Tenant"
        text={describeTenant(lo)}
        hint={lo?.tenantId ? 'Tenant ID from /tenantid on the command line' : 'No tenant selected'}
      />
      <div className={styles.divider} aria-hidden="true" />
      <Item
        testId="titlebar-user"
        icon={<Person16Regular />}
        label="User"
        text={describeUser(lo)}
        hint={lo?.user ? 'Logon ID from /user on the command line; sign-in is not available yet' : 'Sign-in is not available yet'}
      />
    </header>
  );
}
