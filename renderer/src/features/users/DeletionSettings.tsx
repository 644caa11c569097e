import { useState } from 'react';
import { Button, Checkbox, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import type { UserDeletionSettings } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { refreshAfterChange } from '../../data/invalidate';
import { useCommand } from '../../ui/kit';
import { usersKeys } from './usersData';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  title: { fontWeight: tokens.fontWeightSemibold },
});

/**
 * The tenant's User Deletion settings (seed 001, USER SYNCHRONIZATION → User Deletion): what
 * synchronization may delete, and whether synchronized users may be deleted here.
 */
export function DeletionSettings(props: { settings: UserDeletionSettings; writable: boolean }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    never: props.settings.neverDeleteSynced,
    allow: props.settings.allowManualDeleteSynced,
  });
  const [base, setBase] = useState(props.settings);
  const [error, setError] = useState<string | null>(null);
  if (props.settings.version !== base.version) {
    setBase(props.settings);
    setForm({ never: props.settings.neverDeleteSynced, allow: props.settings.allowManualDeleteSynced });
  }
  const dirty = form.never !== base.neverDeleteSynced || form.allow !== base.allowManualDeleteSynced;
  const saveCommand = useCommand(
    (f: typeof form) =>
      ccm.users.saveDeletionSettings({
        expectedVersion: base.version,
        neverDeleteSynced: f.never,
        allowManualDeleteSynced: f.allow,
      }),
    {
      invalidates: [usersKeys.lookups],
      onError: (e) => {
        if (e.code === 'CONFLICT') {
          // the tenant row moved (these settings or the password policy): show what is saved now
          setError(
            'The tenant’s settings were changed elsewhere; the saved values are shown again. Check them and save.',
          );
          void queryClient.invalidateQueries({ queryKey: usersKeys.lookups });
        } else setError(e.message);
      },
      onSuccess: (saved) => {
        setBase(saved);
        refreshAfterChange(queryClient, 'tenant');
      },
    },
  );
  const busy = saveCommand.busy;
  const save = async () => {
    setError(null);
    await saveCommand.run(form);
  };
  return (
    <section className={styles.root} aria-label="User deletion" data-testid="users-deletion-settings">
      <span className={styles.title}>User deletion</span>
      <Checkbox
        label="Never Delete Users During Synchronization"
        checked={form.never}
        disabled={!props.writable || busy}
        data-testid="users-never-delete-synced"
        onChange={(_, d) => setForm((f) => ({ ...f, never: !!d.checked }))}
      />
      <Checkbox
        label="Allow Manual Deletion for Synchronized Users"
        checked={form.allow}
        disabled={!props.writable || busy}
        data-testid="users-allow-manual-delete"
        onChange={(_, d) => setForm((f) => ({ ...f, allow: !!d.checked }))}
      />
      {props.writable && (
        <Button
          size="small"
          appearance="primary"
          disabled={!dirty || busy}
          data-testid="users-deletion-save"
          onClick={() => void save()}
        >
          Save
        </Button>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
