/**
 * Array helpers safe for sheet-sized inputs. `a.push(...b)` and `Math.max(...b)` pass every item as
 * a function argument, which overflows the call stack at around 100,000 items (a 50,000-row sheet
 * easily has more writes than that), so the engine uses these loops instead.
 */

/** Appends every item of `items` to `target` (in place) and returns `target`. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** Largest of the numbers, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m === -Infinity ? empty : m;
}

/** Smallest of the numbers, or `empty` when there are none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m === Infinity ? empty : m;
}
