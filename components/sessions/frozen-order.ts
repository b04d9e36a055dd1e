// Rows that do not jump under the pointer: the order taken when the hold began, with today's values.

export interface FrozenRow<T> {
  item: T;
  /** Left since the hold began: shown greyed and struck until refresh. */
  gone: boolean;
}

export interface FrozenMerge<T> {
  rows: FrozenRow<T>[];
  /** Rows that appeared (not shown yet), left (shown as gone) or would move (fewest moves): what a refresh changes. */
  pending: number;
}

/**
 * Keeps the held order. A held row takes the current item of the same key (values still update);
 * a key missing now is gone and keeps its held item. New keys wait for the refresh.
 */
export function mergeFrozenOrder<T>(held: readonly T[], current: readonly T[], keyOf: (item: T) => string): FrozenMerge<T> {
  const now = new Map<string, T>();
  for (const item of current) now.set(keyOf(item), item);
  const heldIndex = new Map<string, number>();
  const rows: FrozenRow<T>[] = [];
  let gone = 0;
  for (const item of held) {
    const key = keyOf(item);
    heldIndex.set(key, heldIndex.size);
    const fresh = now.get(key);
    if (fresh === undefined) gone++;
    rows.push(fresh === undefined ? { item, gone: true } : { item: fresh, gone: false });
  }
  let added = 0;
  // Held positions of the rows still here, in today's order: those off its longest increasing run moved.
  const positions: number[] = [];
  for (const item of current) {
    const at = heldIndex.get(keyOf(item));
    if (at === undefined) added++;
    else positions.push(at);
  }
  return { rows, pending: added + gone + positions.length - longestIncreasingRun(positions) };
}

/** Length of the longest increasing subsequence (patience sorting, O(n log n)): the rows that need not move. */
export function longestIncreasingRun(values: readonly number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}
