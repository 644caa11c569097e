import type { ReactNode } from 'react';

/** What a confirmation asks. The text says what will happen and names the object or the count. */
export interface ConfirmOptions {
  title: string;
  body: ReactNode;
  /** Deletes, removes, discards …: the confirm button is the danger style and focus starts on Cancel. */
  danger?: boolean;
  confirmLabel: string;
  cancelLabel?: string;
  /**
   * Runs when the user confirms, with the buttons busy. A throw keeps the dialog open and shows the
   * error's message in it (for example "the assignments changed meanwhile"); the user may try again or cancel.
   */
  action?: () => Promise<unknown>;
  /** data-testid of the dialog surface; the buttons get `<testId>-confirm` and `<testId>-cancel`. */
  testId?: string;
  confirmTestId?: string;
  cancelTestId?: string;
}

export interface ConfirmRequest {
  id: number;
  options: ConfirmOptions;
  settle(answer: boolean): void;
}

type Listener = () => void;

/**
 * The queue behind `confirm()`: one request is shown at a time (the first); later ones wait.
 * Pure state, so it is testable without a DOM; the host component renders `current()`.
 */
export function createConfirmQueue() {
  let queue: readonly ConfirmRequest[] = [];
  let next = 1;
  const listeners = new Set<Listener>();
  const notify = () => listeners.forEach((l) => l());
  return {
    ask(options: ConfirmOptions): Promise<boolean> {
      return new Promise<boolean>((resolve) => {
        const id = next++;
        let done = false;
        const request: ConfirmRequest = {
          id,
          options,
          settle(answer) {
            if (done) return;
            done = true;
            queue = queue.filter((r) => r.id !== id);
            notify();
            resolve(answer);
          },
        };
        queue = [...queue, request];
        notify();
      });
    },
    current(): ConfirmRequest | null {
      return queue[0] ?? null;
    },
    /** Answers every open request with false (the host went away, or the user signed out). */
    cancelAll(): void {
      for (const r of [...queue]) r.settle(false);
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The message shown when a confirmed action fails: the contract error's text, else a generic one. */
export function actionErrorText(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string' && err.message)
    return err.message;
  return 'The action failed.';
}
