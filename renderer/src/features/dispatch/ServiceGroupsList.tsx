import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { MEDIA_LABELS } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { dispatchKeys } from './data';
import { openNewServiceGroupTab, openServiceGroupTab } from './openServiceGroupTab';
import { useFormStyles } from './Section';

export function ServiceGroupsList(props: { writable: boolean }) {
  const s = useFormStyles();
  const q = useQuery({ queryKey: dispatchKeys.groups, queryFn: () => unwrap(ccm.dispatch.listServiceGroups({})) });
  return (
    <>
      <div className={s.toolbar}>
        <Text className={s.grow}>
          {q.data ? `${q.data.length} service group${q.data.length === 1 ? '' : 's'}` : ''}
        </Text>
        {props.writable && (
          <Button icon={<Add20Regular />} data-testid="sg-new" onClick={openNewServiceGroupTab}>
            New service group
          </Button>
        )}
      </div>
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} what="the service groups" />
      ) : q.data.length === 0 ? (
        <Text className={s.muted}>No service groups yet.</Text>
      ) : (
        <div className={s.tableWrap}>
          <Table size="small" aria-label="Service groups" data-testid="sg-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Media</TableHeaderCell>
                <TableHeaderCell>Routing</TableHeaderCell>
                <TableHeaderCell>Personal Calls</TableHeaderCell>
                <TableHeaderCell>Display in Dispatch</TableHeaderCell>
                <TableHeaderCell>Skills</TableHeaderCell>
                <TableHeaderCell>Service accesses</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.data.map((g) => (
                <TableRow key={g.id} data-testid={`sg-row-${g.name}`}>
                  <TableCell>
                    <Link onClick={() => openServiceGroupTab(g.id, g.name)}>{g.name}</Link>
                  </TableCell>
                  <TableCell>{MEDIA_LABELS[g.mediaType]}</TableCell>
                  <TableCell>{g.routing === 'manual' ? 'Manual Routing' : 'Automatic'}</TableCell>
                  <TableCell>
                    {g.personalCalls ? (
                      <Badge appearance="tint" color="brand">
                        Personal Calls
                      </Badge>
                    ) : (
                      ''
                    )}
                  </TableCell>
                  <TableCell>{g.displayInDispatch ? 'Yes' : ''}</TableCell>
                  <TableCell>{g.skills.join(', ') || <span className={s.muted}>none</span>}</TableCell>
                  <TableCell>{g.accessCount}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
