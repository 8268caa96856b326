/**
 * Formulas stated in a printed column-number row: `8 = 5:4`, `11 = ΣN : n`, `15 = 11 + 12 + 13 + 14`,
 * `16 = 15 / 10 * 100`, `(5) =(4/5)*100`, `13 = 12/7 x 100`, `14 = 6 + 12`. Column references are the
 * printed column NUMBERS (not sheet indexes). Pure.
 */

export type StatedFormula =
  | { kind: "ratio"; column?: number; num: number; den: number; times100: boolean; text: string }
  | { kind: "sum"; column?: number; cols: number[]; text: string }
  | { kind: "difference"; column?: number; a: number; b: number; text: string }
  | { kind: "mean-children"; column?: number; text: string };

/** A column number, optionally with its stated formula ("15 = 11+12"); compiled once (per cell). */
const COLUMN_NUMBER_RE = /^\s*\(?\s*(\d{1,3})\s*\)?\s*(?:=.*)?$/;

/** Parse the leading column number of a column-number cell: 8, '8', '(8)', '8 = 5:4'. */
export function leadingColumnNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v > 0 && v < 200 ? v : null;
  if (typeof v !== "string") return null;
  // A text starting with a letter (a label, a unit) never matches: no regex for it.
  const c0 = v.charCodeAt(0) | 32;
  if (c0 >= 97 && c0 <= 122) return null;
  const m = COLUMN_NUMBER_RE.exec(v);
  return m ? Number(m[1]) : null;
}

/** Parse a stated formula; null when the text holds no formula. */
export function parseStatedFormula(text: string): StatedFormula | null {
  if (typeof text !== "string") return null;
  const raw = text.trim();
  const eq = raw.indexOf("=");
  if (eq < 0) return null;
  const lhs = raw.slice(0, eq);
  const lm = /^\s*\(?\s*(\d{1,3})\s*\)?\s*$/.exec(lhs);
  const column = lm ? Number(lm[1]) : undefined;
  let rhs = raw
    .slice(eq + 1)
    .replace(/\$|\\sum|\\Sigma/g, (m) => (m === "$" ? "" : "Σ"))
    .replace(/[×xX]/g, "*")
    .replace(/\s+/g, "");
  if (/^(Σ|∑|7|E)N[:/]n$/i.test(rhs))
    return { kind: "mean-children", column, text: "mean(children)" };
  // strip one pair of outer parentheses around the ratio: (4/5)*100
  let times100 = false;
  const t100 = /^(.*)\*100$/.exec(rhs);
  if (t100) {
    times100 = true;
    rhs = t100[1];
  }
  const par = /^\((.*)\)$/.exec(rhs);
  if (par) rhs = par[1];
  const ratio = /^\(?(\d{1,3})\)?[:/]\(?(\d{1,3})\)?$/.exec(rhs);
  if (ratio) {
    const num = Number(ratio[1]);
    const den = Number(ratio[2]);
    return {
      kind: "ratio",
      column,
      num,
      den,
      times100,
      text: `${num}/${den}${times100 ? "*100" : ""}`,
    };
  }
  if (times100) return null;
  if (/^\d{1,3}(\+\d{1,3})+$/.test(rhs)) {
    const cols = rhs.split("+").map(Number);
    return { kind: "sum", column, cols, text: cols.join("+") };
  }
  const diff = /^(\d{1,3})-(\d{1,3})$/.exec(rhs);
  if (diff) {
    const a = Number(diff[1]);
    const b = Number(diff[2]);
    return { kind: "difference", column, a, b, text: `${a}-${b}` };
  }
  return null;
}
