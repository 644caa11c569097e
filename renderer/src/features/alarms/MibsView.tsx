import { useRef, useState } from 'react';
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ArrowUpload20Regular, Delete16Regular } from '@fluentui/react-icons';
import type { AlarmMibModule } from '../../../../electron/contract/services/alarms';
import { ccm } from '../../api/client';
import { HostAdminOnly } from './HostAdminOnly';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { Page } from '../../ui/Page';
import { confirm, useCommand } from '../../ui/kit';
import { Loaded } from './Loaded';
import { useDateFormat } from '../../ui/useDateFormat';
import { alarmKeys, useMibs } from './data';

const useStyles = makeStyles({
  pre: { whiteSpace: 'pre-wrap', margin: 0, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/**
 * Alarms › MIBs: the shipped MIBs and imported ones. An import is all or nothing; errors name the file, line and
 * reason.
 */
export function MibsView() {
  const styles = useStyles();
  const mibs = useMibs();
  const fmt = useDateFormat();
  // Installation-wide settings: a host administrator's (the service refuses anyone else).
  const me = useAuthStatus().data?.user;
  const writable = canWrite(me?.permissions, 'alarms') && me?.hostAdmin === true;
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const failed = (e: { message: string }) => setResult({ ok: false, text: e.message });
  const importCommand = useCommand(
    async (files: File[]) =>
      ccm.alarms.importMibs({
        files: await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))),
      }),
    {
      invalidates: [alarmKeys.all],
      onError: failed,
      onSuccess: (v) =>
        setResult({ ok: true, text: `Imported ${v.modules.join(', ')}. Their names are used everywhere from now on.` }),
    },
  );
  const removeCommand = useCommand((m: AlarmMibModule) => ccm.alarms.removeMib({ module: m.module }), {
    invalidates: [alarmKeys.all],
    onError: failed,
    onSuccess: (_, m) => setResult({ ok: true, text: `Removed ${m.module}.` }),
  });
  const busy = importCommand.busy;

  const pick = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setResult(null);
    const list = [...files];
    if (input.current) input.current.value = '';
    await importCommand.run(list);
  };
  const remove = async (m: AlarmMibModule) => {
    const ok = await confirm({
      title: `Remove ${m.module}?`,
      body:
        `The names of ${m.module} are no longer used; OIDs it named show as numbers (or as the shipped MIB ` +
        `names them).`,
      danger: true,
      confirmLabel: 'Remove',
      testId: 'mib-remove-dialog',
    });
    if (ok) await removeCommand.run(m);
  };

  return (
    <Page
      title="MIBs"
      help="event-mib"
      subtitle={
        'MIB modules that name trap OIDs and varbinds. The MiCC Enterprise Event MIB (secCCEvents, ' +
        '1.3.6.1.4.1.193.132.5.1) and the standard MIBs it needs are shipped.'
      }
      actions={
        writable ? (
          <>
            <input
              ref={input}
              type="file"
              multiple
              accept=".mib,.txt,.my,.smi"
              hidden
              data-testid="mibs-file"
              onChange={(e) => void pick(e.target.files)}
            />
            <Button
              icon={busy ? <Spinner size="tiny" /> : <ArrowUpload20Regular />}
              disabled={busy}
              data-testid="mibs-import"
              onClick={() => input.current?.click()}
            >
              Import MIB files…
            </Button>
          </>
        ) : (
          <HostAdminOnly />
        )
      }
    >
      {result && (
        <MessageBar intent={result.ok ? 'success' : 'error'} data-testid="mibs-result">
          <MessageBarBody>
            {!result.ok && <MessageBarTitle>Import refused</MessageBarTitle>}
            <pre className={styles.pre}>{result.text}</pre>
          </MessageBarBody>
        </MessageBar>
      )}
      <Loaded query={mibs} what="MIBs">
        <Table size="small" data-testid="mibs-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Module</TableHeaderCell>
              <TableHeaderCell>File</TableHeaderCell>
              <TableHeaderCell>Notifications</TableHeaderCell>
              <TableHeaderCell>Imported</TableHeaderCell>
              <TableHeaderCell style={{ width: 48 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {(mibs.data ?? []).map((m) => (
              <TableRow key={m.module}>
                <TableCell>{m.module}</TableCell>
                <TableCell>{m.fileName}</TableCell>
                <TableCell>{m.notifications}</TableCell>
                <TableCell>
                  {m.builtIn ? 'Shipped with the console' : `${fmt(m.importedAt)} by ${m.importedBy}`}
                </TableCell>
                <TableCell>
                  {!m.builtIn && writable && (
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<Delete16Regular />}
                      aria-label={`Remove ${m.module}`}
                      onClick={() => void remove(m)}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loaded>
    </Page>
  );
}
