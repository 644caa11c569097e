import { useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useAuthStatus } from '../../data/queries';
import { useSessionUi } from '../../data/session';
import { ChangePasswordDialog } from '../../features/auth/ChangePasswordDialog';

const useStyles = makeStyles({
  bar: {
    borderRadius: 0,
    borderLeftStyle: 'none',
    borderRightStyle: 'none',
    borderTopStyle: 'none',
    paddingLeft: tokens.spacingHorizontalM,
  },
});

export const daysText = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** "Warn Password Expiring When N Days Remaining": under the title bar until dismissed or changed. */
export function PasswordWarning() {
  const styles = useStyles();
  const status = useAuthStatus().data;
  const dismissed = useSessionUi((s) => s.warningDismissed);
  const homeTenantId = useSessionUi((s) => s.homeTenantId) ?? status?.tenant?.id;
  const [changing, setChanging] = useState(false);
  const warning = status?.passwordWarning;
  const user = status?.user;
  // Always one element: the shell's grid gives this slot its own row.
  if (!user) return <div data-testid="password-warning-slot" />;
  return (
    <div data-testid="password-warning-slot">
      {warning && !dismissed && (
        <MessageBar intent="warning" className={styles.bar} data-testid="password-warning">
          <MessageBarBody>Your password expires in {daysText(warning.daysRemaining)}.</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label="Dismiss"
                icon={<DismissRegular />}
                data-testid="password-warning-dismiss"
                onClick={() => useSessionUi.getState().dismissWarning()}
              />
            }
          >
            <Button size="small" data-testid="password-warning-change" onClick={() => setChanging(true)}>
              Change password
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <ChangePasswordDialog
        open={changing}
        logonId={user.logonId}
        tenantId={homeTenantId}
        onClose={() => setChanging(false)}
      />
    </div>
  );
}
