import type { ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { CcmErrorShape } from '../../../../electron/contract';
import { useDateFormat } from '../useDateFormat';
import { staleSaveText } from './serverErrors';

/** What the bar offers after the facts, by whether the editor can merge. */
const conflictNext = (canMerge: boolean) =>
  canMerge
    ? 'Reload to see the saved values, overwrite them with yours, or merge the two.'
    : 'Reload to see the saved values, or overwrite them with yours.';

/**
 * A stale save in a versioned editor (useVersionedEditor): who saved which version, and
 * Reload / Overwrite, plus Merge when the editor offers one. Test ids: `<testId>-conflict`,
 * `-reload`, `-overwrite`, `-merge`.
 */
export function ConflictBar(props: {
  testId: string;
  error: CcmErrorShape;
  /** Default "Changed by someone else". */
  title?: string;
  busy: boolean;
  /** Overwrite needs a valid form. */
  invalid?: boolean;
  onReload(): void;
  onOverwrite(): void;
  /** Shown when set: the editor has something to merge. */
  onMerge?: () => void;
  /** More about the conflict (which fields each side changed). */
  children?: ReactNode;
}) {
  const id = props.testId;
  const formatDate = useDateFormat();
  // main's timestamp in the user's date format
  const c = props.error.details?.conflict;
  const error =
    c?.updatedAt !== undefined
      ? { ...props.error, details: { ...props.error.details, conflict: { ...c, updatedAt: formatDate(c.updatedAt) } } }
      : props.error;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid={`${id}-conflict`}>
      <MessageBarBody>
        <MessageBarTitle>{props.title ?? 'Changed by someone else'}</MessageBarTitle>
        {staleSaveText(error, conflictNext(!!props.onMerge))}
        {props.children}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" data-testid={`${id}-reload`} disabled={props.busy} onClick={props.onReload}>
          Reload
        </Button>
        <Button
          size="small"
          data-testid={`${id}-overwrite`}
          disabled={props.busy || props.invalid}
          onClick={props.onOverwrite}
        >
          Overwrite
        </Button>
        {props.onMerge && (
          <Button size="small" data-testid={`${id}-merge`} disabled={props.busy} onClick={props.onMerge}>
            Merge
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
