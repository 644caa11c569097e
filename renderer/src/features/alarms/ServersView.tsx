import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Tab as FluentTab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  Add20Regular,
  ArrowDownload20Regular,
  Delete16Regular,
  DocumentSearch20Regular,
  Play20Regular,
  Save20Regular,
} from '@fluentui/react-icons';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS } from '../../../../electron/contract/services/alarms';
import {
  SNMP_COMMUNITY_RIGHTS,
  type SnmpQueryResult,
  type SnmpServerInput,
  type SnmpServerRow,
  type SnmpServerWarning,
} from '../../../../electron/contract/services/snmpServers';
import type { CcmErrorShape } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { confirm, useCommand } from '../../ui/kit';
import { errorPath } from '../../ui/kit/serverErrors';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { downloadBlob } from '../../ui/download';
import { Page } from '../../ui/Page';
import { Loaded } from './Loaded';

const serverKeys = { list: ['snmpServers', 'list'] as const, template: ['snmpServers', 'template'] as const };

const useStyles = makeStyles({
  split: {
    display: 'grid',
    gridTemplateColumns: '260px minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { textAlign: 'left', justifyContent: 'flex-start' },
  chosen: { backgroundColor: tokens.colorNeutralBackground1Selected },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(4, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'start',
    // Inputs fill their column (Fluent's have a minimum width that would spill into the next one).
    '& .fui-Input, & .fui-Select': { minWidth: 0, width: '100%' },
  },
  two: { gridColumn: 'span 2' },
  full: { gridColumn: '1 / -1' },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '160px' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  pre: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre',
    overflow: 'auto',
    maxHeight: '46vh',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  events: { tableLayout: 'fixed', width: '100%', '& .fui-Input': { minWidth: 0, width: '100%' } },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  facts: {
    display: 'grid',
    gridTemplateColumns: '110px 1fr',
    rowGap: tokens.spacingVerticalXXS,
    columnGap: tokens.spacingHorizontalS,
  },
  w90: { width: '90px' },
  w120: { width: '120px' },
  w160: { width: '160px' },
  surface: { maxWidth: '980px', width: '92vw' },
});

type Notice = { intent: 'error' | 'success' | 'warning'; text: string } | null;
const list = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);
/** Main's refusal for the notice bar, naming the field it is about (the form shows no per-field errors). */
const errText = (e: CcmErrorShape) => {
  const path = errorPath(e);
  return path ? `${e.message} (${path.join('.')})` : e.message;
};

/**
 * Alarms › Servers: the agent check (GET / GETNEXT / WALK) and the SNMP Service configuration of each MiCC Enterprise
 * server.
 */
