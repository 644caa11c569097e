import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';

/** "Reset preferences to defaults?" */
export function ResetDialog(props: { open: boolean; dirty: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog
      open={props.open}
      onOpenChange={(_, d) => {
        if (!d.open) props.onCancel();
      }}
    >
      <DialogSurface data-testid="pref-reset-dialog">
        <DialogBody>
          <DialogTitle>Reset preferences to defaults?</DialogTitle>
          <DialogContent>
            All preferences go back to their defaults and are saved at once.
            {props.dirty && ' Your unsaved changes here are discarded.'}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" data-testid="pref-reset-confirm" onClick={props.onConfirm}>
              Reset
            </Button>
            <Button data-testid="pref-reset-cancel" onClick={props.onCancel}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
