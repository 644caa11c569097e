import {
  Badge,
  Button,
  Checkbox,
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
import { ArrowSync16Regular, Save16Regular } from '@fluentui/react-icons';
import { ccm } from '../../api/client';
import { useCommand } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { genesysKeys, useRecords, useSkills } from './data';
import type { GenesysEditor } from './genesysForm';
import { useGenesysStyles } from './GenesysHome';
import { StatusBadge } from './RecordsPage';

/** Synchronization Options: what synchronizes, Force Complete Sync; skills with Treat as a Language. */
export function SyncOptionsPage({ ed, writable }: { ed: GenesysEditor; writable: boolean }) {
  const s = useGenesysStyles();
  const fmt = useDateFormat();
  const force = useCommand(() => ccm.genesys.forceSync({}), {
    invalidates: [genesysKeys.all],
    notice: 'A complete synchronization has started.',
  });
  const lang = useCommand((v: { skillId: number; treatAsLanguage: boolean }) => ccm.genesys.setSkillLanguage(v), {
    invalidates: [genesysKeys.skills],
  });
  const skills = useSkills();
  const status = useRecords('skill');
  const form = ed.form;
  if (!form) return null;
  const byId = new Map((status.data ?? []).map((r) => [r.objectId, r]));
  return (
    <section className={s.section} aria-label="Synchronization Options">
      {(force.error ?? lang.error) && (
        <MessageBar intent="error">
          <MessageBarBody>{(force.error ?? lang.error)!.message}</MessageBarBody>
        </MessageBar>
      )}
      {force.notice && (
        <MessageBar intent="success">
          <MessageBarBody>{force.notice}</MessageBarBody>
        </MessageBar>
      )}
      <Checkbox
        label="Sync User Objects"
        checked={form.syncUsers}
        disabled={!writable}
        onChange={(_, d) => ed.set('syncUsers', d.checked === true)}
        data-testid="genesys-syncUsers"
      />
      <Checkbox
        label="Sync Advanced Platform Objects (workgroups, wrap-up codes and skills, one way)"
        checked={form.syncAdvanced}
        disabled={!writable}
        onChange={(_, d) => ed.set('syncAdvanced', d.checked === true)}
        data-testid="genesys-syncAdvanced"
      />
      <div className={s.toolbar}>
        <Button
          appearance="primary"
          icon={<Save16Regular />}
          disabled={!writable || !ed.dirty || ed.busy}
          onClick={() => void ed.save()}
          data-testid="genesys-sync-save"
        >
          Apply
        </Button>
        <Button
          icon={<ArrowSync16Regular />}
          disabled={!writable || !ed.base?.config.enabled || !ed.base.provisioned || force.busy}
          onClick={() => void force.run(undefined)}
          data-testid="genesys-force"
        >
          Force Complete Sync
        </Button>
      </div>
      <Text weight="semibold">Skills</Text>
      <Text className={s.hint}>
        Proficiency 1–100 becomes a rating of 1–5 stars: 1–20 ★, 21–40 ★★, 41–60 ★★★, 61–80 ★★★★, 81–100 ★★★★★. A skill
        treated as a language becomes a Genesys Cloud language instead of an ACD skill.
      </Text>
      <QueryState isPending={skills.isPending} error={skills.error} what="the skills" />
      {skills.data && (
        <div className={s.tableWrap}>
          <Table size="small" aria-label="Skills" data-testid="genesys-skills">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Skill</TableHeaderCell>
                <TableHeaderCell>Treat as a Language</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Last Synchronized</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {skills.data.map((k) => {
                const r = byId.get(k.id);
                return (
                  <TableRow key={k.id}>
                    <TableCell>{k.name}</TableCell>
                    <TableCell>
                      <Checkbox
                        aria-label={`Treat ${k.name} as a language`}
                        checked={k.treatAsLanguage}
                        disabled={!writable || lang.busy}
                        onChange={(_, d) => void lang.run({ skillId: k.id, treatAsLanguage: d.checked === true })}
                      />
                    </TableCell>
                    <TableCell>
                      {r ? <StatusBadge status={r.status} /> : <Badge appearance="outline">—</Badge>}
                    </TableCell>
                    <TableCell>{r?.lastSynchronized ? fmt(r.lastSynchronized) : '—'}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