export function ServersView() {
  const styles = useStyles();
  const servers = useQuery({ queryKey: serverKeys.list, queryFn: () => unwrap(ccm.snmpServers.list({})) });
  const template = useQuery({ queryKey: serverKeys.template, queryFn: () => unwrap(ccm.snmpServers.template({})) });
  const writable = canWrite(useAuthStatus().data?.user?.permissions, 'alarms');
  const [chosen, setChosen] = useState<number | 'new' | null>(null);
  const rows = servers.data ?? [];
  const current =
    chosen === 'new' ? null : (rows.find((r) => r.id === chosen) ?? (chosen === null ? rows[0] : undefined) ?? null);
  const isNew = chosen === 'new' || (chosen === null && rows.length === 0);

  return (
    <Page
      wide
      title="Servers"
      help="snmp-traps"
      subtitle={
        'Check a server’s SNMP agent, and generate the SNMP Service settings and event translation to apply ' + 'on it.'
      }
    >
      <Loaded query={servers} what="servers">
        <div className={styles.split}>
          <div className={styles.list} data-testid="servers-list">
            {writable && (
              <Button icon={<Add20Regular />} data-testid="servers-new" onClick={() => setChosen('new')}>
                New server
              </Button>
            )}
            {rows.map((r) => (
              <Button
                key={r.id}
                appearance="subtle"
                className={mergeClasses(styles.item, current?.id === r.id && !isNew && styles.chosen)}
                data-testid="servers-item"
                onClick={() => setChosen(r.id)}
              >
                <span>
                  <Text weight="semibold">{r.server.name}</Text>
                  <br />
                  <Text size={200} className={styles.muted}>
                    {r.server.host}:{r.server.port} · SNMP{r.server.snmpVersion}
                  </Text>
                </span>
              </Button>
            ))}
            {rows.length === 0 && <Text className={styles.muted}>No server yet.</Text>}
          </div>
          {template.data && (isNew || current) && (
            <ServerEditor
              key={isNew ? 'new' : `${current!.id}:${current!.version}`}
              row={isNew ? null : current}
              initial={isNew ? template.data : current!.server}
              writable={writable}
              onSaved={(id) => setChosen(id)}
              onDeleted={() => setChosen(null)}
            />
          )}
        </div>
      </Loaded>
    </Page>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const styles = useStyles();
  return (
    <section className={styles.section} data-testid={testId} aria-label={title}>
      <Text className={styles.head}>{title}</Text>
      {children}
    </section>
  );
}

function ServerEditor({
  row,
  initial,
  writable,
  onSaved,
  onDeleted,
}: {
  row: SnmpServerRow | null;
  initial: SnmpServerInput;
  writable: boolean;
  onSaved(id: number): void;
  onDeleted(): void;
}) {
  const styles = useStyles();
  const [s, setS] = useState<SnmpServerInput>(initial);
  const [community, setCommunity] = useState('');
  const [authKey, setAuthKey] = useState('');
  const [privKey, setPrivKey] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [check, setCheck] = useState<{
    target: string;
    results: SnmpQueryResult[];
    truncated: boolean;
    elapsedMs: number;
  } | null>(null);
  const [op, setOp] = useState<'get' | 'getNext' | 'walk'>('getNext');
  const [oids, setOids] = useState('.1.3');
  const [maxRows, setMaxRows] = useState('50');
  const [preview, setPreview] = useState<{
    regFileName: string;
    regText: string;
    regBase64: string;
    cnfFileName: string;
    cnfText: string;
    warnings: SnmpServerWarning[];
  } | null>(null);
  const a = s.agent;
  const set = <K extends keyof SnmpServerInput>(k: K, v: SnmpServerInput[K]) => setS((x) => ({ ...x, [k]: v }));
  const setA = <K extends keyof SnmpServerInput['agent']>(k: K, v: SnmpServerInput['agent'][K]) =>
    setS((x) => ({ ...x, agent: { ...x.agent, [k]: v } }));
  const dirty = JSON.stringify(s) !== JSON.stringify(initial) || community !== '' || authKey !== '' || privKey !== '';

  // Writes and agent queries as kit commands: one busy state each, main's error in the notice bar.
  const onError = (e: CcmErrorShape) => setNotice({ intent: 'error', text: errText(e) });
  const saveCmd = useCommand(
    () =>
      ccm.snmpServers.save({
        id: row?.id ?? null,
        expectedVersion: row?.version ?? 0,
        server: s,
        ...(community ? { community } : {}),
        ...(authKey ? { authKey } : {}),
        ...(privKey ? { privKey } : {}),
      }),
    { invalidates: [serverKeys.list], onError },
  );
  const deleteCmd = useCommand((r: SnmpServerRow) => ccm.snmpServers.delete({ id: r.id, expectedVersion: r.version }), {
    invalidates: [serverKeys.list],
  });
  const checkCmd = useCommand((id: number) => ccm.snmpServers.check({ id }), { onError });
  const queryCmd = useCommand(
    (id: number) =>
      ccm.snmpServers.query({
        id,
        operation: op,
        oids: list(oids),
        ...(op === 'walk' ? { maxRows: Number(maxRows) || 50 } : {}),
      }),
    { onError },
  );
  const busy = saveCmd.busy || deleteCmd.busy || checkCmd.busy || queryCmd.busy;
  const asking = checkCmd.busy || queryCmd.busy;

  const save = async () => {
    setNotice(null);
    const saved = await saveCmd.run();
    if (saved) onSaved(saved.id);
  };
  const remove = async () => {
    if (!row) return;
    const ok = await confirm({
      title: `Delete ${row.server.name}?`,
      body:
        `The server ${row.server.name} and its agent settings are removed from this console, with the ` +
        'community and SNMPv3 keys stored for it in the keychain. The server itself is not changed.',
      danger: true,
      confirmLabel: 'Delete',
      action: () => deleteCmd.runOrThrow(row),
      testId: 'server-delete-dialog',
    });
    if (ok) onDeleted();
  };
  const runCheck = async () => {
    if (!row) return;
    setNotice(null);
    const v = await checkCmd.run(row.id);
    if (v) setCheck({ target: v.target, results: v.results, truncated: false, elapsedMs: v.elapsedMs });
  };
  const runQuery = async () => {
    if (!row) return;
    setNotice(null);
    const v = await queryCmd.run(row.id);
    if (v) setCheck(v);
  };
  const showPreview = async () => {
    const env = await ccm.snmpServers.preview({ server: s });
    if (!env.ok) return setNotice({ intent: 'error', text: errText(env.error) });
    setPreview(env.value);
  };
  const importCnf = async (file: File) => {
    const env = await ccm.snmpServers.parseEventFile({ text: await file.text() });
    if (!env.ok) return setNotice({ intent: 'error', text: `${file.name}: ${env.error.message}` });
    setA('events', env.value.events);
    setNotice({ intent: 'success', text: `${env.value.events.length} events read from ${file.name}.` });
  };
  const secretHint = (isSet: boolean | undefined) =>
    isSet ? 'Stored in the keychain for this host and port; type to replace' : 'Not stored';

  return (
    <div className={styles.list} data-testid="server-editor">
      {notice && (
        <MessageBar intent={notice.intent} data-testid="servers-message">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <Section title="Agent check" testId="servers-query-section">
        <div className={styles.form}>
          <Field label="Name" className={styles.two} required>
            <Input
              value={s.name}
              disabled={!writable}
              data-testid="server-name"
              onChange={(_, d) => set('name', d.value)}
            />
          </Field>
          <Field label="Host" required>
            <Input
              value={s.host}
              disabled={!writable}
              data-testid="server-host"
              onChange={(_, d) => set('host', d.value)}
            />
          </Field>
          <Field label="Port">
            <Input
              type="number"
              value={String(s.port)}
              disabled={!writable}
              data-testid="server-port"
              onChange={(_, d) => set('port', Number(d.value))}
            />
          </Field>
          <Field label="SNMP version">
            <Select
              value={s.snmpVersion}
              disabled={!writable}
              data-testid="server-version"
              onChange={(_, d) => set('snmpVersion', d.value as SnmpServerInput['snmpVersion'])}
            >
              <option value="v1">SNMPv1</option>
              <option value="v2c">SNMPv2c</option>
              <option value="v3">SNMPv3</option>
            </Select>
          </Field>
          {s.snmpVersion !== 'v3' ? (
            <Field label="Community" hint={secretHint(row?.communitySet)}>
              <Input
                type="password"
                value={community}
                disabled={!writable}
                placeholder={row?.communitySet ? '••••••••' : ''}
                data-testid="server-community"
                onChange={(_, d) => setCommunity(d.value)}
              />
            </Field>
          ) : (
            <>
              <Field label="SNMPv3 user">
                <Input
                  value={s.v3User}
                  disabled={!writable}
                  data-testid="server-v3user"
                  onChange={(_, d) => set('v3User', d.value)}
                />
              </Field>
              <Field label="Security level">
                <Select
                  value={s.v3Level}
                  disabled={!writable}
                  onChange={(_, d) => set('v3Level', d.value as SnmpServerInput['v3Level'])}
                >
                  <option value="noAuthNoPriv">noAuthNoPriv</option>
                  <option value="authNoPriv">authNoPriv</option>
                  <option value="authPriv">authPriv</option>
                </Select>
              </Field>
            </>
          )}
          <Field label="Timeout (ms)">
            <Input
              type="number"
              value={String(s.timeoutMs)}
              disabled={!writable}
              data-testid="server-timeout"
              onChange={(_, d) => set('timeoutMs', Number(d.value))}
            />
          </Field>
          <Field label="Retries">
            <Input
              type="number"
              value={String(s.retries)}
              disabled={!writable}
              onChange={(_, d) => set('retries', Number(d.value))}
            />
          </Field>
          {s.snmpVersion === 'v3' && s.v3Level !== 'noAuthNoPriv' && (
            <>
              <Field label="Authentication">
                <Select
                  value={s.v3AuthProtocol}
                  disabled={!writable}
                  onChange={(_, d) => set('v3AuthProtocol', d.value as SnmpServerInput['v3AuthProtocol'])}
                >
                  {SNMP_AUTH_PROTOCOLS.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </Select>
              </Field>
              <Field label="Authentication key" hint={secretHint(row?.authKeySet)}>
                <Input
                  type="password"
                  value={authKey}
                  disabled={!writable}
                  data-testid="server-authkey"
                  onChange={(_, d) => setAuthKey(d.value)}
                />
              </Field>
              {s.v3Level === 'authPriv' && (
                <>
                  <Field label="Privacy">
                    <Select
                      value={s.v3PrivProtocol}
                      disabled={!writable}
                      onChange={(_, d) => set('v3PrivProtocol', d.value as SnmpServerInput['v3PrivProtocol'])}
                    >
                      {SNMP_PRIV_PROTOCOLS.map((p) => (
                        <option key={p}>{p}</option>
                      ))}
                    </Select>
                  </Field>
                  <Field label="Privacy key" hint={secretHint(row?.privKeySet)}>
                    <Input
                      type="password"
                      value={privKey}
                      disabled={!writable}
                      data-testid="server-privkey"
                      onChange={(_, d) => setPrivKey(d.value)}
                    />
                  </Field>
                </>
              )}
            </>
          )}
        </div>
        <div className={styles.row}>
          <Field label="Operation">
            <Select
              value={op}
              className={styles.w120}
              data-testid="query-op"
              onChange={(_, d) => setOp(d.value as typeof op)}
            >
              <option value="get">GET</option>
              <option value="getNext">GETNEXT</option>
              <option value="walk">WALK</option>
            </Select>
          </Field>
          <Field label="OIDs or MIB names" className={styles.grow} hint="e.g. .1.3, sysDescr.0, system">
            <Input value={oids} data-testid="query-oids" onChange={(_, d) => setOids(d.value)} />
          </Field>
          {op === 'walk' && (
            <Field label="At most">
              <Input type="number" className={styles.w90} value={maxRows} onChange={(_, d) => setMaxRows(d.value)} />
            </Field>
          )}
          <Button
            icon={<Play20Regular />}
            disabled={!writable || !row || dirty || busy}
            data-testid="query-run"
            onClick={() => void runQuery()}
          >
            Run
          </Button>
          <Button
            appearance="primary"
            icon={<DocumentSearch20Regular />}
            disabled={!writable || !row || dirty || busy}
            data-testid="server-check"
            onClick={() => void runCheck()}
          >
            Check this server
          </Button>
          {asking && <Spinner size="tiny" label="Asking the agent…" />}
        </div>
        {(!row || dirty) && writable && <Text className={styles.muted}>Save the server to query its agent.</Text>}
        {check && <QueryResults result={check} />}
      </Section>

      <Section title="SNMP Service on the server (Agent, Traps and Security tabs)" testId="servers-config-section">
        <div className={styles.form}>
          <Field label="Contact" className={styles.two}>
            <Input
              value={a.contact}
              disabled={!writable}
              data-testid="cfg-contact"
              onChange={(_, d) => setA('contact', d.value)}
            />
          </Field>
          <Field label="Location" className={styles.two}>
            <Input
              value={a.location}
              disabled={!writable}
              data-testid="cfg-location"
              onChange={(_, d) => setA('location', d.value)}
            />
          </Field>
          <Field label="Service" className={styles.full}>
            <div className={styles.row}>
              <Checkbox
                label="Physical"
                checked={a.physical}
                disabled={!writable}
                onChange={(_, d) => setA('physical', d.checked === true)}
              />
              <Checkbox label="Applications" checked disabled />
              <Checkbox
                label="Datalink and subnetwork"
                checked={a.datalink}
                disabled={!writable}
                onChange={(_, d) => setA('datalink', d.checked === true)}
              />
              <Checkbox
                label="Internet"
                checked={a.internet}
                disabled={!writable}
                onChange={(_, d) => setA('internet', d.checked === true)}
              />
              <Checkbox label="End-to-end" checked disabled />
            </div>
          </Field>
        </div>
        <Text weight="semibold">Traps: community names and trap destinations</Text>
        {a.trapCommunities.map((t, i) => (
          <div key={i} className={styles.row} data-testid="cfg-trap-row">
            <Field label={i === 0 ? 'Community name' : undefined}>
              <Input
                className={styles.w160}
                value={t.community}
                disabled={!writable}
                aria-label="Trap community name"
                onChange={(_, d) =>
                  setA(
                    'trapCommunities',
                    a.trapCommunities.map((x, j) => (j === i ? { ...x, community: d.value } : x)),
                  )
                }
              />
            </Field>
            <Field
              label={i === 0 ? 'Trap destinations (host names or IP addresses)' : undefined}
              className={styles.grow}
            >
              <Input
                value={t.destinations.join(', ')}
                disabled={!writable}
                aria-label="Trap destinations"
                onChange={(_, d) =>
                  setA(
                    'trapCommunities',
                    a.trapCommunities.map((x, j) => (j === i ? { ...x, destinations: list(d.value) } : x)),
                  )
                }
              />
            </Field>
            <Button
              icon={<Delete16Regular />}
              aria-label="Remove community"
              disabled={!writable}
              onClick={() =>
                setA(
                  'trapCommunities',
                  a.trapCommunities.filter((_, j) => j !== i),
                )
              }
            />
          </div>
        ))}
        <div>
          <Button
            size="small"
            icon={<Add20Regular />}
            disabled={!writable}
            onClick={() => setA('trapCommunities', [...a.trapCommunities, { community: '', destinations: [] }])}
          >
            Add community
          </Button>
        </div>
        <Text weight="semibold">Security</Text>
        <Checkbox
          label="Send authentication trap"
          checked={a.sendAuthenticationTraps}
          disabled={!writable}
          onChange={(_, d) => setA('sendAuthenticationTraps', d.checked === true)}
        />
        {a.acceptedCommunities.map((c, i) => (
          <div key={i} className={styles.row} data-testid="cfg-accepted-row">
            <Field label={i === 0 ? 'Accepted community name' : undefined}>
              <Input
                className={styles.w160}
                value={c.community}
                disabled={!writable}
                aria-label="Accepted community name"
                data-testid="cfg-accepted-name"
                onChange={(_, d) =>
                  setA(
                    'acceptedCommunities',
                    a.acceptedCommunities.map((x, j) => (j === i ? { ...x, community: d.value } : x)),
                  )
                }
              />
            </Field>
            <Field label={i === 0 ? 'Rights' : undefined}>
              <Select
                className={styles.w160}
                value={c.rights}
                disabled={!writable}
                aria-label="Rights"
                onChange={(_, d) =>
                  setA(
                    'acceptedCommunities',
                    a.acceptedCommunities.map((x, j) => (j === i ? { ...x, rights: d.value as typeof c.rights } : x)),
                  )
                }
              >
                {SNMP_COMMUNITY_RIGHTS.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </Select>
            </Field>
            <Button
              icon={<Delete16Regular />}
              aria-label="Remove accepted community"
              disabled={!writable}
              onClick={() =>
                setA(
                  'acceptedCommunities',
                  a.acceptedCommunities.filter((_, j) => j !== i),
                )
              }
            />
          </div>
        ))}
        <div>
          <Button
            size="small"
            icon={<Add20Regular />}
            disabled={!writable}
            data-testid="cfg-accepted-add"
            onClick={() =>
              setA('acceptedCommunities', [...a.acceptedCommunities, { community: '', rights: 'READ ONLY' }])
            }
          >
            Add accepted community
          </Button>
        </div>
        <RadioGroup
          value={a.acceptAnyHost ? 'any' : 'these'}
          disabled={!writable}
          onChange={(_, d) => setA('acceptAnyHost', d.value === 'any')}
        >
          <Radio value="any" label="Accept SNMP packets from any host" />
          <Radio value="these" label="Only accept SNMP packets from these hosts" />
        </RadioGroup>
        {!a.acceptAnyHost && (
          <Field label="Hosts (host names or IP addresses)">
            <Input
              value={a.permittedManagers.join(', ')}
              disabled={!writable}
              data-testid="cfg-managers"
              onChange={(_, d) => setA('permittedManagers', list(d.value))}
            />
          </Field>
        )}
      </Section>

      <Section title="Event translation (event-to-trap)" testId="servers-events-section">
        <Field label="BaseEnterpriseOID" hint="MiCC Enterprise traps: 1.3.6.1.4.1.193.132.5.1">
          <Input
            value={a.baseEnterpriseOid}
            disabled={!writable}
            className={styles.mono}
            data-testid="cfg-base-oid"
            onChange={(_, d) => setA('baseEnterpriseOid', d.value)}
          />
        </Field>
        {a.events.length > 0 && (
          <Table size="extra-small" className={styles.events} aria-label="Events to translate">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: 130 }}>Event log</TableHeaderCell>
                <TableHeaderCell>Event source</TableHeaderCell>
                <TableHeaderCell style={{ width: 130 }}>Event ID</TableHeaderCell>
                <TableHeaderCell style={{ width: 80 }}>Count</TableHeaderCell>
                <TableHeaderCell style={{ width: 90 }}>Period (s)</TableHeaderCell>
                <TableHeaderCell style={{ width: 40 }} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {a.events.map((e, i) => {
                const put = (patch: Partial<typeof e>) =>
                  setA(
                    'events',
                    a.events.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                  );
                return (
                  <TableRow key={i} data-testid="cfg-event-row">
                    <TableCell>
                      <Input
                        size="small"
                        value={e.log}
                        disabled={!writable}
                        aria-label="Event log"
                        onChange={(_, d) => put({ log: d.value })}
                      />
                    </TableCell>
                    <TableCell>
                      <Input
                        size="small"
                        value={e.source}
                        disabled={!writable}
                        aria-label="Event source"
                        onChange={(_, d) => put({ source: d.value })}
                      />
                    </TableCell>
                    <TableCell>
                      <Input
                        size="small"
                        value={String(e.eventId)}
                        disabled={!writable}
                        aria-label="Event ID"
                        onChange={(_, d) => put({ eventId: Number(d.value) })}
                      />
                    </TableCell>
                    <TableCell>
                      <Input
                        size="small"
                        value={String(e.count)}
                        disabled={!writable}
                        aria-label="Count"
                        onChange={(_, d) => put({ count: Number(d.value) })}
                      />
                    </TableCell>
                    <TableCell>
                      <Input
                        size="small"
                        value={String(e.period)}
                        disabled={!writable}
                        aria-label="Period"
                        onChange={(_, d) => put({ period: Number(d.value) })}
                      />
                    </TableCell>
                    <TableCell>
                      <Button
                        size="small"
                        icon={<Delete16Regular />}
                        aria-label="Remove event"
                        disabled={!writable}
                        onClick={() =>
                          setA(
                            'events',
                            a.events.filter((_, j) => j !== i),
                          )
                        }
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        <div className={styles.actions}>
          <Button
            size="small"
            icon={<Add20Regular />}
            disabled={!writable}
            data-testid="cfg-event-add"
            onClick={() =>
              setA('events', [...a.events, { log: 'Application', source: '', eventId: 0, count: 1, period: 0 }])
            }
          >
            Add event
          </Button>
          <Button
            size="small"
            disabled={!writable}
            onClick={() => document.getElementById('servers-cnf-file')?.click()}
          >
            Read an evntcmd file…
          </Button>
          <input
            id="servers-cnf-file"
            type="file"
            accept=".cnf,.txt"
            hidden
            data-testid="cfg-cnf-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importCnf(f);
            }}
          />
        </div>
      </Section>

      <div className={styles.actions}>
        {writable && (
          <Button
            appearance="primary"
            icon={<Save20Regular />}
            disabled={!dirty || busy}
            data-testid="server-save"
            onClick={() => void save()}
          >
            Save
          </Button>
        )}
        <Button icon={<ArrowDownload20Regular />} data-testid="server-preview" onClick={() => void showPreview()}>
          Preview .reg and evntcmd files…
        </Button>
        {writable && row && (
          <Button icon={<Delete16Regular />} data-testid="server-delete" onClick={() => void remove()}>
            Delete
          </Button>
        )}
      </div>
      {preview && <PreviewDialog preview={preview} onClose={() => setPreview(null)} />}
    </div>
  );
}

function QueryResults({
  result,
}: {
  result: { target: string; results: SnmpQueryResult[]; truncated: boolean; elapsedMs: number };
}) {
  const styles = useStyles();
  return (
    <div data-testid="query-results">
      <Text size={200} className={styles.muted}>
        {result.target} answered in {result.elapsedMs} ms
        {result.truncated ? ' — more objects follow; raise “At most” to see them' : ''}.
      </Text>
      <Table size="extra-small" aria-label="Agent answer">
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: '34%' }}>Variable</TableHeaderCell>
            <TableHeaderCell style={{ width: 110 }}>Type</TableHeaderCell>
            <TableHeaderCell>Value</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {result.results.map((r, i) => (
            <TableRow key={i} data-testid="query-result-row">
              <TableCell title={r.oid} className={styles.mono}>
                {r.name}
              </TableCell>
              <TableCell>{r.exception ?? (r.hex ? `${r.type}, bytes (not text) in hex` : r.type)}</TableCell>
              <TableCell className={styles.mono} data-testid={r.hex ? 'query-result-hex' : undefined}>
                {r.exception ? (
                  <span className={styles.muted}>
                    {r.exception === 'noSuchObject'
                      ? 'No such object on this agent'
                      : r.exception === 'noSuchInstance'
                        ? 'No such instance'
                        : 'End of the MIB'}
                  </span>
                ) : r.hex ? (
                  r.value.replace(/(..)(?=.)/g, '$1 ')
                ) : (
                  // Like the trap details: control characters escaped (\r\n), so text never passes for bytes.
                  JSON.stringify(r.value).slice(1, -1)
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function PreviewDialog({
  preview,
  onClose,
}: {
  preview: {
    regFileName: string;
    regText: string;
    regBase64: string;
    cnfFileName: string;
    cnfText: string;
    warnings: SnmpServerWarning[];
  };
  onClose(): void;
}) {
  const styles = useStyles();
  const [which, setWhich] = useState<'reg' | 'cnf'>('reg');
  const saveReg = () => {
    const bytes = Uint8Array.from(atob(preview.regBase64), (c) => c.charCodeAt(0));
    downloadBlob(bytes, preview.regFileName, 'application/octet-stream');
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Files to apply on the server</DialogTitle>
          <DialogContent>
            <div className={styles.list}>
              {preview.warnings.map((w, i) => (
                <MessageBar key={i} intent="warning" data-testid="preview-warning">
                  <MessageBarBody>{w.message}</MessageBarBody>
                </MessageBar>
              ))}
              <TabList selectedValue={which} onTabSelect={(_, d) => setWhich(d.value as 'reg' | 'cnf')}>
                <FluentTab value="reg" data-testid="preview-tab-reg">
                  {preview.regFileName}
                </FluentTab>
                <FluentTab value="cnf" data-testid="preview-tab-cnf">
                  {preview.cnfFileName}
                </FluentTab>
              </TabList>
              <Text size={200} className={styles.muted}>
                {which === 'reg'
                  ? 'Double-click the file on the server (or regedit /s) and restart the SNMP Service. Saved as ' +
                    'UTF-16LE, like regedit’s own exports.'
                  : `On the server, run: evntcmd ${preview.cnfFileName} (from another computer: evntcmd /s ` +
                    `<server> ${preview.cnfFileName}). It sets up the translation of events to traps; the ` +
                    'destinations come from the .reg file.'}
              </Text>
              <pre className={styles.pre} data-testid={which === 'reg' ? 'preview-reg' : 'preview-cnf'}>
                {which === 'reg' ? preview.regText.replace(/\r\n/g, '\n') : preview.cnfText.replace(/\r\n/g, '\n')}
              </pre>
            </div>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              icon={<ArrowDownload20Regular />}
              data-testid="preview-save-reg"
              onClick={saveReg}
            >
              Save .reg
            </Button>
            <Button
              icon={<ArrowDownload20Regular />}
              data-testid="preview-save-cnf"
              onClick={() => downloadBlob(preview.cnfText, preview.cnfFileName, 'text/plain')}
            >
              Save .cnf
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
