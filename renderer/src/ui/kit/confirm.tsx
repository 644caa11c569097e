import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { actionErrorText, createConfirmQueue, type ConfirmOptions, type ConfirmRequest } from './confirmQueue';

export type { ConfirmOptions } from './confirmQueue';

const queue = createConfirmQueue();

/**
 * Asks the user to confirm: answers true for the confirm button, false for Cancel, Escape or a
 * click outside. With `action`, the action runs before the dialog closes (busy buttons, an error
 * shown in the dialog) and true means it succeeded. Needs <ConfirmHost /> mounted once (App).
 */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  return queue.ask(options);
}

const useStyles = makeStyles({
  surface: { width: '480px', maxWidth: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorPaletteRedForeground1, color: tokens.colorNeutralForegroundOnBrand },
    ':hover:active': { backgroundColor: tokens.colorPaletteRedForeground1 },
  },
});

/** The one dialog behind `confirm()`; mounted once in App. */
export function ConfirmHost() {
  const current = useSyncExternalStore(queue.subscribe, queue.current, queue.current);
  useEffect(() => () => queue.cancelAll(), []);
  return current ? <ConfirmDialog key={current.id} request={current} /> : null;
}

function ConfirmDialog({ request }: { request: ConfirmRequest }) {
  const styles = useStyles();
  const o = request.options;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const testId = o.testId ?? 'confirm';
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Fluent focuses the first button when the dialog opens (in its own effect, which runs before this
  // parent's); for a danger confirm, focus starts on Cancel so Enter does not delete.
  useEffect(() => {
    if (!o.danger) return;
    cancelRef.current?.focus();
    const frame = requestAnimationFrame(() => cancelRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [o.danger]);

  const accept = async () => {
    if (!o.action) return request.settle(true);
    setBusy(true);
    setError(null);
    try {
      await o.action();
      request.settle(true);
    } catch (err) {
      setError(actionErrorText(err));
      setBusy(false);
    }
  };
  const cancel = () => {
    if (!busy) request.settle(false);
  };

  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && cancel()}>
      <DialogSurface className={styles.surface} data-testid={testId}>
        <DialogBody>
          <DialogTitle>{o.title}</DialogTitle>
          <DialogContent className={styles.content}>
            {typeof o.body === 'string' ? <Text data-testid={`${testId}-body`}>{o.body}</Text> : o.body}
            {error && (
              <MessageBar intent="error" data-testid={`${testId}-error`}>
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              className={o.danger ? styles.danger : undefined}
              disabled={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              data-testid={o.confirmTestId ?? `${testId}-confirm`}
              onClick={() => void accept()}
            >
              {o.confirmLabel}
            </Button>
            <Button disabled={busy} ref={cancelRef} data-testid={o.cancelTestId ?? `${testId}-cancel`} onClick={cancel}>
              {o.cancelLabel ?? 'Cancel'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
