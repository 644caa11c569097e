import { useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { Add16Regular, Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import { ccm } from '../../api/client';
import { confirm, serverErrors, useCommand } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { genesysKeys, useRecords, useWrapupCodes } from './data';
import { useGenesysStyles } from './GenesysHome';
import { StatusBadge } from './RecordsPage';

/** The tenant's wrap-up codes (names only synchronize; a name is unique in the tenant). */
export function WrapupCodesPage({ writable }: { writable: boolean }) {
  const s = useGenesysStyles();
  const q = useWrapupCodes();
  const status = useRecords('wrapupCode');
  const [name, setName] = useState('');
  const add = useCommand((v: { name: string }) => ccm.genesys.saveWrapupCode({ id: null, expectedVersion: 0, ...v }), {
    invalidates: [genesysKeys.all],
  });
  const del = useCommand((v: { id: number; expectedVersion: number }) => ccm.genesys.deleteWrapupCode(v), {
    invalidates: [genesysKeys.all],
  });
  // Rename in place: the new name synchronizes (the Genesys Cloud wrap-up code is renamed, not replaced).
  const [renaming, setRenaming] = useState<{ id: number; version: number; name: string } | null>(null);
  const rename = useCommand(
    (v: { id: number; expectedVersion: number; name: string }) => ccm.genesys.saveWrapupCode(v),
    { invalidates: [genesysKeys.all] },
  );
  const renameErrs = serverErrors(rename.error, { fields: ['name'] });
  const saveRename = async () => {
    if (!renaming) return;
    if (await rename.run({ id: renaming.id, expectedVersion: renaming.version, name: renaming.name }))
      setRenaming(null);
  };
  const errs = serverErrors(add.error, { fields: ['name'] });
  const byId = new Map((status.data ?? []).map((r) => [r.objectId, r]));
  return (
    <section className={s.section} aria-label="Wrap-up Codes">
      <Text className={s.hint}>Only the names synchronize to Genesys Cloud wrap-up codes.</Text>
      {(errs.message ?? renameErrs.message ?? del.error?.message) && (
        <MessageBar intent="error">
          <MessageBarBody>{errs.message ?? renameErrs.message ?? del.error?.message}</MessageBarBody>
        </MessageBar>
      )}
      <form
        className={s.toolbar}
        onSubmit={async (e) => {
          e.preventDefault();
          if (await add.run({ name })) setName('');
        }}
      >
        <Field
          validationMessage={errs.fields.name}
          validationState={errs.fields.name ? 'error' : 'none'}
          style={{ minWidth: 320 }}
        >
          <Input
            value={name}
            placeholder="New wrap-up code"
            disabled={!writable}
            onChange={(_, d) => {
              setName(d.value);
              add.reset();
            }}
            data-testid="genesys-wrapup-name"
          />
        </Field>
        <Button
          type="submit"
          icon={<Add16Regular />}
          disabled={!writable || !name.trim() || add.busy}
          data-testid="genesys-wrapup-add"
        >
          Add
        </Button>
      </form>
      <QueryState isPending={q.isPending} error={q.error} what="the wrap-up codes" />
      {q.data && (
        <div className={s.tableWrap}>
          <Table size="small" aria-label="Wrap-up codes" data-testid="genesys-wrapups">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell style={{ width: 110 }}>Status</TableHeaderCell>
                <TableHeaderCell style={{ width: 270 }} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.data.map((w) => (
                <TableRow key={w.id} data-testid={`genesys-wrapup-${w.name}`}>
                  <TableCell>
                    {renaming?.id === w.id ? (
                      <Field
                        validationMessage={renameErrs.fields.name}
                        validationState={renameErrs.fields.name ? 'error' : 'none'}
                      >
                        <Input
                          size="small"
                          value={renaming.name}
                          aria-label={`New name of ${w.name}`}
                          autoFocus
                          onChange={(_, d) => {
                            setRenaming({ ...renaming, name: d.value });
                            rename.reset();
                          }}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') void saveRename();
                            if (e.key === 'Escape') setRenaming(null);
                          }}
                          data-testid="genesys-wrapup-rename-name"
                        />
                      </Field>
                    ) : (
                      w.name
                    )}
                  </TableCell>
                  <TableCell>
                    {byId.get(w.id) ? (
                      <span title={byId.get(w.id)!.message ?? undefined}>
                        <StatusBadge status={byId.get(w.id)!.status} />
                      </span>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {renaming?.id === w.id ? (
                      <>
                        <Button
                          size="small"
                          appearance="primary"
                          disabled={!renaming.name.trim() || rename.busy}
                          onClick={() => void saveRename()}
                          data-testid="genesys-wrapup-rename-save"
                        >
                          Save
                        </Button>{' '}
                        <Button size="small" onClick={() => setRenaming(null)}>
                          Cancel
                        </Button>
                      </>
                    ) : (
                      <Button
                        size="small"
                        icon={<Edit16Regular />}
                        disabled={!writable}
                        onClick={() => {
                          rename.reset();
                          setRenaming({ id: w.id, version: w.version, name: w.name });
                        }}
                        data-testid={`genesys-wrapup-rename-${w.name}`}
                      >
                        Rename
                      </Button>
                    )}{' '}
                    <Button
                      size="small"
                      icon={<Delete16Regular />}
                      disabled={!writable || del.busy}
                      onClick={async () => {
                        const ok = await confirm({
                          title: 'Delete wrap-up code',
                          body: `Delete the wrap-up code ${w.name}? It is deleted in Genesys Cloud too.`,
                          danger: true,
                          confirmLabel: 'Delete',
                        });
                        if (ok) await del.run({ id: w.id, expectedVersion: w.version });
                      }}
                    >
                      Delete
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
