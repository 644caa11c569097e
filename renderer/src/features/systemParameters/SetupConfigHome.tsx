import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Add16Regular, ArrowUpload16Regular, Open16Regular } from '@fluentui/react-icons';
import { customerIdProblem, setupUrls } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { HelpLink, useCommand, useDbTables } from '../../ui/kit';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { fileToBase64, SETUP_MAX_BYTES, setupKeys, setupTables } from './SetupConfigData';
import { openSetupConfig } from './SetupConfigTabs';

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1100px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  section: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** System › Web installation: the tenant's customer folders of the web deployment repository. */
export function SetupConfigHome() {
  const s = useStyles();
  const formatDate = useDateFormat();
  useDbTables(setupTables);
  const status = useAuthStatus().data;
  const tenantId = status?.tenant?.id ?? null;
  const writable = canWrite(status?.user?.permissions, 'system');
  const list = useQuery({
    queryKey: setupKeys.list(tenantId),
    queryFn: () => unwrap(ccm.systemParameters.listSetupConfigs({})),
  });
  const [customerId, setCustomerId] = useState('');
  const [touched, setTouched] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const create = useCommand(
    (v: { customerId: string; contentBase64?: string }) => ccm.systemParameters.createSetupConfig(v),
    { invalidates: [setupKeys.all] },
  );
  const problem = touched ? customerIdProblem(customerId) : null;
  const urls = setupUrls(customerId || 'CustomerID');
  const made = (doc: { id: number; customerId: string } | undefined) => {
    if (!doc) return;
    setCustomerId('');
    setTouched(false);
    openSetupConfig(doc.id, doc.customerId);
  };
  const serverProblem = create.error?.field === 'customerId' ? create.error.message : null;
  return (
    <Page
      title="Web installation"
      subtitle={
        'Customer folders of the web deployment repository: each has a Setup.config that lists what the client ' +
        'downloads and runs.'
      }
      help="web-installation"
    >
      <div className={s.col}>
        <Text className={s.hint}>
          The repository is &lt;InstallDir&gt;\WebDeployment on the MiCC Enterprise server; a subfolder per customer
          (CustomerID, not case sensitive) decides the download page’s URL. A tenant can have several customer folders.
          The default tenant’s folder is Default, and its download page is also reached without a CustomerID.
        </Text>
        {writable && (
          <div className={s.row}>
            <Field
              label="CustomerID"
              hint={`Download page: ${urls.install}`}
              validationState={problem || serverProblem ? 'error' : 'none'}
              validationMessage={problem ?? serverProblem ?? undefined}
              style={{ minWidth: '420px' }}
            >
              <Input
                value={customerId}
                onChange={(_, d) => {
                  setCustomerId(d.value);
                  setTouched(true);
                  create.reset();
                }}
                data-testid="sp-setup-newId"
              />
            </Field>
            <Button
              icon={<Add16Regular />}
              disabled={create.busy || !!customerIdProblem(customerId)}
              data-testid="sp-setup-create"
              onClick={async () => made(await create.run({ customerId: customerId.trim() }))}
            >
              New folder
            </Button>
            <Button
              icon={<ArrowUpload16Regular />}
              disabled={create.busy || !!customerIdProblem(customerId)}
              title="Create the folder from a Setup.config file"
              data-testid="sp-setup-importNew"
              onClick={() => fileInput.current?.click()}
            >
              New from file…
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept=".config,.xml"
              hidden
              data-testid="sp-setup-importNew-file"
              onChange={async (ev) => {
                const file = ev.target.files?.[0];
                ev.target.value = '';
                if (!file || file.size > SETUP_MAX_BYTES) return;
                made(await create.run({ customerId: customerId.trim(), contentBase64: await fileToBase64(file) }));
              }}
            />
          </div>
        )}
        {create.error && create.error.field !== 'customerId' && (
          <MessageBar intent="error" data-testid="sp-setup-createError">
            <MessageBarBody>{create.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {!list.data ? (
          <QueryState isPending={list.isPending} error={list.error} what="the customer folders" />
        ) : list.data.length === 0 ? (
          <Text data-testid="sp-setup-empty">No customer folder yet.</Text>
        ) : (
          <Table size="small" data-testid="sp-setup-list" aria-label="Customer folders">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>CustomerID</TableHeaderCell>
                <TableHeaderCell>Customer name</TableHeaderCell>
                <TableHeaderCell style={{ width: '90px' }}>Tenant ID</TableHeaderCell>
                <TableHeaderCell>Download page</TableHeaderCell>
                <TableHeaderCell>Saved</TableHeaderCell>
                <TableHeaderCell style={{ width: '90px' }} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((f) => (
                <TableRow key={f.id} data-testid={`sp-setup-row-${f.customerId}`}>
                  <TableCell>{f.customerId}</TableCell>
                  <TableCell>{f.customerName || <span className={s.hint}>{f.customerId} (none set)</span>}</TableCell>
                  <TableCell>{f.tenantID}</TableCell>
                  <TableCell className={s.mono}>/MiCCEInstallation/install/{f.customerId}</TableCell>
                  <TableCell>
                    {f.updatedBy} {f.updatedAt ? formatDate(f.updatedAt) : ''}
                  </TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      icon={<Open16Regular />}
                      data-testid={`sp-setup-open-${f.customerId}`}
                      onClick={() => openSetupConfig(f.id, f.customerId)}
                    >
                      Open
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <h3 className={s.section}>ClientSetup.ini</h3>
        <Text className={s.hint}>
          The client installer reads ClientSetup.ini (the user account that runs the installation and the default
          features). It is generated on the Client Setup INI File Generation page, {setupUrls('CustomerID').clientSetup}
          . A customer that keeps the account to itself generates and hosts the file (for example
          \\ACMESERVER\SharedFiles\ClientSetup.ini); a file the host administrator generates is copied into the customer
          folder. Either way, add a &lt;file&gt; entry for it in Setup.config, after the existing ones.
        </Text>
        <h3 className={s.section}>Custom customer views</h3>
        <Text className={s.hint}>
          The download page can be customized per customer: copy
          &lt;InstallDir&gt;\Services\Web\WebDeploy\Views\Customers\Index.cshtml into the customer folder and change it
          there (Microsoft MVC/Razor). Without it, the default page shows the customer’s name. See{' '}
          <HelpLink id="web-installation" />.
        </Text>
      </div>
    </Page>
  );
}
