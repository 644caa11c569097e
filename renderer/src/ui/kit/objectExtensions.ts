import type { ComponentType, ReactNode } from 'react';

/**
 * Objects whose pages and grids other features may add to. A feature that keeps something about
 * another feature's object (Genesys Cloud's synchronization status of a user) contributes a section
 * or a column through its descriptor; the owner renders what is registered and imports nothing of
 * the contributing feature.
 */
export type ExtensibleObject = 'user' | 'agentGroup' | 'skill' | 'wrapupCode';

/** A page (tab) of an object's page, after the owner's own pages. */
export interface ObjectPageSection {
  /** Unique among the object's sections; the page's value and test id (`<object>-page-<id>`). */
  readonly id: string;
  readonly object: ExtensibleObject;
  readonly label: string;
  /** A hook: false hides the page (no permission, the integration not configured). */
  readonly useShown: () => boolean;
  readonly View: ComponentType<{ objectId: number }>;
}

/** A column of an object's grid, after the owner's own columns. */
export interface ObjectGridColumn {
  readonly id: string;
  readonly object: ExtensibleObject;
  readonly label: string;
  /** A CSS grid track, e.g. '110px'. */
  readonly width: string;
  /** A hook: false hides the column. */
  readonly useShown: () => boolean;
  /**
   * A hook answering the cell of each row's object (one query for the column, not one per row);
   * called with `shown` so it reads nothing while the column is hidden.
   */
  readonly useCells: (shown: boolean) => (objectId: number) => ReactNode;
}

export interface ObjectExtensions {
  readonly sections?: readonly ObjectPageSection[];
  readonly columns?: readonly ObjectGridColumn[];
}

const sections: ObjectPageSection[] = [];
const columns: ObjectGridColumn[] = [];

/**
 * Called once by renderer/src/features.ts with every feature's contributions, before the first
 * render (a second call replaces the lists). The lists are then fixed: the hooks below call each
 * contribution's hooks in list order, which is only allowed because that order never changes.
 */
export function registerObjectExtensions(all: readonly ObjectExtensions[]): void {
  sections.length = 0;
  columns.length = 0;
  for (const e of all) {
    for (const s of e.sections ?? []) {
      if (sections.some((o) => o.object === s.object && o.id === s.id))
        throw new Error(`object page section ${s.object}/${s.id} is registered twice`);
      sections.push(s);
    }
    for (const c of e.columns ?? []) {
      if (columns.some((o) => o.object === c.object && o.id === c.id))
        throw new Error(`object grid column ${c.object}/${c.id} is registered twice`);
      columns.push(c);
    }
  }
}

/** The sections of an object's page that are shown now. */
export function useObjectPageSections(object: ExtensibleObject): ObjectPageSection[] {
  const out: ObjectPageSection[] = [];
  // The list is fixed after registration, so every render calls the same hooks in the same order.
  for (const s of sections) if (s.object === object && s.useShown()) out.push(s);
  return out;
}

/** The extra columns of an object's grid that are shown now, each with its cells. */
export function useObjectGridColumns(
  object: ExtensibleObject,
): { column: ObjectGridColumn; cell: (objectId: number) => ReactNode }[] {
  const out: { column: ObjectGridColumn; cell: (objectId: number) => ReactNode }[] = [];
  for (const c of columns) {
    if (c.object !== object) continue;
    // Both hooks run whether shown or not (hooks may not be skipped).
    const shown = c.useShown();
    const cell = c.useCells(shown);
    if (shown) out.push({ column: c, cell });
  }
  return out;
}
