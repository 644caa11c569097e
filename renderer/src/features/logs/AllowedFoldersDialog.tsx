import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { logPathProblem, type AllowedLogFolders } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { useCommand } from '../../ui/kit';
import { fieldMessage } from '../../ui/fieldMessage';
import { logsKeys } from './data';

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    margin: 0,
    paddingLeft: '18px',
    overflowWrap: 'anywhere',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  muted: { color: tokens.colorNeutralForeground3 },
  nowrap: { whiteSpace: 'nowrap', flexShrink: 0 },
});

export const allowedFoldersKey = ['logs', 'allowedFolders'] as const;

export const useAllowedFolders = () =>
  useQuery({ queryKey: allowedFoldersKey, queryFn: () => unwrap(ccm.logs.allowedFolders({})), staleTime: 30_000 });

/** One folder a line; blank lines are ignored. Each line is checked with the contract's rule. */
export function parseFolders(text: string): { folders: string[]; error?: string } {
  const folders = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, f] of folders.entries()) {
    const problem = logPathProblem(f, 'folder');
    if (problem) return { folders, error: `Line ${i + 1} (${f}): ${problem}` };
  }
  return { folders };
}

/**
 * Logs › Allowed folders: where file log sources may be. An installation-wide setting that only
 * a host administrator changes; everyone else sees the list (and why their file was refused).
 */
export function AllowedFoldersDialog(props: { open: boolean; editable: boolean; onClose(): void }) {
  const allowed = useAllowedFolders();
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface data-testid="logs-folders-dialog">
        {props.open && allowed.data ? (
          <FoldersBody data={allowed.data} editable={props.editable} onClose={props.onClose} />
        ) : (
          <Spinner size="tiny" label="Loading…" />
        )}
      </DialogSurface>
    </Dialog>
  );
}

function FoldersBody(props: { data: AllowedLogFolders; editable: boolean; onClose(): void }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const { data } = props;
  const [text, setText] = useState(() => data.folders.join('\n'));
  const [error, setError] = useState<string | undefined>();
  const saveCommand = useCommand((folders: string[] | null) => ccm.logs.setAllowedFolders({ folders }), {
    onError: (e) => setError(e.message),
    onSuccess: (saved) => {
      queryClient.setQueryData(allowedFoldersKey, saved);
      void queryClient.invalidateQueries({ queryKey: logsKeys.sources });
      props.onClose();
    },
  });
  const saving = saveCommand.busy;
  const save = (folders: string[] | null) => saveCommand.run(folders);
  const submit = () => {
    const parsed = parseFolders(text);
    if (parsed.error) return setError(parsed.error);
    if (parsed.folders.length === 0) return setError('Enter at least one folder, or use the defaults.');
    void save(parsed.folders);
  };

  return (
    <DialogBody>
      <DialogTitle>Allowed folders for file sources</DialogTitle>
      <DialogContent className={styles.col}>
        <Text>
          A followed log file must be inside one of these folders on this computer. The console’s own data folder is
          never followed, even inside them. This applies to every user of this console.
        </Text>
        {props.editable ? (
          <>
            <Field
              label="Folders (one a line)"
              hint={`The defaults: ${data.defaults.join('; ')}`}
              validationState={error ? 'error' : 'none'}
              validationMessage={fieldMessage(error, 'logs-folders-error')}
            >
              <Textarea
                className={styles.mono}
                rows={6}
                value={text}
                resize="vertical"
                data-testid="logs-folders-text"
                onChange={(_, d) => setText(d.value)}
              />
            </Field>
            {data.isDefault && <Text className={styles.muted}>The defaults apply now.</Text>}
          </>
        ) : (
          <>
            <ul className={styles.list} data-testid="logs-folders-list">
              {data.folders.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
            <MessageBar intent="info">
              <MessageBarBody>Only a host administrator changes this list.</MessageBarBody>
            </MessageBar>
          </>
        )}
      </DialogContent>
      <DialogActions>
        {props.editable && (
          <>
            <Button appearance="primary" disabled={saving} data-testid="logs-folders-save" onClick={submit}>
              Save
            </Button>
            <Button
              className={styles.nowrap}
              disabled={saving || data.isDefault}
              data-testid="logs-folders-defaults"
              onClick={() => void save(null)}
            >
              Use the defaults
            </Button>
          </>
        )}
        <Button disabled={saving} data-testid="logs-folders-close" onClick={props.onClose}>
          {props.editable ? 'Cancel' : 'Close'}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
