/**
 * Mean of achievements ("Rata-rata Capaian Kinerja Kegiatan"): the plain mean of the children.
 */
import { appendAll } from "./arrays";
import { CellValue, MonevError, isMonevError } from "./errors";
import { isAmbiguousNumberError, parseAngka } from "./number";

/**
 * Mean of the numeric values. Skips blanks, '-', 'NIHIL', booleans, dates and non-numeric text
 * (as Excel's AVERAGE skips text in ranges); parses Indonesian text numbers ("87,44").
 * Ambiguous numbers ("35,350") and NaN/Infinity are returned as errors, never guessed or skipped.
 * cap: each value is limited to cap before averaging (offices that cap at 100 or 120).
 * Nothing to average -> DIV0. Nested arrays (2-D ranges) are flattened.
 */
export function rata(
  values: ReadonlyArray<CellValue | ReadonlyArray<CellValue>>,
  opts?: { cap?: number | null }
): number | MonevError {
  const cap = opts?.cap;
  const hasCap = typeof cap === "number" && Number.isFinite(cap);
  let sum = 0;
  let n = 0;
  const flat: CellValue[] = [];
  for (const v of Array.isArray(values) ? values : []) {
    if (Array.isArray(v)) appendAll(flat, v as CellValue[]);
    else flat.push(v as CellValue);
  }
  for (const v of flat) {
    // A finite number is its own value (parseAngka's, without the object).
    if (typeof v === "number" && Number.isFinite(v)) {
      sum += hasCap ? Math.min(v, cap as number) : v;
      n++;
      continue;
    }
    if (typeof v === "boolean" || v instanceof Date) continue;
    const p = parseAngka(v);
    if (p === null) continue;
    if (isMonevError(p)) {
      if (isAmbiguousNumberError(p) || typeof v === "number") return p;
      continue;
    }
    sum += hasCap ? Math.min(p.value, cap as number) : p.value;
    n++;
  }
  if (n === 0)
    return new MonevError("DIV0", "tidak ada nilai untuk dirata-rata", "nothing to average");
  const mean = sum / n;
  if (!Number.isFinite(mean))
    return new MonevError("NUM", "rata-rata tidak terhingga", "mean is not finite");
  return mean;
}
