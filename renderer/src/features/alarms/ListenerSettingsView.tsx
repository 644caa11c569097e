import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  SpinButton,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, Delete16Regular } from '@fluentui/react-icons';
import {
  SNMP_AUTH_PROTOCOLS,
  AlarmListenerSettings,
  SNMP_PRIV_PROTOCOLS,
  type AlarmListenerDoc,
  type SnmpV3UserRow,
} from '../../../../electron/contract/services/alarms';
import { ccm } from '../../api/client';
import type { CcmErrorShape } from '../../../../electron/contract';
import { serverErrors } from '../../ui/kit/serverErrors';
import { HostAdminOnly } from './HostAdminOnly';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { useTabEditor } from '../../shell/tabs/useTabEditor';
import { Page } from '../../ui/Page';
import { Loaded } from './Loaded';
import { alarmKeys, useAlarmStatus, useListenerSettings } from './data';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  full: { gridColumn: '1 / -1' },
  section: { marginTop: tokens.spacingVerticalL, fontWeight: tokens.fontWeightSemibold },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const lines = (s: string) =>
  s
    .split(/\r?\n|,/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Alarms › Trap listener: address and port, accepted communities and hosts (the Windows SNMP Security tab), retention,
 * SNMPv3 users.
 */
export function ListenerSettingsView({ tab }: { tab: Tab }) {
  const doc = useListenerSettings();
  return (
    <Loaded query={doc} what="listener settings">
      {doc.data && <SettingsForm key={doc.data.version} tab={tab} doc={doc.data} />}
    </Loaded>
  );
}

function SettingsForm({ tab, doc }: { tab: Tab; doc: AlarmListenerDoc }) {
  const styles = useStyles();
  const qc = useQueryClient();
  const status = useAlarmStatus().data;
  // Installation-wide settings: a host administrator's (the service refuses anyone else).
  const me = useAuthStatus().data?.user;
  const writable = canWrite(me?.permissions, 'alarms') && me?.hostAdmin === true;
  const [s, setS] = useState(doc.settings);
  const [communities, setCommunities] = useState(doc.settings.communities.join('\n'));
  const [hosts, setHosts] = useState(doc.settings.acceptHosts.join('\n'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [userDialog, setUserDialog] = useState<SnmpV3UserRow | 'new' | null>(null);
  const current: AlarmListenerSettings = { ...s, communities: lines(communities), acceptHosts: lines(hosts) };
  const dirty = JSON.stringify(current) !== JSON.stringify(doc.settings);
  const set = <K extends keyof AlarmListenerSettings>(k: K, v: AlarmListenerSettings[K]) =>
    setS((x) => ({ ...x, [k]: v }));

  const currentKey = JSON.stringify(current);
  const save = useCallback(async () => {
    const current = JSON.parse(currentKey) as AlarmListenerSettings;
    const parsed = AlarmListenerSettings.safeParse(current);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return false;
    }
    if (parsed.data.port === 0) {
      setErrors({ port: 'Port is 1–65535' });
      return false;
    }
    setErrors({});
    const env = await ccm.alarms.saveSettings({ expectedVersion: doc.version, settings: parsed.data });
    if (!env.ok) {
      const placed = serverErrors(env.error, { lastSegment: true });
      setErrors(placed.message !== undefined ? { _: placed.message } : placed.fields);
      setNotice({ ok: false, text: env.error.message });
      return false;
    }
    qc.setQueryData(alarmKeys.settings, env.value);
    void qc.invalidateQueries({ queryKey: alarmKeys.status });
    setNotice({ ok: true, text: 'Saved; the listener restarted with these settings.' });
    return true;
  }, [currentKey, doc.version, qc]);
  useTabEditor(tab.key, { dirty, save });

  const removeUser = async (name: string) => {
    const env = await ccm.alarms.deleteV3User({ name });
    if (env.ok) qc.setQueryData(alarmKeys.settings, env.value);
    setNotice(
      env.ok ? { ok: true, text: `Removed SNMPv3 user ${name} and its keys.` } : { ok: false, text: env.error.message },
    );
  };

  return (
    <Page
      title="Trap listener"
      help="snmp-traps"
      subtitle={
        'Where this console receives SNMP traps. 162 is the standard port; on Linux it needs administrator ' +
        'rights and on Windows the SNMP Trap service may hold it.'
      }
      actions={
        writable ? (
          <Button appearance="primary" disabled={!dirty} data-testid="listener-save" onClick={() => void save()}>
            Save (Ctrl+S)
          </Button>
        ) : (
          <HostAdminOnly />
        )
      }
    >
      {status && (
        <MessageBar
          intent={status.state === 'error' ? 'error' : status.state === 'listening' ? 'success' : 'info'}
          data-testid="listener-status"
        >
          <MessageBarBody>
            {status.state === 'listening'
              ? `Listening on ${status.address}:${status.port} (receive buffer ` +
                `${(status.recvBufferBytes / 1048576).toFixed(1)} MB)` +
                `${status.demo ? ' — demo database: the demo trap source sends to it' : ''}.` +
                `${status.message ? ' ' + status.message : ''}`
              : status.state === 'error'
                ? status.message
                : status.state === 'disabled'
                  ? 'The listener is off.'
                  : 'Not connected to a database.'}
          </MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.ok ? 'success' : 'error'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.form}>
        <Field
          className={styles.full}
          hint={
            status?.demo && !s.enabled
              ? 'With the embedded demo database the console listens on 127.0.0.1:10162 anyway (for the demo trap ' +
                'source); switch this on to listen on the address and port below instead.'
              : undefined
          }
        >
          <Switch
            label="Listen for traps"
            checked={s.enabled}
            disabled={!writable}
            data-testid="listener-enabled"
            onChange={(_, d) => set('enabled', d.checked)}
          />
        </Field>
        <Field label="Address" hint="0.0.0.0 = every interface" validationMessage={errors.address}>
          <Input
            value={s.address}
            disabled={!writable}
            data-testid="listener-address"
            onChange={(_, d) => set('address', d.value)}
          />
        </Field>
        <Field label="UDP port" validationMessage={errors.port}>
          <SpinButton
            value={s.port}
            min={1}
            max={65535}
            disabled={!writable}
            data-testid="listener-port"
            onChange={(_, d) => set('port', Number(d.value ?? d.displayValue ?? s.port))}
          />
        </Field>
        <Field
          label="Accepted community names"
          hint="One per line, case-sensitive. With none, every v1/v2c trap is refused."
          validationMessage={errors.communities}
        >
          <Textarea
            value={communities}
            disabled={!writable}
            data-testid="listener-communities"
            onChange={(_, d) => setCommunities(d.value)}
          />
        </Field>
        <Field label="Hosts" validationMessage={errors.acceptHosts}>
          <RadioGroup
            value={s.acceptAnyHost ? 'any' : 'only'}
            disabled={!writable}
            onChange={(_, d) => set('acceptAnyHost', d.value === 'any')}
          >
            <Radio value="any" label="Accept SNMP packets from any host" data-testid="listener-any-host" />
            <Radio value="only" label="Only accept SNMP packets from these hosts" data-testid="listener-only-hosts" />
          </RadioGroup>
          <Textarea
            value={hosts}
            disabled={!writable || s.acceptAnyHost}
            placeholder="One host name or address per line"
            data-testid="listener-hosts"
            onChange={(_, d) => setHosts(d.value)}
          />
        </Field>
        <Field label="Keep traps (days)" validationMessage={errors.retentionDays}>
          <SpinButton
            value={s.retentionDays}
            min={1}
            max={3650}
            disabled={!writable}
            onChange={(_, d) => set('retentionDays', Number(d.value ?? d.displayValue ?? s.retentionDays))}
          />
        </Field>
        <Field label="Keep at most (traps)" validationMessage={errors.maxTrapRows}>
          <SpinButton
            value={s.maxTrapRows}
            min={1000}
            max={100_000_000}
            step={100000}
            disabled={!writable}
            onChange={(_, d) => set('maxTrapRows', Number(d.value ?? d.displayValue ?? s.maxTrapRows))}
          />
        </Field>
        <Switch
          className={styles.full}
          label={
            'Desktop notifications for Major alarms too (Critical ones always; each user turns them off in ' +
            'Preferences)'
          }
          checked={s.notifyDesktop}
          disabled={!writable}
          onChange={(_, d) => {
            set('notifyDesktop', d.checked);
            // Browser mode shows them from the page: ask the browser once (the desktop app shows them from main).
            if (d.checked && typeof Notification !== 'undefined' && Notification.permission === 'default')
              void Notification.requestPermission().catch(() => {});
          }}
        />
      </div>

      <Text className={styles.section}>SNMPv3 users</Text>
      <Text>
        Engine ID of this receiver (for informs): <span className={styles.mono}>{doc.engineId}</span>. Keys are kept in
        the OS keychain only.
      </Text>
      <Table size="small" data-testid="v3-users">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>User</TableHeaderCell>
            <TableHeaderCell>Security level</TableHeaderCell>
            <TableHeaderCell>Authentication</TableHeaderCell>
            <TableHeaderCell>Privacy</TableHeaderCell>
            <TableHeaderCell style={{ width: 48 }} />
          </TableRow>
        </TableHeader>
        <TableBody>
          {doc.v3Users.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>No SNMPv3 users: v3 traps are refused (counted as unknown user).</TableCell>
            </TableRow>
          )}
          {doc.v3Users.map((u) => (
            <TableRow key={u.name} onDoubleClick={() => writable && setUserDialog(u)}>
              <TableCell>{u.name}</TableCell>
              <TableCell>{u.level}</TableCell>
              <TableCell>
                {u.level === 'noAuthNoPriv'
                  ? '—'
                  : `${u.authProtocol.toUpperCase()} (key ${u.authKeySet ? 'set' : 'missing'})`}
              </TableCell>
              <TableCell>
                {u.level === 'authPriv'
                  ? `${u.privProtocol.toUpperCase()} (key ${u.privKeySet ? 'set' : 'missing'})`
                  : '—'}
              </TableCell>
              <TableCell>
                {writable && (
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<Delete16Regular />}
                    aria-label={`Remove ${u.name}`}
                    onClick={() => void removeUser(u.name)}
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {writable && (
        <div>
          <Button icon={<Add20Regular />} data-testid="v3-add" onClick={() => setUserDialog('new')}>
            Add SNMPv3 user
          </Button>
        </div>
      )}
      {userDialog && (
        <V3UserDialog user={userDialog === 'new' ? null : userDialog} onClose={() => setUserDialog(null)} />
      )}
    </Page>
  );
}

function V3UserDialog({ user, onClose }: { user: SnmpV3UserRow | null; onClose(): void }) {
  const styles = useStyles();
  const qc = useQueryClient();
  const [u, setU] = useState({
    name: user?.name ?? '',
    level: user?.level ?? ('authPriv' as SnmpV3UserRow['level']),
    authProtocol: user?.authProtocol ?? ('sha' as SnmpV3UserRow['authProtocol']),
    privProtocol: user?.privProtocol ?? ('aes' as SnmpV3UserRow['privProtocol']),
    authKey: '',
    privKey: '',
  });
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const save = async () => {
    const env = await ccm.alarms.saveV3User({
      name: u.name,
      level: u.level,
      authProtocol: u.authProtocol,
      privProtocol: u.privProtocol,
      ...(u.authKey ? { authKey: u.authKey } : {}),
      ...(u.privKey ? { privKey: u.privKey } : {}),
    });
    if (!env.ok) return setError(env.error);
    qc.setQueryData(alarmKeys.settings, env.value);
    onClose();
  };
  const placed = serverErrors(error, { fields: ['name', 'authKey', 'privKey'] });
  /** An error naming no field of this form goes under the user name. */
  const msg = (f: string) => placed.fields[f] ?? (f === 'name' ? placed.message : undefined);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{user ? `SNMPv3 user ${user.name}` : 'Add SNMPv3 user'}</DialogTitle>
          <DialogContent className={styles.col}>
            <Field label="User name" validationMessage={msg('name')}>
              <Input value={u.name} disabled={!!user} onChange={(_, d) => setU({ ...u, name: d.value })} />
            </Field>
            <Field label="Security level">
              <Select value={u.level} onChange={(_, d) => setU({ ...u, level: d.value as SnmpV3UserRow['level'] })}>
                <option value="noAuthNoPriv">noAuthNoPriv</option>
                <option value="authNoPriv">authNoPriv</option>
                <option value="authPriv">authPriv</option>
              </Select>
            </Field>
            {u.level !== 'noAuthNoPriv' && (
              <>
                <Field label="Authentication protocol">
                  <Select
                    value={u.authProtocol}
                    onChange={(_, d) => setU({ ...u, authProtocol: d.value as SnmpV3UserRow['authProtocol'] })}
                  >
                    {SNMP_AUTH_PROTOCOLS.map((p) => (
                      <option key={p} value={p}>
                        {p.toUpperCase()}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field
                  label="Authentication key"
                  hint={user?.authKeySet ? 'Set — leave empty to keep it' : 'At least 8 characters'}
                  validationMessage={msg('authKey')}
                >
                  <Input type="password" value={u.authKey} onChange={(_, d) => setU({ ...u, authKey: d.value })} />
                </Field>
              </>
            )}
            {u.level === 'authPriv' && (
              <>
                <Field label="Privacy protocol">
                  <Select
                    value={u.privProtocol}
                    onChange={(_, d) => setU({ ...u, privProtocol: d.value as SnmpV3UserRow['privProtocol'] })}
                  >
                    {SNMP_PRIV_PROTOCOLS.map((p) => (
                      <option key={p} value={p}>
                        {p.toUpperCase()}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field
                  label="Privacy key"
                  hint={user?.privKeySet ? 'Set — leave empty to keep it' : 'At least 8 characters'}
                  validationMessage={msg('privKey')}
                >
                  <Input type="password" value={u.privKey} onChange={(_, d) => setU({ ...u, privKey: d.value })} />
                </Field>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void save()}>
              Save
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
