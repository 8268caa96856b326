/**
 * A1-address helpers for the Office.js adapter (0-based rows/columns): ranges, sheet prefixes and
 * formula shifting on top of the core's cell addresses.
 */
import { cellAddress, columnLetter, quoteSheet } from "../core/engine/address";

export { quoteSheet };

/** 0 -> 'A', 25 -> 'Z', 26 -> 'AA'. */
export const colLetter = columnLetter;

/** 'AA' -> 26. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (4, 2) -> 'C5'. */
export const a1 = cellAddress;

/** A1 range address of a rectangle; a single cell collapses to 'C5'. */
export function a1Range(top: number, left: number, bottom: number, right: number): string {
  const tl = a1(top, left);
  return top === bottom && left === right ? tl : `${tl}:${a1(bottom, right)}`;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Strip an optional sheet prefix: "'My Sheet'!A1:B2" -> "A1:B2". */
export function stripSheet(address: string): string {
  const i = address.lastIndexOf("!");
  return i >= 0 ? address.slice(i + 1) : address;
}

/** Sheet part of an address ("'My Sheet'!A1" -> "My Sheet"), or undefined. */
export function sheetOf(address: string): string | undefined {
  const i = address.lastIndexOf("!");
  if (i < 0) return undefined;
  let s = address.slice(0, i);
  if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** Parse 'B2', 'B2:D9', '$B$2:$D$9', 'B:D' (whole columns become rows 0..1048575) into a rectangle. */
export function parseRange(address: string): Rect {
  const body = stripSheet(address).replace(/\$/g, "").toUpperCase();
  const [p1, p2 = p1] = body.split(":");
  const parse = (p: string, end: boolean): { row: number; col: number } => {
    const m = /^([A-Z]*)(\d*)$/.exec(p);
    if (!m) throw new Error(`Invalid address: ${address}`);
    const col = m[1] ? colIndex(m[1]) : end ? 16383 : 0;
    const row = m[2] ? parseInt(m[2], 10) - 1 : end ? 1048575 : 0;
    return { row, col };
  };
  const a = parse(p1, false);
  const b = parse(p2, true);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

const REF_RE =
  /('(?:[^']|'')+'!|[A-Za-z_][A-Za-z0-9_.]*!)?(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(!])/g;

/**
 * Move a formula (English syntax, with or without '=') by dRow/dCol the way Excel does when it is
 * copied: relative references shift, $-anchored parts stay. Text in double quotes is untouched.
 * Returns null when a reference would leave the sheet (Excel would write #REF!).
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string | null {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let bad = false;
  const parts = formula.split(/("(?:[^"]|"")*")/);
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 1) {
      out += parts[i];
      continue;
    }
    out += parts[i].replace(
      REF_RE,
      (
        m,
        sheet: string | undefined,
        dc: string,
        letters: string,
        dr: string,
        digits: string,
        offset: number,
        all: string
      ) => {
        const prev = offset > 0 ? all[offset - 1] : "";
        if (prev && /[A-Za-z0-9_.$]/.test(prev)) return m; // part of a longer name
        if (letters.length === 3 && letters.toUpperCase() > "XFD") return m;
        let col = colIndex(letters);
        let row = parseInt(digits, 10) - 1;
        if (!dc) col += dCol;
        if (!dr) row += dRow;
        if (col < 0 || row < 0 || col > 16383 || row > 1048575) bad = true;
        return `${sheet ?? ""}${dc}${colLetter(Math.max(col, 0))}${dr}${row + 1}`;
      }
    );
  }
  return bad ? null : out;
}
