/**
 * Comparing a printed value with a recomputed one "to printed precision" (checks.md §4):
 * the expected value rounded half-up to the printed number of decimals must equal the print.
 * Truncation (003 truncates) is accepted and reported as such.
 */
import type { CellValue } from "../errors";
import { isMonevError } from "../errors";
import { parseAngka } from "../number";
import type { Scale } from "../predikat";

// Compiled once: a regex literal in a function makes an object per call (these run per check).
const LAST_DECIMALS_RE = /[.,](\d+)[^\d]*$/;
const EXPONENT_RE = /e/i;

/** Decimals shown: from a '0.00' number format, else from the text or the number itself (max 10). */
export function printedDecimals(printed: CellValue, numFmt?: string): number {
  if (typeof printed === "string") {
    const p = parseAngka(printed);
    if (p === null || isMonevError(p) || p.currency) return 0;
    const m = LAST_DECIMALS_RE.exec(printed.trim());
    if (!m) return 0;
    // "11.031.976.960": the last group is thousands, not decimals.
    if (m[1].length === 3 && Number.isInteger(p.value) && Math.abs(p.value) >= 1000) return 0;
    return Math.min(m[1].length, 10);
  }
  if (numFmt) {
    const fixed = formatDecimals(numFmt);
    if (fixed >= 0) return fixed;
  }
  return typeof printed === "number" ? decimalsOf(printed) : 0;
}

/** Decimals a number format fixes ('0.00' -> 2), -1 when it fixes none; cached per format. */
const FORMAT_DECIMALS = new Map<string, number>();
function formatDecimals(numFmt: string): number {
  let d = FORMAT_DECIMALS.get(numFmt);
  if (d === undefined) {
    const f = /0\.(0+)/.exec(numFmt);
    d = f ? f[1].length : -1;
    if (FORMAT_DECIMALS.size < 1000) FORMAT_DECIMALS.set(numFmt, d);
  }
  return d;
}

function decimalsOf(x: number): number {
  // A whole number below 1e21 prints without '.' or an exponent.
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return 0;
  const s = String(x);
  if (EXPONENT_RE.test(s)) return 10;
  const i = s.indexOf(".");
  return i < 0 ? 0 : Math.min(s.length - i - 1, 10);
}

export function roundHalfUp(x: number, d: number): number {
  const f = 10 ** d;
  const y = Math.abs(x) * f;
  const r = Math.floor(y + 0.5 + 1e-12 * Math.max(1, y));
  return (Math.sign(x) * r) / f;
}

export function truncate(x: number, d: number): number {
  const f = 10 ** d;
  const y = Math.abs(x) * f;
  return (Math.sign(x) * Math.floor(y + 1e-12 * Math.max(1, y))) / f;
}

/** 'yes', 'truncated' (agrees only when truncated) or 'no'. Empty or non-numeric prints -> 'no'. */
export function agrees(
  printed: CellValue,
  expected: number,
  numFmt?: string
): "yes" | "truncated" | "no" {
  let value: number;
  if (typeof printed === "number") {
    // What parseAngka makes of a number, without the object.
    if (!Number.isFinite(printed)) return "no";
    value = printed;
  } else {
    const p = parseAngka(printed);
    if (p === null || isMonevError(p)) return "no";
    value = p.value;
  }
  const d = printedDecimals(printed, numFmt);
  // A number cell shows its value rounded by its format: compare what is shown, not the digits
  // behind it (a text print already carries only the shown digits).
  const shown = roundHalfUp(value, d);
  const tol = 1e-9 * Math.max(1, Math.abs(shown));
  if (Math.abs(roundHalfUp(expected, d) - shown) <= tol) return "yes";
  if (Math.abs(truncate(expected, d) - shown) <= tol) return "truncated";
  return "no";
}

/** Lower-case letters only, with OCR 'l' read as '1' repaired ("Berhasi 1" -> "berhasil"). */
export function normLabel(s: string): string {
  return s
    .toLowerCase()
    .replace(/(\w)\s+1\b/g, "$1l")
    .replace(/[^a-z]/g, "");
}

function same(printed: string, label: string): boolean {
  const a = normLabel(printed);
  const b = normLabel(label);
  if (a === b) return true;
  // a trailing footnote digit read as 'l' ("Sangat Berhasil 1" -> "sangatberhasill")
  return a.length === b.length + 1 && a.startsWith(b) && a.endsWith("l");
}

/** Which band of the scale a printed label names (long label or code), or undefined. */
export function labelBand(printed: string, scale: Scale): number | undefined {
  const t = printed.trim();
  for (let i = 0; i < scale.bands.length; i++) {
    const bd = scale.bands[i];
    if (t.toUpperCase() === bd.code.toUpperCase() || same(t, bd.label)) return i;
  }
  return undefined;
}
