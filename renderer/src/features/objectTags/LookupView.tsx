import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Field,
  makeStyles,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { OBJECT_TAG_TYPE_LABEL, TAGGABLE_OBJECT_LABEL, TaggableObjectType } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import type { Tab } from '../../shell/tabs/store';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { ObjectPicker } from './ObjectPicker';
import { ObjectTagValuesPanel } from './ObjectTagValuesPanel';
import { otKeys, useObjectTagsLive, useOtContext } from './data';

const useStyles = makeStyles({
  pick: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
  sql: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
  },
});

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Read-only Lookup: pick an object and see its tags and values exactly as a Script Manager
 * script reading object_tag and object_tag_mapping would — the stored codes and the raw
 * object_tag_value, with what the value names beside it.
 */
export function LookupView({ tab }: { tab: Tab }) {
  void tab;
  const styles = useStyles();
  useObjectTagsLive();
  const { tenantId } = useOtContext();
  const [objectType, setObjectType] = useState<TaggableObjectType>('serviceGroup');
  const [objectId, setObjectId] = useState<number | null>(null);
  const look = useQuery({
    queryKey: otKeys.lookup(tenantId, objectType, objectId ?? 0),
    queryFn: () => unwrap(ccm.objectTags.lookup({ objectType, objectId: objectId! })),
    enabled: objectId !== null,
  });
  const data = look.data;

  return (
    <Page
      wide
      title="Object tag lookup"
      help="object-tags"
      subtitle={
        'What a Script Manager script reading object_tag and object_tag_mapping finds for one object (read-only).'
      }
    >
      <div className={styles.pick}>
        <Field label="Object type">
          <Select
            value={objectType}
            data-testid="ot-lookup-type"
            onChange={(_, d) => {
              setObjectType(TaggableObjectType.parse(d.value));
              setObjectId(null);
            }}
          >
            {TaggableObjectType.options.map((t) => (
              <option key={t} value={t}>
                {TAGGABLE_OBJECT_LABEL[t].title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={TAGGABLE_OBJECT_LABEL[objectType].title}>
          <ObjectPicker
            key={objectType}
            objectType={objectType}
            value={objectId}
            onChange={(id) => setObjectId(id)}
            testId="ot-lookup-object"
            aria-label="Object"
          />
        </Field>
      </div>
      {objectId === null ? (
        <Text className={styles.muted}>Choose an object to see its tags.</Text>
      ) : !data ? (
        <QueryState isPending={look.isPending} error={look.error} what="the object's tags" />
      ) : (
        <>
          <pre className={styles.sql} data-testid="ot-lookup-sql">
            {`select t.id, t.name, t.type, m.object_type, m.object_id, m.object_tag_value\n` +
              `  from object_tag_mapping m join object_tag t on t.id = m.object_tag_id\n` +
              ` where t.tenant_id = ${tenantId} and m.object_type = ${data.objectTypeCode}` +
              ` /* ${hex(data.objectTypeCode)} */ and m.object_id = ${data.object.id}`}
          </pre>
          {data.rows.length === 0 ? (
            <Text
              className={styles.muted}
              data-testid="ot-lookup-empty"
            >{`${data.object.name} has no object tags: the query returns no rows.`}</Text>
          ) : (
            <Table size="small" aria-label="Object tags of the object" data-testid="ot-lookup-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: '90px' }}>object_tag.id</TableHeaderCell>
                  <TableHeaderCell>name</TableHeaderCell>
                  <TableHeaderCell>type</TableHeaderCell>
                  <TableHeaderCell>object_type</TableHeaderCell>
                  <TableHeaderCell style={{ width: '90px' }}>object_id</TableHeaderCell>
                  <TableHeaderCell>object_tag_value</TableHeaderCell>
                  <TableHeaderCell>Meaning</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((r) => (
                  <TableRow key={r.objectTagId} data-testid={`ot-lookup-row-${r.objectTagId}`}>
                    <TableCell className={styles.mono}>{r.objectTagId}</TableCell>
                    <TableCell>{r.name}</TableCell>
                    <TableCell>
                      <span className={styles.mono}>{r.typeCode}</span>{' '}
                      <span className={styles.muted}>{OBJECT_TAG_TYPE_LABEL[r.type]}</span>
                    </TableCell>
                    <TableCell className={styles.mono}>{`${r.objectTypeCode} (${hex(r.objectTypeCode)})`}</TableCell>
                    <TableCell className={styles.mono}>{r.objectId}</TableCell>
                    <TableCell className={styles.mono}>{r.objectTagValue}</TableCell>
                    <TableCell>
                      {r.type === 'number' || r.type === 'text' ? (
                        <span className={styles.muted}>the value itself</span>
                      ) : (
                        (r.valueLabel ?? <span className={styles.muted}>no such object any more</span>)
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Text weight="semibold">
            {`Every tag enabled for ${TAGGABLE_OBJECT_LABEL[objectType].many}, as the ` +
              `object's Object Tag page shows them`}
          </Text>
          <ObjectTagValuesPanel objectType={objectType} objectId={data.object.id} readOnly />
        </>
      )}
    </Page>
  );
}
