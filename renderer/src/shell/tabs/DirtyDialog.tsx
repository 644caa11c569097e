import {
  Button,
  makeStyles,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from '@fluentui/react-components';
import { useShallow } from 'zustand/react/shallow';
import { tabsStore, useTabs } from './store';

const useStyles = makeStyles({ button: { whiteSpace: 'nowrap', minWidth: '96px' } });

/**
 * "Save changes to <title>?" — asked when a tab with unsaved changes is closed; closing several
 * (Close others / to the right / all) asks once: "Save changes to N tabs?", naming them.
 */
export function DirtyDialog() {
  const styles = useStyles();
  const pendingKey = useTabs((s) => s.pendingClose);
  const title = useTabs((s) => s.tabs.find((t) => t.key === s.pendingClose)?.title ?? '');
  const dirtyTitles = useTabs(
    useShallow((s) => s.pendingDirtyKeys.map((k) => s.tabs.find((t) => t.key === k)?.title ?? k)),
  );
  const many = dirtyTitles.length > 1;
  const saving = useTabs((s) => s.savingClose);
  const resolve = (choice: 'save' | 'discard' | 'cancel') => void tabsStore.getState().resolveClose(choice);

  return (
    <Dialog
      open={pendingKey !== null}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open && !saving) resolve('cancel');
      }}
    >
      <DialogSurface data-testid="dirty-dialog" aria-describedby="dirty-dialog-text">
        <DialogBody>
          <DialogTitle>
            {many ? `Save changes to ${dirtyTitles.length} tabs?` : `Save changes to ${title}?`}
          </DialogTitle>
          <DialogContent id="dirty-dialog-text">
            {many
              ? `${dirtyTitles.join(', ')} have unsaved changes. They will be lost if you don’t save them.`
              : 'Your changes will be lost if you don’t save them.'}
          </DialogContent>
          <DialogActions>
            <Button
              className={styles.button}
              appearance="primary"
              data-testid="dirty-save"
              disabled={saving}
              icon={saving ? <Spinner size="tiny" /> : undefined}
              onClick={() => resolve('save')}
            >
              {many ? 'Save all' : 'Save'}
            </Button>
            <Button
              className={styles.button}
              data-testid="dirty-discard"
              disabled={saving}
              onClick={() => resolve('discard')}
            >
              Don’t Save
            </Button>
            <Button
              className={styles.button}
              data-testid="dirty-cancel"
              disabled={saving}
              onClick={() => resolve('cancel')}
            >
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
