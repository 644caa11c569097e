import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Copy16Regular, DocumentText16Regular } from '@fluentui/react-icons';
import {
  DEFAULT_HOTFIX_INSTALLER,
  hotfixCommandLine,
  hotfixProblems,
  type HotfixCommand,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { useCommand } from '../../ui/kit';
import { Page } from '../../ui/Page';

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1040px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  section: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
    minWidth: 0,
    margin: 0,
  },
});

/** System › Hotfix: MiCCEHotFixInstaller's command line, its exit codes and its log. */
export function HotfixPage() {
  const s = useStyles();
  const status = useAuthStatus().data;
  const hostAdmin = Boolean(status?.user?.hostAdmin) && canWrite(status?.user?.permissions, 'logs');
  const [c, setC] = useState<HotfixCommand>({ installer: DEFAULT_HOTFIX_INSTALLER, configFile: '', silent: true });
  const [copied, setCopied] = useState(false);
  const log = useQuery({
    queryKey: ['systemParameters', 'hotfixLog'],
    queryFn: () => unwrap(ccm.systemParameters.getHotfixLog({})),
  });
  const follow = useCommand(() => ccm.systemParameters.followHotfixLog({}), {
    invalidates: [['logs']],
  });
  const [followed, setFollowed] = useState<string | null>(null);
  const problems = hotfixProblems(c);
  const err = (field: string) => problems.find((p) => p.field === field)?.message;
  const set = (patch: Partial<HotfixCommand>) => {
    setCopied(false);
    setC({ ...c, ...patch });
  };
  const line = problems.length ? null : hotfixCommandLine(c);
  return (
    <Page
      title="Hotfix"
      subtitle={
        'Hotfixes are applied with MiCCEHotFixInstaller on every MiCC Enterprise server; ' +
        'the updater service installs them on the clients.'
      }
      help="hotfix"
    >
      <div className={s.col}>
        <Text className={s.hint}>
          A hotfix always contains a configuration file, *.config, and may contain other files for the update. Applied
          on the main server (where the Broker service is installed), the hotfix is also added to the repository the
          clients take it from. Services split onto several servers: apply it on each. The installer may stop MiCC
          Enterprise services while it works; it warns first.
        </Text>
        <h3 className={s.section}>Command line</h3>
        <Field
          label="Installer"
          hint="<InstallDir>\NextCC Setup\MiCCEHotFixInstaller.exe, or the one supplied with the hotfix"
          validationState={err('installer') ? 'error' : 'none'}
          validationMessage={err('installer')}
        >
          <Input
            value={c.installer}
            onChange={(_, d) => set({ installer: d.value })}
            data-testid="sp-hotfix-installer"
          />
        </Field>
        <Field
          label="Configuration Filename (/i:)"
          hint="The hotfix’s *.config file; empty: the installer asks for it (Browse …, then Apply)"
          validationState={err('configFile') ? 'error' : 'none'}
          validationMessage={err('configFile')}
        >
          <Input
            value={c.configFile}
            placeholder="C:\Hotfixes\HF-1234\HF-1234.config"
            onChange={(_, d) => set({ configFile: d.value })}
            data-testid="sp-hotfix-configFile"
          />
        </Field>
        <Checkbox
          label="/s: install silently and exit (an installed hotfix is reinstalled)"
          checked={c.silent}
          onChange={(_, d) => set({ silent: Boolean(d.checked) })}
          data-testid="sp-hotfix-silent"
        />
        <div className={s.row}>
          <pre className={s.command} data-testid="sp-hotfix-command" style={{ flex: 1 }}>
            {line ?? 'MiCCEHotFixInstaller [/i:<Configuration Filename>] [/s]'}
          </pre>
          <Button
            icon={<Copy16Regular />}
            disabled={!line}
            data-testid="sp-hotfix-copy"
            onClick={async () => {
              if (!line) return;
              await navigator.clipboard?.writeText(line).catch(() => {});
              setCopied(true);
            }}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <Table size="small" aria-label="Exit codes" style={{ maxWidth: '720px' }} data-testid="sp-hotfix-exitCodes">
          <TableBody>
            <TableRow>
              <TableCell style={{ width: '120px' }}>Exit code 0</TableCell>
              <TableCell>The hotfix was installed (with /s).</TableCell>
            </TableRow>
            <TableRow>
              <TableCell>Exit code 1</TableCell>
              <TableCell>An error occurred: see the log below. Run it again once the cause is fixed.</TableCell>
            </TableRow>
          </TableBody>
        </Table>
        <Text className={s.hint}>
          In a script: <code>start /wait</code> the command line, then check <code>%ERRORLEVEL%</code> (PowerShell:{' '}
          <code>$LASTEXITCODE</code>).
        </Text>

        <h3 className={s.section}>Log file</h3>
        <Text className={s.hint}>
          The installer writes{' '}
          {log.data?.manualPath ?? 'its log under %USERPROFILE%\\AppData\\Local\\Mitel\\MiCC Enterprise'}.
        </Text>
        {log.data && (
          <div className={s.row}>
            <pre className={s.command} data-testid="sp-hotfix-logPath" style={{ flex: 1 }}>
              {log.data.path}
            </pre>
            {hostAdmin && (
              <Button
                icon={<DocumentText16Regular />}
                disabled={follow.busy}
                data-testid="sp-hotfix-follow"
                onClick={async () => {
                  const r = await follow.run();
                  if (r) setFollowed(r.path);
                }}
              >
                Follow in Logs
              </Button>
            )}
          </div>
        )}
        {followed && (
          <MessageBar intent="success" data-testid="sp-hotfix-followed">
            <MessageBarBody>Logs follows {followed} as the source “MiCCEHotFixInstaller”.</MessageBarBody>
          </MessageBar>
        )}
        {follow.error && (
          <MessageBar intent="error" data-testid="sp-hotfix-followError">
            <MessageBarBody>{follow.error.message}</MessageBarBody>
          </MessageBar>
        )}

        <h3 className={s.section}>Updater service on the clients</h3>
        <Text className={s.hint}>
          Since release 9.2 every MiCC Enterprise client has an updater service. When enabled it checks the server for
          new installation packages, service packs and hotfixes once a day and downloads them; it also checks when a
          user starts a MiCC Enterprise application. Pending updates must be installed: refusing one ends the
          application. Whether it checks in the background and at application start is set with the MiCC Enterprise
          Registry Configuration utility. It does nothing on a computer that has any other MiCC Enterprise service
          installed (only client-only computers are updated).
        </Text>
      </div>
    </Page>
  );
}
