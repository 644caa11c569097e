import { create } from 'zustand';

/**
 * The alarm browser's layout (UI state, kept per workstation in localStorage): whether the
 * details pane is open and how wide it is. Closed by default on narrow windows (a laptop at
 * 150 % scaling is about 910 px wide), so the list and its Message column get the width.
 */
const KEY = 'ccm.alarms.layout';
export const DETAILS_MIN = 280;
/** The list keeps at least this much. */
export const LIST_MIN = 420;

export function clampDetailsWidth(width: number, total: number): number {
  const max = Math.max(DETAILS_MIN, total - LIST_MIN);
  return Math.round(Math.min(max, Math.max(DETAILS_MIN, width)));
}

interface Layout {
  detailsOpen: boolean;
  detailsWidth: number;
  setDetailsOpen(open: boolean): void;
  setDetailsWidth(width: number): void;
}

function load(): { detailsOpen: boolean; detailsWidth: number } {
  const wide = typeof window === 'undefined' || window.innerWidth >= 1200;
  const fallback = { detailsOpen: wide, detailsWidth: 380 };
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<typeof fallback> | null;
    if (!raw) return fallback;
    return {
      detailsOpen: typeof raw.detailsOpen === 'boolean' ? raw.detailsOpen : fallback.detailsOpen,
      detailsWidth:
        typeof raw.detailsWidth === 'number' && Number.isFinite(raw.detailsWidth)
          ? Math.max(DETAILS_MIN, raw.detailsWidth)
          : fallback.detailsWidth,
    };
  } catch {
    return fallback;
  }
}

const save = (s: { detailsOpen: boolean; detailsWidth: number }) => {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // storage full or disabled: the layout just is not remembered
  }
};

export const useAlarmsLayout = create<Layout>((set, get) => ({
  ...load(),
  setDetailsOpen(detailsOpen) {
    set({ detailsOpen });
    save({ detailsOpen, detailsWidth: get().detailsWidth });
  },
  setDetailsWidth(detailsWidth) {
    set({ detailsWidth });
    save({ detailsOpen: get().detailsOpen, detailsWidth });
  },
}));
