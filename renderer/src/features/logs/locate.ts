/** What identifies a line and orders a view: main sorts a view by time, then by sequence number. */
export interface LineKey {
  readonly seq: number;
  readonly time: number;
}

const NEAR = 250;

/**
 * Where a line (a bookmark) is in a view now. First a look around where it was last seen;
 * else a binary search over single lines by (time, seq) — the view's order, give or take a
 * source whose clock went back — then a look around where that search ends. Answers the
 * line's index, or the nearest index when the view leaves it out (filtered out or dropped).
 */
export async function locateLine(
  target: LineKey,
  total: number,
  hint: number | undefined,
  keyAt: (index: number) => Promise<LineKey | undefined>,
  seqsFrom: (offset: number, count: number) => Promise<readonly number[]>,
): Promise<{ index: number; exact: boolean } | null> {
  if (total <= 0) return null;
  const around = async (i: number) => {
    const start = Math.max(0, Math.min(i, total - 1) - NEAR);
    const k = (await seqsFrom(start, 2 * NEAR)).indexOf(target.seq);
    return k >= 0 ? start + k : -1;
  };
  if (hint !== undefined) {
    const near = await around(hint);
    if (near >= 0) return { index: near, exact: true };
  }
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const key = await keyAt(mid);
    if (!key) return null;
    if (key.time < target.time || (key.time === target.time && key.seq < target.seq)) lo = mid + 1;
    else hi = mid;
  }
  const found = await around(lo);
  return found >= 0 ? { index: found, exact: true } : { index: Math.min(lo, total - 1), exact: false };
}
