import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ArrowUpload20Regular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import type { CsvImportResult } from '../../../../electron/contract';
import { ccm, transportKind } from '../../api/client';
import { useCommand } from '../../ui/kit';
import { refreshAfterChange } from '../../data/invalidate';

/**
 * The contract takes 50 MB; browser mode's HTTP host takes requests of at most 4 MB (JSON
 * escaping included), so a bigger file is refused here with the reason rather than by the host.
 */
const MAX_BYTES = transportKind === 'http' ? 3_500_000 : 50_000_000;

interface ImportProgress {
  importId: string;
  phase: 'reading' | 'checking' | 'writing' | 'saving';
  done: number;
  total: number;
}

const phaseText = (p: ImportProgress) =>
  p.phase === 'reading'
    ? 'Reading the file…'
    : p.phase === 'checking'
      ? `Checking ${p.total.toLocaleString()} rows…`
      : p.phase === 'writing'
        ? `Writing: ${p.done.toLocaleString()} of ${p.total.toLocaleString()} users…`
        : 'Saving…';

/**
 * Import users from CSV: main validates every row first; with any error nothing is written
 * and the report lists each one (line, column, rule); otherwise all rows are applied in one
 * transaction. Rows create users (new Logon ID) or update the user with that Logon ID.
 * While it runs the dialog shows main's progress (users.importProgress) and Cancel import: main stops at
 * its next batch and rolls the transaction back, so nothing of the file is imported.
 */
export function ImportDialog(props: { onClose(): void }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [running, setRunning] = useState<ImportProgress | null>(null);
  const importCommand = useCommand(
    async (file: File) => {
      const importId = crypto.randomUUID();
      setRunning({ importId, phase: 'reading', done: 0, total: 0 });
      try {
        // TextDecoder drops a UTF-8 BOM; main accepts one anyway
        return await ccm.users.importCsv({ text: new TextDecoder('utf-8').decode(await file.arrayBuffer()), importId });
      } finally {
        setRunning(null);
      }
    },
    {
      onError: (e) => setFailure(e.message),
      onSuccess: (r) => {
        setResult(r);
        if (r.applied) refreshAfterChange(queryClient, 'cc_user');
      },
    },
  );
  const cancelCommand = useCommand((importId: string) => ccm.users.cancelImport({ importId }), {
    onError: (e) => setFailure(e.message),
  });
  const runningId = running?.importId ?? null;
  useEffect(() => {
    if (!runningId) return;
    return ccm.on('users.importProgress', (items) => {
      const last = items.filter((p) => p.importId === runningId).at(-1);
      if (last) setRunning(last);
    });
  }, [runningId]);
  const busy = importCommand.busy;
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (file: File) => {
    setFileName(file.name);
    setResult(null);
    setFailure(null);
    if (file.size > MAX_BYTES) {
      setFailure(
        `${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB: at most ${MAX_BYTES / 1_000_000} ` +
          `MB${transportKind === 'http' ? ' in browser mode (split the file, or use the desktop window)' : ''}.`,
      );
      return;
    }
    await importCommand.run(file);
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && props.onClose()}>
      <DialogSurface style={{ maxWidth: 760 }} data-testid="users-import-dialog">
        <DialogBody>
          <DialogTitle>Import users from CSV</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <span>
              The first line names the columns (at least <b>Logon ID</b>; the others as in an export: First Name, Last
              Name, Directory Number, Agent Group, User Type, External Logon ID, Chat Display Name, Circuit User, Phone
              Agent Logon, Default Destination, Dispatch Privilege). A row with a new Logon ID creates a user, an
              existing one updates it; columns left out keep their values. Every row is checked first: all are imported,
              or none.
            </span>
            <input
              ref={input}
              type="file"
              accept=".csv,text/csv"
              style={{ display: 'none' }}
              data-testid="users-import-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void run(f);
              }}
            />
            <div>
              <Button
                icon={busy ? <Spinner size="tiny" /> : <ArrowUpload20Regular />}
                disabled={busy}
                onClick={() => input.current?.click()}
                data-testid="users-import-choose"
              >
                {busy
                  ? running?.phase === 'writing' || running?.phase === 'saving'
                    ? `Importing ${fileName}…`
                    : `Checking ${fileName}…`
                  : 'Choose a CSV file…'}
              </Button>
            </div>
            {busy && running && (
              <div data-testid="users-import-progress" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                <ProgressBar
                  value={running.phase === 'writing' && running.total > 0 ? running.done / running.total : undefined}
                  aria-label="Import progress"
                />
                <span data-testid="users-import-phase">{phaseText(running)}</span>
              </div>
            )}
            {failure && (
              <MessageBar intent="error" layout="multiline" data-testid="users-import-failed">
                <MessageBarBody>{failure}</MessageBarBody>
              </MessageBar>
            )}
            {result?.applied && (
              <MessageBar intent="success" data-testid="users-import-applied">
                <MessageBarBody>
                  <MessageBarTitle>Imported {fileName}</MessageBarTitle>
                  {result.rows.toLocaleString()} rows: {result.created.toLocaleString()} users created,{' '}
                  {result.updated.toLocaleString()} updated.
                </MessageBarBody>
              </MessageBar>
            )}
            {result && !result.applied && result.cancelled && (
              <MessageBar intent="warning" layout="multiline" data-testid="users-import-cancelled">
                <MessageBarBody>
                  <MessageBarTitle>Import cancelled</MessageBarTitle>
                  Nothing of {fileName} was imported: the rows written before the cancel were rolled back.
                </MessageBarBody>
              </MessageBar>
            )}
            {result && !result.applied && !result.cancelled && (
              <>
                <MessageBar intent="error" layout="multiline" data-testid="users-import-refused">
                  <MessageBarBody>
                    <MessageBarTitle>Nothing was imported</MessageBarTitle>
                    {result.errors.length.toLocaleString()}
                    {result.truncated ? '+' : ''} problem{result.errors.length === 1 ? '' : 's'} in {fileName} (
                    {result.rows.toLocaleString()} rows). Correct the file and import it again.
                  </MessageBarBody>
                </MessageBar>
                <div style={{ maxHeight: 300, overflow: 'auto' }}>
                  <Table size="small" data-testid="users-import-report">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell style={{ width: 60 }}>Line</TableHeaderCell>
                        <TableHeaderCell style={{ width: 150 }}>Column</TableHeaderCell>
                        <TableHeaderCell>Rule</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {result.errors.map((e, i) => (
                        <TableRow key={i}>
                          <TableCell>{e.row}</TableCell>
                          <TableCell>{e.field || '—'}</TableCell>
                          <TableCell>{e.rule}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              </>
            )}
          </DialogContent>
          <DialogActions>
            {busy && runningId && (
              <Button
                disabled={cancelCommand.busy}
                onClick={() => void cancelCommand.run(runningId)}
                data-testid="users-import-cancel"
              >
                Cancel import
              </Button>
            )}
            <Button appearance="primary" disabled={busy} onClick={props.onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
