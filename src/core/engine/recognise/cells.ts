/** Cell helpers shared by the recogniser. Pure. */
import type { SheetCell, SheetGrid } from "../types";
import { isJsSpace } from "../../blank";
import { leadingColumnNumber } from "./formula";

// Compiled once: a regex literal in a function makes an object per call (these run per cell).
const NUMERIC_TEXT_RE = /^[-+\u2212]?\s*(?:rp\.?\s*)?[-+\u2212]?\d[\d.,\s]*(?:,-)?\s*%?$/i;
const DASHES_RE = /^[-\u2010-\u2015\u2212]+$/;
const SPACE_RUN_RE = /\s+/g;

export function cellAt(grid: SheetGrid, r: number, c: number): SheetCell | undefined {
  const row = grid.cells[r];
  return row ? row[c] : undefined;
}

/** Trimmed text of a cell ('' for empty); numbers as String(n). */
export function textAt(grid: SheetGrid, r: number, c: number): string {
  const cell = cellAt(grid, r, c);
  if (!cell) return "";
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  // An invalid Date (text formula result in a date cell) would make toISOString throw.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

/** Text that reads as a number/amount ('Rp 11.031.976.960', '87,44%', '-', '0,-', '5 UMKM' is NOT). */
export function looksNumeric(text: string): boolean {
  // No number cell is this long; the cap also keeps the regex below linear on adversarial text.
  if (text.length > 100) return false;
  // Both patterns fix the first character: most texts (labels) are told apart by it, without a regex.
  const c = text.charCodeAt(0);
  if (isDash(c)) return NUMERIC_TEXT_RE.test(text) || DASHES_RE.test(text);
  return startsNumeric(c) && NUMERIC_TEXT_RE.test(text);
}

/** '-', the Unicode hyphens and dashes U+2010-U+2015, the minus sign U+2212: DASHES_RE's characters. */
function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

/** Can NUMERIC_TEXT_RE match a text starting with this character? A sign, a space, 'r' (rp) or a digit. */
function startsNumeric(c: number): boolean {
  return (
    c === 43 || // +
    (c >= 48 && c <= 57) ||
    c === 82 || // R
    c === 114 || // r
    isJsSpace(c)
  );
}

/** Whitespace that normalise() would change: anything but a single inner space. */
const UNNORMAL_SPACE_RE = /[^\S ]| {2}|^ | $/;

/** Lower case, whitespace runs as one space, trimmed. */
export function normalise(text: string): string {
  const lower = text.toLowerCase();
  // Most captions and labels are already spaced that way: test instead of rebuilding them.
  return UNNORMAL_SPACE_RE.test(lower) ? lower.replace(SPACE_RUN_RE, " ").trim() : lower;
}

export interface RowScan {
  /** Non-empty cells. */
  filled: number;
  /** Numbers or numeric-looking text. */
  numeric: number;
  /** Non-numeric text cells. */
  text: number;
  /** Cells holding a 4-digit year 1990-2099. */
  years: number;
  firstCol: number;
  lastCol: number;
  /**
   * A column-number row: at least 3 cells, nearly all column numbers (8, '(8)', '15 = 11+12'),
   * mostly consecutive, starting at 1 or 2, no year. Judged in the same pass over the cells:
   * every body row is asked, and a second pass over a large sheet costs as much as the first.
   */
  columnNumbers: boolean;
}

export function scanRow(grid: SheetGrid, r: number): RowScan {
  const row = grid.cells[r];
  const s: RowScan = {
    filled: 0,
    numeric: 0,
    text: 0,
    years: 0,
    firstCol: -1,
    lastCol: -1,
    columnNumbers: false,
  };
  if (!row) return s;
  // The column-number test on the way (see RowScan.columnNumbers), in locals: no object per row.
  // A blank-but-not-empty cell (spaces) between two filled cells counts as a non-number; blanks
  // before the first and after the last filled cell do not count.
  let count = 0;
  let first = 0;
  let prev = 0;
  let steps = 0;
  let bad = 0;
  let pendingBad = 0;
  /** The numbering starts beyond 2: not a column-number row whatever follows. */
  let dead = false;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!cell) continue;
    const v = cell.value;
    if (v === null || v === undefined || v === "") continue;
    let isNum: boolean;
    let t = "";
    if (typeof v === "number") isNum = true;
    else if (typeof v === "string") {
      t = v.trim();
      if (t === "") {
        if (s.firstCol >= 0) pendingBad++;
        continue;
      }
      isNum = looksNumeric(t);
    } else isNum = false;
    if (!dead) {
      bad += pendingBad;
      pendingBad = 0;
      const n = leadingColumnNumber(typeof v === "string" ? t : v);
      if (n === null) bad++;
      else if (count === 0 && n > 2) dead = true;
      else {
        if (count === 0) first = n;
        else if (n === prev + 1) steps++;
        prev = n;
        count++;
      }
    }
    s.filled++;
    if (s.firstCol < 0) s.firstCol = c;
    s.lastCol = c;
    const asYear = typeof v === "number" ? v : isNum ? Number(t) : NaN;
    if (Number.isInteger(asYear) && asYear >= 1990 && asYear <= 2099) s.years++;
    if (isNum) s.numeric++;
    else s.text++;
  }
  s.columnNumbers =
    !dead &&
    s.filled >= 3 &&
    s.years === 0 &&
    count >= 3 &&
    bad * 5 <= count + bad &&
    first <= 2 &&
    steps * 10 >= (count - 1) * 7;
  return s;
}
