/**
 * Broadcasting of scalar core rules over Excel ranges.
 *
 * Every argument may be a scalar or a 2-D array (Excel hands a `any[][]` parameter a 1x1 array
 * for a single cell). The arguments are broadcast to a common shape the way Excel lifts built-in
 * operators: a 1x1 argument fills the whole result, a single row is repeated down, a single
 * column is repeated across. Where an argument is shorter than the result (e.g. 3 rows against
 * 5) the missing cells are #N/A, exactly like `={1;2;3}+{1;2;3;4;5}` in Excel.
 *
 * The rule is applied per cell; a MonevError in one cell becomes a CustomFunctions.Error in that
 * cell only. Error values among the inputs propagate to their cell. The rule never throws out of
 * here: an unexpected exception becomes #VALUE! in its cell.
 */
import { CellValue, isMonevError, MonevError } from "../core/errors";
import { isExcelError, naError, numError, toExcelError, valueError } from "./errors";

/** What one result cell may hold. */
export type OutCell = number | string | CustomFunctions.Error;

/** A scalar or a 2-D array, as Excel passes an `any` / `any[][]` argument. */
export type Arg = unknown;

/** Result of a scalar rule for one cell. null means "no value" and shows as an empty text. */
export type RuleResult =
  number | string | boolean | null | undefined | MonevError | CustomFunctions.Error;

export function isGrid(x: unknown): x is unknown[][] {
  return Array.isArray(x);
}

/** Rows and columns of an argument; scalars, [] and [[]] count as 1x1. */
export function shapeOf(x: unknown): [number, number] {
  if (!Array.isArray(x) || x.length === 0) return [1, 1];
  let cols = 0;
  for (const row of x) {
    const n = Array.isArray(row) ? row.length : 1;
    if (n > cols) cols = n;
  }
  return [x.length, Math.max(cols, 1)];
}

const MISSING: unique symbol = Symbol("missing");

/**
 * Cell (i, j) of an argument under broadcasting; MISSING when the argument has no such cell.
 * A 1-row argument repeats down, a 1-column argument repeats across.
 */
function cellAt(x: unknown, i: number, j: number): unknown {
  if (!Array.isArray(x)) return x;
  if (x.length === 0) return null;
  const row: unknown = x.length === 1 ? x[0] : x[i];
  if (row === undefined) return MISSING;
  // A 1-D array (not what Excel passes, but a JS caller might): each element is a row of one cell.
  if (!Array.isArray(row)) return row;
  if (row.length === 0) return null;
  if (row.length === 1) return row[0];
  return j < row.length ? row[j] : MISSING;
}

/**
 * Convert an input cell to the CellValue the core understands.
 * Excel rich values ({type, basicValue}) are reduced to their basic value; other objects to text.
 */
export function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === "number" || t === "string" || t === "boolean") return v as CellValue;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (t === "object" && "basicValue" in (v as object)) {
    return toCellValue((v as { basicValue: unknown }).basicValue);
  }
  if (t === "bigint") return Number(v);
  return String(v);
}

/** Turn a rule result into a result cell. */
export function toOutCell(r: RuleResult): OutCell {
  if (r === null || r === undefined) return "";
  if (typeof r === "number") return Number.isFinite(r) ? r : numError();
  if (typeof r === "string") return r;
  if (typeof r === "boolean") return r ? "TRUE" : "FALSE";
  if (isMonevError(r)) return toExcelError(r);
  if (isExcelError(r)) return r;
  return valueError("hasil tidak dikenal");
}

/** `cells` is a scratch buffer reused across cells: rules must not keep a reference to it. */
function applyCell(
  rule: (cells: CellValue[]) => RuleResult,
  raw: unknown[],
  cells: CellValue[]
): OutCell {
  for (let k = 0; k < raw.length; k++) {
    const v = raw[k];
    if (v === MISSING) return naError("ukuran rentang tidak sama");
    if (isExcelError(v)) return v;
    cells[k] = toCellValue(v);
  }
  try {
    return toOutCell(rule(cells));
  } catch (e) {
    return valueError("kesalahan internal: " + (e instanceof Error ? e.message : String(e)));
  }
}

/**
 * Apply `rule` cell by cell over the broadcast arguments. The array handed to `rule` is reused
 * from cell to cell: read it, do not keep it.
 * Returns a scalar when every argument is a scalar, else a 2-D array of the common shape.
 */
export function broadcast(
  args: readonly Arg[],
  rule: (cells: CellValue[]) => RuleResult
): OutCell | OutCell[][] {
  if (!args.some(isGrid)) return applyCell(rule, args as unknown[], new Array(args.length));
  let rows = 1;
  let cols = 1;
  for (const a of args) {
    const [r, c] = shapeOf(a);
    if (r > rows) rows = r;
    if (c > cols) cols = c;
  }
  const out: OutCell[][] = new Array(rows);
  const raw: unknown[] = new Array(args.length);
  const cells: CellValue[] = new Array(args.length);
  for (let i = 0; i < rows; i++) {
    const line: OutCell[] = new Array(cols);
    for (let j = 0; j < cols; j++) {
      for (let k = 0; k < args.length; k++) raw[k] = cellAt(args[k], i, j);
      line[j] = applyCell(rule, raw, cells);
    }
    out[i] = line;
  }
  return out;
}

/** Every cell of an argument in row-major order (scalars give one cell). */
export function flatten(x: unknown): unknown[] {
  if (!Array.isArray(x)) return [x];
  const out: unknown[] = [];
  for (const row of x) {
    if (Array.isArray(row)) for (const v of row) out.push(v);
    else out.push(row);
  }
  return out;
}

/** The single value of a scalar or 1x1 argument; undefined when the argument has several cells. */
export function single(x: unknown): { value: unknown } | undefined {
  if (!Array.isArray(x)) return { value: x };
  const [r, c] = shapeOf(x);
  if (r !== 1 || c !== 1) return undefined;
  return { value: cellAt(x, 0, 0) };
}
