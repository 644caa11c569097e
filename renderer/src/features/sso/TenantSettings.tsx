import { useState } from 'react';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Select,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { Edit16Regular } from '@fluentui/react-icons';
import type { TenantSsoRow } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useCommand } from '../../ui/kit';
import { ssoKeys, useIdentityProviders, useTenantSettings } from './data';
import { ErrorBar, ssoFormErrors, useSsoStyles } from './ui';

const onOff = (on: boolean) =>
  on ? (
    <Badge color="success">Enabled</Badge>
  ) : (
    <Badge appearance="outline" color="informative">
      Disabled
    </Badge>
  );

/** SAML 2.0 › Tenant (seed 000, step 7). Single-tenant systems: one system-wide setting. */
export function TenantSettings({ writable }: { writable: boolean }) {
  const s = useSsoStyles();
  const q = useTenantSettings();
  const [editing, setEditing] = useState<TenantSsoRow | null>(null);
  return (
    <section className={s.section} aria-label="Tenant">
      <span className={s.hint}>
        {q.data?.singleTenant
          ? 'Single tenancy: SSO via SAML2 is a system-wide setting.'
          : 'Multitenancy: SSO via SAML2 is enabled per tenant; tenants without it use the logon methods ' +
            'configured in Manager Desktop.'}
      </span>
      <QueryState isPending={q.isPending} error={q.error} what="the tenants" />
      {q.data && (
        <Table size="small" aria-label="Tenant single sign-on" data-testid="sso-tenant-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Single Sign On</TableHeaderCell>
              <TableHeaderCell>Identity Provider</TableHeaderCell>
              <TableHeaderCell>Single Logout Service</TableHeaderCell>
              <TableHeaderCell style={{ width: 80 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.rows.map((r) => (
              <TableRow key={r.tenantId} data-testid={`sso-tenant-${r.tenantId}`}>
                <TableCell>{q.data.singleTenant ? `${r.tenantName} (system-wide)` : r.tenantName}</TableCell>
                <TableCell>{onOff(r.ssoEnabled)}</TableCell>
                <TableCell>{r.idpEntityId ?? '—'}</TableCell>
                <TableCell>{onOff(r.singleLogout)}</TableCell>
                <TableCell>
                  {writable && (
                    <Button
                      size="small"
                      icon={<Edit16Regular />}
                      data-testid={`sso-tenant-edit-${r.tenantId}`}
                      onClick={() => setEditing(r)}
                    >
                      Edit
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && <ConfigureTenant row={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function ConfigureTenant({ row, onClose }: { row: TenantSsoRow; onClose: () => void }) {
  const s = useSsoStyles();
  const saveCmd = useCommand((v: Parameters<typeof ccm.sso.saveTenantSettings>[0]) => ccm.sso.saveTenantSettings(v), {
    invalidates: [ssoKeys.all],
  });
  const errs = ssoFormErrors(saveCmd.error, ['idpId', 'singleLogout'], saveCmd.reset);
  const idps = useIdentityProviders();
  const [sso, setSso] = useState(row.ssoEnabled);
  const [idpId, setIdpId] = useState(row.idpId === null ? '' : String(row.idpId));
  const [slo, setSlo] = useState(row.singleLogout);
  const save = async () => {
    const ok = await saveCmd.run({
      tenantId: row.tenantId,
      expectedVersion: row.version,
      ssoEnabled: sso,
      idpId: idpId ? Number(idpId) : null,
      singleLogout: slo,
    });
    if (ok) onClose();
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Configure Tenant — {row.tenantName}</DialogTitle>
          <DialogContent className={s.form}>
            <ErrorBar error={errs.general} />
            <Switch
              label="Single Sign On"
              checked={sso}
              onChange={(_, d) => setSso(d.checked)}
              data-testid="sso-tenant-sso"
            />
            <Field label="Identity Provider" required={sso} {...errs.field('idpId')}>
              <Select
                value={idpId}
                onChange={(_, d) => (setIdpId(d.value), errs.clear('idpId'), errs.clear('singleLogout'))}
                data-testid="sso-tenant-idp"
              >
                <option value="">{idps.data?.length ? 'Choose…' : 'No Identity Provider configured'}</option>
                {idps.data?.map((i) => (
                  <option key={i.id} value={String(i.id)}>
                    {i.entityId}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              hint={
                'Logging out of Agent Portal Web also logs out of the Identity Provider (and every application ' +
                'using it).'
              }
              {...errs.field('singleLogout')}
            >
              <Switch
                label="Single Logout"
                checked={slo}
                onChange={(_, d) => setSlo(d.checked)}
                data-testid="sso-tenant-slo"
              />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={saveCmd.busy}
              onClick={() => void save()}
              data-testid="sso-tenant-save"
            >
              Save
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
