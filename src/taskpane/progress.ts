/**
 * The pane's one progress for a scan: reading the sheet (several syncs) is the first part, the
 * worker's analysis the rest, so a rescan shows one bar that only moves forward.
 */

/** Share of the bar for reading (reading 20,000 rows takes about as long as analysing them). */
export const READ_SHARE = 0.5;

export interface ScanProgress {
  phase: "read" | "analyse";
  /** Whole percent, 0..100. */
  percent: number;
}

/**
 * read: rows read / rows to read while reading (undefined when not reading); analysing: whether
 * the analysis of the read sheet is running; analysed: the worker's share done (0..1).
 */
export function scanProgress(
  read: number | undefined,
  analysing: boolean,
  analysed: number
): ScanProgress | undefined {
  const clamp = (f: number) => Math.min(1, Math.max(0, f));
  if (read !== undefined)
    return { phase: "read", percent: Math.floor(100 * READ_SHARE * clamp(read)) };
  if (!analysing) return undefined;
  return {
    phase: "analyse",
    percent: Math.floor(100 * (READ_SHARE + (1 - READ_SHARE) * clamp(analysed))),
  };
}
