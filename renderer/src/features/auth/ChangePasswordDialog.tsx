import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useNotices } from '../../data/notices';
import { ChangePasswordForm } from './ChangePasswordForm';

const useStyles = makeStyles({
  surface: { maxWidth: '440px' },
  who: { color: tokens.colorNeutralForeground3, display: 'block', marginBottom: tokens.spacingVerticalM },
});

/** Title bar › user menu › Change password…, and the password-expiry warning's button. */
export function ChangePasswordDialog(props: {
  open: boolean;
  logonId: string;
  tenantId: number | undefined;
  onClose(): void;
}) {
  const styles = useStyles();
  return (
    <Dialog open={props.open} modalType="modal" onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface className={styles.surface} data-testid="change-password-dialog">
        <DialogBody>
          <DialogTitle>Change password</DialogTitle>
          <DialogContent>
            <Text className={styles.who}>For {props.logonId}. The tenant’s password rules apply.</Text>
            {props.open && (
              <ChangePasswordForm
                logonId={props.logonId}
                tenantId={props.tenantId}
                submitLabel="Change password"
                onDone={() => {
                  useNotices
                    .getState()
                    .add([{ level: 'info', text: 'Your password was changed.', at: new Date().toISOString() }]);
                  props.onClose();
                }}
                onCancel={props.onClose}
              />
            )}
          </DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
