import { Text, tokens } from '@fluentui/react-components';

/** Shown instead of the edit actions on installation-wide alarm settings for anyone but a host administrator. */
export function HostAdminOnly() {
  return (
    <Text size={200} style={{ color: tokens.colorNeutralForeground3 }} data-testid="alarms-host-admin-only">
      Read only: a host administrator changes these (they apply to every tenant).
    </Text>
  );
}
