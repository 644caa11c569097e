/**
 * Three-way merge of a stale save, field by field (DESIGN.md: "a stale save is refused and
 * the editor offers reload / overwrite / merge"):
 *   base   = what the editor loaded,
 *   mine   = the form,
 *   theirs = what is saved now (re-fetched after the CONFLICT).
 * A field changed only by them takes theirs, only by me takes mine; changed by both to the
 * same value is agreed; changed by both to different values is a conflict the user picks.
 * Pure: no React, no I/O.
 */

export interface FieldConflict<T, K extends keyof T = keyof T> {
  readonly field: K;
  readonly base: T[K];
  readonly mine: T[K];
  readonly theirs: T[K];
}

export interface ThreeWay<T> {
  /** The merged values; a conflicting field holds mine until the user picks. */
  readonly merged: T;
  readonly mineChanged: ReadonlyArray<keyof T>;
  readonly theirsChanged: ReadonlyArray<keyof T>;
  readonly conflicts: ReadonlyArray<FieldConflict<T>>;
}

export type MergePick = 'mine' | 'theirs';

const same = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

export function threeWayMerge<T extends object>(
  base: T,
  mine: T,
  theirs: T,
  fields: ReadonlyArray<keyof T>,
): ThreeWay<T> {
  const merged = { ...theirs };
  const mineChanged: Array<keyof T> = [];
  const theirsChanged: Array<keyof T> = [];
  const conflicts: Array<FieldConflict<T>> = [];
  for (const field of fields) {
    const m = !same(mine[field], base[field]);
    const t = !same(theirs[field], base[field]);
    if (m) mineChanged.push(field);
    if (t) theirsChanged.push(field);
    if (m && t && !same(mine[field], theirs[field])) {
      conflicts.push({ field, base: base[field], mine: mine[field], theirs: theirs[field] });
      merged[field] = mine[field];
    } else if (m) {
      merged[field] = mine[field];
    } else {
      merged[field] = theirs[field];
    }
  }
  return { merged, mineChanged, theirsChanged, conflicts };
}

/** Merge is worth offering when my changed fields are not exactly their changed fields. */
export function canOfferMerge<T>(r: ThreeWay<T>): boolean {
  if (r.mineChanged.length === 0) return false; // nothing of mine to keep: Reload says it all
  if (r.mineChanged.length !== r.theirsChanged.length) return true;
  return r.mineChanged.some((f) => !r.theirsChanged.includes(f));
}

/** The merge with the user's picks for the conflicting fields; null while one is not picked. */
export function resolveMerge<T>(r: ThreeWay<T>, picks: Partial<Record<keyof T, MergePick>>): T | null {
  const out = { ...r.merged };
  for (const c of r.conflicts) {
    const pick = picks[c.field];
    if (!pick) return null;
    out[c.field] = pick === 'mine' ? c.mine : c.theirs;
  }
  return out;
}
