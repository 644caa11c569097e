import type { ReactNode } from 'react';
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { Save20Regular } from '@fluentui/react-icons';
import type { CcmErrorShape } from '../../../../electron/contract';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import type { HelpId } from '../../ui/kit/help';
import { Page } from '../../ui/Page';
import { useDateFormat } from '../../ui/useDateFormat';

export const usePageStyles = makeStyles({
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1040px' },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalXXL,
  },
  section: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
});

interface EditorLike {
  dirty: boolean;
  invalid: boolean;
  busy: boolean;
  conflict: { error: CcmErrorShape } | null;
  failure: CcmErrorShape | null;
  base: { version: number; updatedBy: string | null; updatedAt: string | null } | null;
  save(): Promise<boolean>;
  reload(): Promise<void>;
  overwrite(): Promise<boolean>;
}

/** The frame every System parameters page shares: Save, read-only note, conflict, refusal, who saved last. */
export function ParamPage(props: {
  testId: string;
  title: string;
  subtitle: string;
  writable: boolean;
  /** Why it is read-only (default: the user type grants System read only). */
  readOnlyWhy?: string;
  editor: EditorLike;
  children: ReactNode;
  actions?: ReactNode;
  /** No Save button (the page's state offers another action, e.g. Forget). */
  saveHidden?: boolean;
  /** The manual's section for this page, opened by the page's Help button. */
  help?: HelpId;
}) {
  const s = usePageStyles();
  const formatDate = useDateFormat();
  const { editor: e, writable, testId } = props;
  return (
    <Page
      title={props.title}
      subtitle={props.subtitle}
      help={props.help}
      actions={
        <>
          {props.actions}
          {writable && !props.saveHidden && (
            <Button
              appearance="primary"
              icon={<Save20Regular />}
              disabled={!e.dirty || e.invalid || e.busy}
              title="Save (Ctrl+S)"
              data-testid={`${testId}-save`}
              onClick={() => void e.save()}
            >
              Save
            </Button>
          )}
        </>
      }
    >
      <div className={s.bars}>
        {!writable && (
          <MessageBar intent="info" data-testid={`${testId}-readonly`}>
            <MessageBarBody>
              {props.readOnlyWhy ?? 'Read only: your user type grants read access to System, not read-write.'}
            </MessageBarBody>
          </MessageBar>
        )}
        {e.conflict && (
          <ConflictBar
            testId={testId}
            error={e.conflict.error}
            busy={e.busy}
            onReload={() => void e.reload()}
            onOverwrite={() => void e.overwrite()}
          />
        )}
        {e.failure && (
          <MessageBar intent="error" layout="multiline" data-testid={`${testId}-failure`}>
            <MessageBarBody>{e.failure.message}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {props.children}
      {e.base && e.base.version > 0 && e.base.updatedBy && (
        <Text className={s.meta} block data-testid={`${testId}-meta`}>
          Version {e.base.version}, saved by {e.base.updatedBy}
          {e.base.updatedAt ? ` on ${formatDate(e.base.updatedAt)}` : ''}.
        </Text>
      )}
    </Page>
  );
}
