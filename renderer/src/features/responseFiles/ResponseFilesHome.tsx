import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Link,
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
  Text,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, ArrowUpload20Regular, Delete16Regular, FolderOpen20Regular } from '@fluentui/react-icons';
import type { RfSummary } from '../../../../electron/contract';
import { ccm, transportKind } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { refreshAfterChange } from '../../data/invalidate';
import { fieldMessage } from '../../ui/fieldMessage';
import { confirm, errorShapeOf, useCommand } from '../../ui/kit';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { openServiceGroupTab } from '../dispatch';
import { formatBytes, MEDIA_LABEL, rfKeys, useResponseFiles, useResponseFilesLive } from './data';
import { openResponseFileTab } from './openResponseFileTab';

const useStyles = makeStyles({
  usages: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  empty: { color: tokens.colorNeutralForeground3 },
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The parser's cap (electron/domain/responseFiles/parser.ts); checked here too so a huge file is not read at all. */
const MAX_BYTES = 16 * 1024 * 1024;
/** Under the browser-mode host's 4 MiB body cap, leaving room for the JSON around the text. */
const BROWSER_MODE_MAX_BYTES = 3.9 * 1024 * 1024;

type Pending = { name: string; location: string; content: string | null; path?: string; source: string };

/** Response Files home: the tenant's files, the service groups using them, new / import / delete. */
export function ResponseFilesHome() {
  const styles = useStyles();
  const files = useResponseFiles();
  useResponseFilesLive();
  const auth = useAuthStatus();
  const writable = canWrite(auth.data?.user?.permissions, 'responseFiles');
  const fmt = useDateFormat();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ intent: 'error' | 'success'; title: string; text: string } | null>(null);
  const [pathDialog, setPathDialog] = useState<{ path: string; error?: string } | null>(null);

  const uniqueName = (base: string) => {
    const taken = new Set((files.data ?? []).map((f) => f.name.toLowerCase()));
    let n = base.trim() || 'Responses';
    for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${base} (${i})`;
    return n;
  };

  const pick = async (file: File) => {
    setNotice(null);
    if (file.size > MAX_BYTES) {
      setNotice({
        intent: 'error',
        title: `${file.name} was not imported`,
        text: `It is ${formatBytes(file.size)}; the console opens response files up to 16 MB.`,
      });
      return;
    }
    if (transportKind === 'http' && file.size > BROWSER_MODE_MAX_BYTES) {
      // Browser mode carries calls as HTTP bodies of at most 4 MiB (electron/host/server.ts).
      setNotice({
        intent: 'error',
        title: `${file.name} was not imported`,
        text:
          `It is ${formatBytes(file.size)}; in browser mode an upload is limited to 4 MB. Use Import from ` +
          `path… (the console reads the file itself), or the desktop app.`,
      });
      return;
    }
    const content = await file.text();
    setPending({ name: uniqueName(file.name.replace(/\.xml$/i, '')), location: '', content, source: file.name });
  };

  const createCommand = useCommand((p: Pending) =>
    ccm.responseFiles.create({
      name: p.name,
      location: p.location.trim() || null,
      content: p.content,
      path: p.path,
    }),
  );
  const busy = createCommand.busy;
  const create = async () => {
    if (!pending) return;
    setNameError(undefined);
    const created = await createCommand.runOrThrow(pending).catch((err: unknown) => {
      const e = errorShapeOf(err);
      if (e?.field === 'name') setNameError(e.message);
      else {
        setNotice({ intent: 'error', title: `${pending.source} was not imported`, text: e?.message ?? '' });
        setPending(null);
      }
      return undefined;
    });
    if (!created) return;
    setPending(null);
    void queryClient.invalidateQueries({ queryKey: rfKeys.list });
    refreshAfterChange(queryClient, 'response_file');
    setNotice({
      intent: 'success',
      title: pending.source ? `Imported ${pending.source}` : 'Created',
      text: `${created.name}: ${created.items.length} groups and responses.`,
    });
    openResponseFileTab(created.id, created.name);
  };

  const fromPath = async () => {
    if (!pathDialog) return;
    const env = await ccm.responseFiles.importFromPath({ path: pathDialog.path });
    if (!env.ok) return setPathDialog({ ...pathDialog, error: env.error.message });
    setPathDialog(null);
    setPending({
      name: uniqueName(env.value.fileName.replace(/\.xml$/i, '')),
      location: env.value.location,
      content: null,
      path: pathDialog.path,
      source: env.value.fileName,
    });
  };

  const remove = async (f: RfSummary) => {
    const n = f.usages.length;
    const ok = await confirm({
      title: `Delete ${f.name}?`,
      body:
        (n > 0
          ? `${n} service group${n === 1 ? '' : 's'} use${n === 1 ? 's' : ''} it ` +
            `(${f.usages.map((u) => u.serviceGroup).join(', ')}) and will have no response file.`
          : 'No service group uses it.') + ' This cannot be undone.',
      danger: true,
      confirmLabel: 'Delete',
      testId: 'rf-delete-file',
      confirmTestId: 'rf-delete-file-ok',
    });
    if (!ok) return;
    const env = await ccm.responseFiles.remove({ id: f.id, expectedVersion: f.version });
    if (!env.ok) return setNotice({ intent: 'error', title: `${f.name} was not deleted`, text: env.error.message });
    void queryClient.invalidateQueries({ queryKey: rfKeys.list });
    refreshAfterChange(queryClient, 'response_file', 'service_group');
    setNotice({
      intent: 'success',
      title: `Deleted ${f.name}`,
      text: env.value.detachedServiceGroups
        ? `${env.value.detachedServiceGroups} service group(s) no longer have a response file.`
        : 'No service group used it.',
    });
  };

  const actions = writable ? (
    <>
      <Button
        icon={<Add20Regular />}
        onClick={() => setPending({ name: uniqueName('New response file'), location: '', content: null, source: '' })}
        data-testid="rf-new"
      >
        New
      </Button>
      <Button icon={<ArrowUpload20Regular />} onClick={() => input.current?.click()} data-testid="rf-import">
        Import .xml…
      </Button>
      <Button icon={<FolderOpen20Regular />} onClick={() => setPathDialog({ path: '' })} data-testid="rf-import-path">
        Import from path…
      </Button>
    </>
  ) : undefined;

  return (
    <Page
      title="Response files"
      subtitle="Predefined responses that e-mail, chat and SMS agents insert."
      help="response-files"
      actions={actions}
    >
      <input
        ref={input}
        type="file"
        accept=".xml,application/xml,text/xml"
        hidden
        data-testid="rf-import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void pick(file);
        }}
      />
      {notice && (
        <MessageBar
          intent={notice.intent}
          layout="multiline"
          data-testid={notice.intent === 'error' ? 'rf-import-refused' : 'rf-home-notice'}
        >
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.text}
          </MessageBarBody>
        </MessageBar>
      )}
      <QueryState isPending={files.isPending} error={files.error} what="response files" />
      {files.data && files.data.length === 0 && (
        <Text className={styles.empty}>
          No response files in this tenant yet. {writable ? 'Create one, or import an .xml file.' : ''}
        </Text>
      )}
      {files.data && files.data.length > 0 && (
        <Table size="small" aria-label="Response files" data-testid="rf-list">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Used by</TableHeaderCell>
              <TableHeaderCell>Size</TableHeaderCell>
              <TableHeaderCell>Last saved</TableHeaderCell>
              <TableHeaderCell style={{ width: 48 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {files.data.map((f) => (
              <TableRow key={f.id} data-testid="rf-list-row" data-name={f.name}>
                <TableCell>
                  <Link onClick={() => openResponseFileTab(f.id, f.name)} data-testid="rf-open">
                    {f.name}
                  </Link>
                </TableCell>
                <TableCell>
                  <span className={styles.usages}>
                    {f.usages.length === 0 ? (
                      <Text className={styles.empty}>—</Text>
                    ) : (
                      f.usages.map((u) => (
                        <Link
                          key={u.serviceGroupId}
                          onClick={() => openServiceGroupTab(u.serviceGroupId, u.serviceGroup)}
                        >
                          {u.serviceGroup}{' '}
                          <Badge size="small" appearance="tint">
                            {MEDIA_LABEL[u.media] ?? u.media}
                          </Badge>
                        </Link>
                      ))
                    )}
                  </span>
                </TableCell>
                <TableCell>{formatBytes(f.bytes)}</TableCell>
                <TableCell>
                  {fmt(f.updatedAt)} by {f.updatedBy} (v{f.version})
                </TableCell>
                <TableCell>
                  {writable && (
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<Delete16Regular />}
                      aria-label={`Delete ${f.name}`}
                      onClick={() => void remove(f)}
                      data-testid="rf-delete-file"
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Dialog open={pending !== null} onOpenChange={(_, d) => !d.open && setPending(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{pending?.source ? `Import ${pending.source}` : 'New response file'}</DialogTitle>
            <DialogContent className={styles.col}>
              <Field label="Name" required validationMessage={fieldMessage(nameError, 'rf-new-name-error')}>
                <Input
                  value={pending?.name ?? ''}
                  onChange={(_, d) => pending && setPending({ ...pending, name: d.value })}
                  data-testid="rf-new-name"
                />
              </Field>
              <Field
                label="Location of Src files"
                hint="Folder or URL agents reach the XML file at; relative Src paths resolve against it. Optional."
              >
                <Input
                  value={pending?.location ?? ''}
                  onChange={(_, d) => pending && setPending({ ...pending, location: d.value })}
                  data-testid="rf-new-location"
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabled={busy || !pending?.name.trim()}
                onClick={() => void create()}
                data-testid="rf-new-ok"
              >
                {busy ? <Spinner size="tiny" /> : pending?.source ? 'Import' : 'Create'}
              </Button>
              <Button onClick={() => setPending(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>

      <Dialog open={pathDialog !== null} onOpenChange={(_, d) => !d.open && setPathDialog(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Import from a path on this computer</DialogTitle>
            <DialogContent className={styles.col}>
              <Field
                label="Response file (.xml)"
                hint="Its folder becomes the location its relative Src files resolve against."
                validationMessage={fieldMessage(pathDialog?.error, 'rf-path-error')}
              >
                <Input
                  value={pathDialog?.path ?? ''}
                  onChange={(_, d) => setPathDialog({ path: d.value })}
                  data-testid="rf-path"
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabled={!pathDialog?.path.trim()}
                onClick={() => void fromPath()}
                data-testid="rf-path-ok"
              >
                Read
              </Button>
              <Button onClick={() => setPathDialog(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Page>
  );
}
