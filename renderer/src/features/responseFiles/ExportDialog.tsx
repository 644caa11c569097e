import { useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Divider,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ccm } from '../../api/client';
import { downloadBlob } from '../../ui/download';

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, margin: 0, paddingLeft: '18px' },
});

/**
 * Export: download the saved .xml (works in both run modes), or write it into a folder on this
 * computer with the Src files it refers to (relative ones, copied from the file's location).
 */
export function ExportDialog(props: {
  fileId: number;
  name: string;
  dirty: boolean;
  writable: boolean;
  onClose(): void;
}) {
  const styles = useStyles();
  const [folder, setFolder] = useState('');
  const [withSrc, setWithSrc] = useState(true);
  const [result, setResult] = useState<{
    intent: 'success' | 'error' | 'warning';
    text: string;
    lines?: string[];
  } | null>(null);
  const [askOverwrite, setAskOverwrite] = useState(false);

  const download = async () => {
    const env = await ccm.responseFiles.exportXml({ id: props.fileId });
    if (!env.ok) return setResult({ intent: 'error', text: env.error.message });
    downloadBlob(env.value.text, env.value.fileName, 'application/xml');
    setResult({ intent: 'success', text: `Downloaded ${env.value.fileName}.` });
  };
  const toFolder = async (overwrite: boolean) => {
    setAskOverwrite(false);
    const env = await ccm.responseFiles.exportToFolder({ id: props.fileId, folder, withSrc, overwrite });
    if (!env.ok) {
      if (env.error.code === 'CONFLICT') setAskOverwrite(true);
      return setResult({ intent: 'error', text: env.error.message });
    }
    setResult({
      intent: env.value.skipped.length ? 'warning' : 'success',
      text:
        `Wrote ${env.value.written.length} file${env.value.written.length === 1 ? '' : 's'}` +
        `${env.value.skipped.length ? `; ${env.value.skipped.length} Src not copied` : ''}.`,
      lines: [...env.value.written, ...env.value.skipped.map((s) => `${s.src}: ${s.reason}`)],
    });
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface data-testid="rf-export-dialog">
        <DialogBody>
          <DialogTitle>Export {props.name}</DialogTitle>
          <DialogContent className={styles.col}>
            {props.dirty && (
              <MessageBar intent="warning">
                <MessageBarBody>The export holds the saved file; save first to include your changes.</MessageBarBody>
              </MessageBar>
            )}
            <Button appearance="primary" onClick={() => void download()} data-testid="rf-export-download">
              Download .xml
            </Button>
            {props.writable ? (
              <>
                <Divider>or write to a folder on this computer</Divider>
                <Field label="Folder" hint="An absolute path, e.g. \\fileserver\responses or /srv/responses">
                  <Input value={folder} onChange={(_, d) => setFolder(d.value)} data-testid="rf-export-folder" />
                </Field>
                <Checkbox
                  label="With the Src files (relative ones, copied from the file's location)"
                  checked={withSrc}
                  onChange={(_, d) => setWithSrc(!!d.checked)}
                  data-testid="rf-export-withsrc"
                />
                <Button
                  disabled={!folder.trim()}
                  onClick={() => void toFolder(false)}
                  data-testid="rf-export-folder-go"
                >
                  Export to folder
                </Button>
              </>
            ) : (
              <Text data-testid="rf-export-folder-readonly">
                Writing to a folder on this computer needs read-write access to Response Files.
              </Text>
            )}
            {result && (
              <MessageBar intent={result.intent} layout="multiline" data-testid="rf-export-result">
                <MessageBarBody>
                  <Text>{result.text}</Text>
                  {result.lines && (
                    <ul className={styles.list}>
                      {result.lines.map((l) => (
                        <li key={l}>{l}</li>
                      ))}
                    </ul>
                  )}
                </MessageBarBody>
              </MessageBar>
            )}
            {askOverwrite && (
              <Button onClick={() => void toFolder(true)} data-testid="rf-export-overwrite">
                Overwrite existing files
              </Button>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
