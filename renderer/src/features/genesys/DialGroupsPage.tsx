import { useState, type KeyboardEvent } from 'react';
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import {
  Add16Regular,
  ArrowLeft16Regular,
  ArrowRight16Regular,
  Delete16Regular,
  Rename16Regular,
  Save16Regular,
} from '@fluentui/react-icons';
import { ccm } from '../../api/client';
import { confirm, HelpLink, serverErrors, useCommand } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { genesysKeys, useDialGroups } from './data';
import { addDialGroups, removeDialGroups, type GenesysEditor } from './genesysForm';
import { useGenesysStyles } from './GenesysHome';

const useStyles = makeStyles({
  lists: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto minmax(0, 1fr)',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    maxWidth: '760px',
  },
  list: {
    width: '100%',
    height: '220px',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  buttons: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const chosen = (el: HTMLSelectElement) => Array.from(el.selectedOptions).map((o) => o.value);

/**
 * Genesys Cloud Dial Groups: the dial groups the Web-based phone integration places its calls to the
 * Genesys Cloud Edges with. Available Dial Groups are the tenant's (kept here: add, rename, delete);
 * Add / Remove move them to and from Currently Selected Dial Groups, saved with Apply (versioned).
 */
export function DialGroupsPage({ ed, writable }: { ed: GenesysEditor; writable: boolean }) {
  const s = useGenesysStyles();
  const st = useStyles();
  const q = useDialGroups();
  const [availPick, setAvailPick] = useState<string[]>([]);
  const [selPick, setSelPick] = useState<string[]>([]);
  const [name, setName] = useState('');
  const saveGroup = useCommand(
    (v: { id: number | null; expectedVersion: number; name: string }) => ccm.genesys.saveDialGroup(v),
    { invalidates: [genesysKeys.all] },
  );
  const del = useCommand((v: { id: number; expectedVersion: number }) => ccm.genesys.deleteDialGroup(v), {
    invalidates: [genesysKeys.all],
  });
  const form = ed.form;
  if (!form) return null;

  const selection = form.dialGroups;
  const selectedLower = new Set(selection.map((n) => n.toLowerCase()));
  const groups = q.data ?? [];
  const available = groups.filter((g) => !selectedLower.has(g.name.toLowerCase()));
  const add = (names: string[]) => {
    if (!writable || names.length === 0) return;
    ed.set('dialGroups', addDialGroups(selection, names));
    setAvailPick([]);
  };
  const remove = (names: string[]) => {
    if (!writable || names.length === 0) return;
    ed.set('dialGroups', removeDialGroups(selection, names));
    setSelPick([]);
  };
  // The one group the Rename / Delete buttons act on: the only one chosen in either list.
  const picked = [...availPick, ...selPick];
  const target = picked.length === 1 ? groups.find((g) => g.name === picked[0]) : undefined;
  const groupErr = serverErrors(saveGroup.error, { fields: ['name'] });
  const selectionErr =
    Object.entries(ed.errors).find(([k]) => k.startsWith('dialGroups'))?.[1] ??
    (ed.failure?.field?.startsWith('config.dialGroups') ? ed.failure.message : undefined);
  const onAvailKey = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add(chosen(e.currentTarget));
    }
  };
  const onSelKey = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      remove(chosen(e.currentTarget));
    }
  };

  return (
    <section className={s.section} aria-label="Genesys Cloud Dial Groups">
      <Text className={s.hint}>
        Select the dial groups for the Web-based phone integration: calls to the Genesys Cloud Edges are placed using
        these dial groups. Choose one or more (Ctrl or Shift for several), then Add (or Enter) and Remove (or Delete);
        Apply saves the selection. <HelpLink id="genesys-dial-groups" />
      </Text>
      {selectionErr && (
        <MessageBar intent="error" data-testid="genesys-dialGroups-error">
          <MessageBarBody>{selectionErr}</MessageBarBody>
        </MessageBar>
      )}
      {(groupErr.message ?? del.error?.message) && (
        <MessageBar intent="error" data-testid="genesys-dialGroup-error">
          <MessageBarBody>{groupErr.message ?? del.error?.message}</MessageBarBody>
        </MessageBar>
      )}
      <QueryState isPending={q.isPending} error={q.error} what="the dial groups" />
      <div className={st.lists}>
        <Field label="Available Dial Groups">
          <select
            multiple
            className={st.list}
            aria-label="Available Dial Groups"
            value={availPick}
            onChange={(e) => {
              setAvailPick(chosen(e.currentTarget));
              setSelPick([]);
            }}
            onKeyDown={onAvailKey}
            onDoubleClick={(e) => add(chosen(e.currentTarget))}
            data-testid="genesys-dialGroups-available"
          >
            {available.map((g) => (
              <option key={g.id} value={g.name}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <div className={st.buttons}>
          <Button
            icon={<ArrowRight16Regular />}
            iconPosition="after"
            disabled={!writable || availPick.length === 0}
            onClick={() => add(availPick)}
            data-testid="genesys-dialGroups-add"
          >
            Add
          </Button>
          <Button
            icon={<ArrowLeft16Regular />}
            disabled={!writable || selPick.length === 0}
            onClick={() => remove(selPick)}
            data-testid="genesys-dialGroups-remove"
          >
            Remove
          </Button>
        </div>
        <Field label="Currently Selected Dial Groups">
          <select
            multiple
            className={st.list}
            aria-label="Currently Selected Dial Groups"
            value={selPick}
            onChange={(e) => {
              setSelPick(chosen(e.currentTarget));
              setAvailPick([]);
            }}
            onKeyDown={onSelKey}
            onDoubleClick={(e) => remove(chosen(e.currentTarget))}
            data-testid="genesys-dialGroups-selected"
          >
            {selection.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className={s.toolbar}>
        <Button
          appearance="primary"
          icon={<Save16Regular />}
          disabled={!writable || !ed.dirty || ed.busy}
          onClick={() => void ed.save()}
          data-testid="genesys-dialGroups-save"
        >
          Apply
        </Button>
      </div>
      <Text weight="semibold">Dial groups of this tenant</Text>
      <Text className={s.hint}>
        A dial group in Currently Selected Dial Groups cannot be deleted: remove it from the selection and Apply first.
        Renaming a selected dial group renames it in the selection too.
      </Text>
      <form
        className={s.toolbar}
        onSubmit={async (e) => {
          e.preventDefault();
          if (await saveGroup.run({ id: null, expectedVersion: 0, name })) setName('');
        }}
      >
        <Field
          validationMessage={groupErr.fields.name}
          validationState={groupErr.fields.name ? 'error' : 'none'}
          style={{ minWidth: 280 }}
        >
          <Input
            value={name}
            placeholder="Dial group name"
            aria-label="Dial group name"
            disabled={!writable}
            onChange={(_, d) => {
              setName(d.value);
              saveGroup.reset();
            }}
            data-testid="genesys-dialGroup-name"
          />
        </Field>
        <Button
          type="submit"
          icon={<Add16Regular />}
          disabled={!writable || !name.trim() || saveGroup.busy}
          data-testid="genesys-dialGroup-new"
        >
          New dial group
        </Button>
        <Button
          icon={<Rename16Regular />}
          disabled={!writable || !target || !name.trim() || saveGroup.busy}
          title="Rename the chosen dial group to the name typed"
          onClick={async () => {
            if (!target) return;
            if (await saveGroup.run({ id: target.id, expectedVersion: target.version, name })) {
              setName('');
              setAvailPick([]);
              setSelPick([]);
            }
          }}
          data-testid="genesys-dialGroup-rename"
        >
          Rename
        </Button>
        <Button
          icon={<Delete16Regular />}
          disabled={!writable || !target || del.busy}
          onClick={async () => {
            if (!target) return;
            const ok = await confirm({
              title: 'Delete dial group',
              body: `Delete the dial group ${target.name}?`,
              danger: true,
              confirmLabel: 'Delete',
              testId: 'genesys-dialGroup-confirm',
            });
            if (ok && (await del.run({ id: target.id, expectedVersion: target.version }))) {
              setAvailPick([]);
              setSelPick([]);
            }
          }}
          data-testid="genesys-dialGroup-delete"
        >
          Delete
        </Button>
      </form>
    </section>
  );
}
