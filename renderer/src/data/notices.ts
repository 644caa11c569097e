import { create } from 'zustand';
import type { Notice } from '../../../electron/contract';

interface NoticesState {
  /** The newest notice seen (from app.getNotices at start or the app.notice event). */
  readonly last: Notice | null;
  add(items: readonly Notice[]): void;
}

export const useNotices = create<NoticesState>()((set, get) => ({
  last: null,
  add(items) {
    let last = get().last;
    for (const n of items) if (!last || n.at >= last.at) last = n;
    if (last !== get().last) set({ last });
  },
}));
