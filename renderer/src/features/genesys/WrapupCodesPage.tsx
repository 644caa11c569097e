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
import { Add16Regular, Delete16Regular } from '@fluentui/react-icons';
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
  const errs = serverErrors(add.error, { fields: ['name'] });
  const byId = new Map((status.data ?? []).map((r) => [r.objectId, r]));
  return (
    <section className={s.section} aria-label="Wrap-up Codes">
      <Text className={s.hint}>Only the names synchronize to Genesys Cloud wrap-up codes.</Text>
      {(errs.message ?? del.error?.message) && (
        <MessageBar intent="error">
          <MessageBarBody>{errs.message ?? del.error?.message}</MessageBarBody>
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
                <TableHeaderCell style={{ width: 100 }} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.data.map((w) => (
                <TableRow key={w.id}>
                  <TableCell>{w.name}</TableCell>
                  <TableCell>{byId.get(w.id) ? <StatusBadge status={byId.get(w.id)!.status} /> : '—'}</TableCell>
                  <TableCell>
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
