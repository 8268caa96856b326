/**
 * `npm run corpus`: run the engine on the real workbooks in ../shared/realworld (or $MONEV_CORPUS)
 * and check what it writes against the sheets' OWN stated formulas. Optional, not part of `npm test`;
 * the only code allowed to read that folder. Nothing is copied into the repo: CLI outputs and the
 * JSON result go to a temp dir. The checker below imports nothing from src/core/engine on purpose.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { unzipSync } from "fflate";
import { HyperFormula } from "hyperformula";
import { readWorkbookGrids } from "../src/cli/xlsx";
import { analyseSheet } from "../src/core/engine";
import type { Finding, PlannedWrite, SheetCell, SheetGrid } from "../src/core/engine/types";

const ROOT = path.resolve(__dirname, "..");
const CORPUS = process.env.MONEV_CORPUS ?? path.resolve(__dirname, "../../shared/realworld");
const CAP = 30;

type Value = number | string | null;
type Status = "agree" | "disagree" | "unchecked";
interface Checked {
  sheet: string;
  address: string;
  rule: string;
  engine: Value;
  independent?: Value;
  status: Status;
  why: string;
}
interface InputChange {
  sheet: string;
  address: string;
  rule: string;
  value: Value;
  reasons: string[];
}
interface FileResult {
  file: string;
  tables: string;
  cellsWritten: number;
  agree: number;
  checked: number;
  unchecked: number;
  findings: Finding[];
  crashes: string[];
  cliExit: number | null;
  checks: Checked[];
  inputChanges: InputChange[];
}

// ---------- small helpers ----------
const isBlank = (v: unknown) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const hasContent = (c: SheetCell | undefined) => !!c && (!!c.formula || !isBlank(c.value));
const text = (v: unknown) =>
  typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
const colLetter = (c: number): string =>
  (c >= 26 ? colLetter(Math.floor(c / 26) - 1) : "") + String.fromCharCode(65 + (c % 26));
const a1 = (r: number, c: number) => `${colLetter(c)}${r + 1}`;
const show = (v: unknown) =>
  typeof v === "number" ? String(+v.toPrecision(12)) : JSON.stringify(v ?? null);
function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 1e-12;
}
function asNumber(v: unknown): number | "blank" | "text" {
  if (typeof v === "number") return Number.isFinite(v) ? v : "text";
  if (isBlank(v)) return "blank";
  const n = Number(String(v).trim());
  return Number.isFinite(n) ? n : "text";
}
function listXlsx(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? listXlsx(p) : /\.xlsx$/i.test(e.name) ? [p] : [];
    })
    .sort();
}

/** The sheet as the plan leaves it: written values first, then the original cells. */
export function sheetAfterWrites(grid: SheetGrid, writes: PlannedWrite[]) {
  const written = new Map(writes.map((w) => [`${w.row}:${w.col}`, w.value] as const));
  return (r: number, c: number): unknown =>
    written.has(`${r}:${c}`) ? written.get(`${r}:${c}`) : grid.cells[r]?.[c]?.value;
}
function mergeAt(grid: SheetGrid, r: number, c: number) {
  return grid.merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
}

// ---------- column-number rows ----------
type Expr = { const: number } | { ref: string } | { op: string; a: Expr; b: Expr };
interface PrintedNumber {
  id: string;
  n: number;
  col: number;
  span: [number, number];
  formula?: string;
  expr?: Expr;
  k?: number;
  rp?: number;
}
interface NumberRow {
  row: number;
  headerEnd: number;
  numbers: PrintedNumber[];
  kindOf: (c: number) => "k" | "rp" | undefined;
}

/** '12', 12, '(3)', '6a', '13 = 12/7*100', '(5)=(4)/(3)x100%' -> id and formula text. */
function parseNumberCell(v: unknown): { id: string; n: number; formula?: string } | null {
  if (typeof v === "number")
    return Number.isInteger(v) && v > 0 && v < 200 ? { id: String(v), n: v } : null;
  const m = /^\(?\s*(\d{1,3})([a-z]?)\s*\)?\s*(?:=\s*(.+))?$/i.exec(text(v));
  if (!m || Number(m[1]) < 1) return null;
  return { id: m[1] + m[2].toLowerCase(), n: Number(m[1]), formula: m[3]?.trim() };
}

/** Recursive descent over + - * / : x × and parentheses; numbers printed on the row are column refs. */
function parseExpression(src: string, ids: Set<string>): Expr | undefined {
  const toks = src.replace(/%\s*$/, "").match(/\d+(?:[.,]\d+)?|[-+*/:x×()]/gi);
  if (!toks || toks.join("").length !== src.replace(/%\s*$/, "").replace(/\s+/g, "").length)
    return undefined;
  let i = 0;
  const atom = (): Expr => {
    const t = toks[i++];
    if (t === "(") {
      const e = sum();
      if (toks[i++] !== ")") throw new Error("')' expected");
      return e;
    }
    if (t === undefined || !/^\d/.test(t)) throw new Error(`unexpected ${t}`);
    return ids.has(t) ? { ref: t } : { const: Number(t.replace(",", ".")) };
  };
  const product = (): Expr => {
    let e = atom();
    while (/^[*/:x×]$/i.test(toks[i] ?? "")) {
      const op = /[/:]/.test(toks[i++]) ? "/" : "*";
      e = { op, a: e, b: atom() };
    }
    return e;
  };
  const sum = (): Expr => {
    let e = product();
    while (toks[i] === "+" || toks[i] === "-") {
      const op = toks[i++];
      e = { op, a: e, b: product() };
    }
    return e;
  };
  try {
    const e = sum();
    return i === toks.length ? e : undefined;
  } catch {
    return undefined;
  }
}
const refsOf = (e: Expr): string[] =>
  "ref" in e ? [e.ref] : "op" in e ? [...refsOf(e.a), ...refsOf(e.b)] : [];

/** K/Rp row labels: 'K', 'Rp', 'Rp.', 'Rp. (000)', '%'. */
const KIND_LABEL = /^(k|rp\.?(\s*\(000\))?|%)$/i;

/** The K/Rp row just above or below the number row: the one with more kind labels (at least 2). */
function findKindRow(grid: SheetGrid, row: number): number | undefined {
  const score = (r: number) =>
    (grid.cells[r] ?? []).filter((c) => KIND_LABEL.test(text(c?.value))).length;
  return [row - 1, row + 1]
    .filter((r) => r >= 0 && score(r) >= 2)
    .sort((a, b) => score(b) - score(a))[0];
}

/** Rows where most non-empty cells are increasing column numbers, with their K/Rp row and spans. */
export function findNumberRows(grid: SheetGrid): NumberRow[] {
  const out: NumberRow[] = [];
  grid.cells.forEach((cells, row) => {
    const filled = (cells ?? [])
      .map((c, col) => ({ col, v: c?.value }))
      .filter((x) => !isBlank(x.v));
    const parsed = filled.flatMap((x) => {
      const p = parseNumberCell(x.v);
      return p ? [{ col: x.col, ...p }] : [];
    });
    if (parsed.length < 3 || parsed.length * 2 <= filled.length) return;
    if (parsed.some((x, i) => i > 0 && x.n < parsed[i - 1].n)) return;
    const kindRow = findKindRow(grid, row);
    const kindOf = (c: number): "k" | "rp" | undefined => {
      if (kindRow === undefined) return undefined;
      const m = mergeAt(grid, kindRow, c);
      const label = text(grid.cells[kindRow]?.[m ? m.left : c]?.value);
      return !KIND_LABEL.test(label) ? undefined : /^rp/i.test(label) ? "rp" : "k";
    };
    // Inside a merged K/Rp label only its first column holds the value.
    const isKindValueColumn = (c: number) =>
      kindOf(c) !== undefined && (mergeAt(grid, kindRow!, c)?.left ?? c) === c;
    const isUnderKindLabel = (c: number) => kindOf(c) !== undefined;
    const numbers: PrintedNumber[] = parsed.map((x, i) => {
      const next = parsed[i + 1]?.col;
      const m = mergeAt(grid, row, x.col);
      let right = m ? m.right : x.col;
      // Unmerged: the cell plus following empty cells up to the next number (after the last one: while K/Rp labels go on).
      const belongsToSpan = (c: number) =>
        isBlank(cells[c]?.value) && (next !== undefined ? c < next : isUnderKindLabel(c));
      if (!m) while (belongsToSpan(right + 1)) right++;
      const pn: PrintedNumber = {
        id: x.id,
        n: x.n,
        col: x.col,
        span: [x.col, right],
        formula: x.formula,
      };
      for (let c = x.col; c <= right; c++) {
        const kind = isKindValueColumn(c) ? kindOf(c) : undefined;
        if (kind && pn[kind] === undefined) pn[kind] = c;
      }
      if (pn.k === undefined && pn.rp === undefined) pn.k = x.col; // an unsplit column holds a kinerja figure
      return pn;
    });
    const ids = new Set(numbers.map((p) => p.id));
    for (const p of numbers) if (p.formula) p.expr = parseExpression(p.formula, ids);
    out.push({ row, headerEnd: Math.max(row, kindRow ?? row), numbers, kindOf });
  });
  return out;
}

// ---------- the independent checks ----------
function rowLabel(grid: SheetGrid, r: number): string {
  const c = (grid.cells[r] ?? []).find(
    (x) => typeof x?.value === "string" && x.value.trim() !== ""
  );
  return text(c?.value);
}
const isRataRow = (grid: SheetGrid, r: number) => /^rata[\s-]*rata/i.test(rowLabel(grid, r));
const isPredikatRow = (grid: SheetGrid, r: number) => /^predikat/i.test(rowLabel(grid, r));
const isProgramRow = (grid: SheetGrid, r: number) =>
  (grid.cells[r] ?? []).some((x) => /^program\b/i.test(text(x?.value)));

/** Permendagri 86/2017 bands. */
function predikatOf(x: number): [string, string] {
  return x > 90
    ? ["Sangat Tinggi", "ST"]
    : x > 75
      ? ["Tinggi", "T"]
      : x > 65
        ? ["Sedang", "S"]
        : x > 50
          ? ["Rendah", "R"]
          : ["Sangat Rendah", "SR"];
}

/** Evaluate a stated formula on one row; every operand taken from its sub-column of `kind`. */
function evaluateStated(
  p: PrintedNumber,
  nr: NumberRow,
  row: number,
  kind: "k" | "rp",
  at: (r: number, c: number) => unknown
) {
  let allBlank = true;
  let problem: string | undefined;
  const ev = (e: Expr): number | "blank" => {
    if ("const" in e) return e.const;
    if ("ref" in e) {
      const op = nr.numbers.find((q) => q.id === e.ref)!;
      const col = op[kind];
      if (col === undefined) {
        problem ??= `mixed kinds: column ${op.id} has no ${kind.toUpperCase()} sub-column`;
        return 0;
      }
      const v = asNumber(at(row, col));
      if (v === "text") {
        problem ??= `text operand in column ${op.id}`;
        return 0;
      }
      if (v !== "blank") allBlank = false;
      return v === "blank" ? 0 : v;
    }
    const a = ev(e.a);
    const b = ev(e.b);
    if (a === "blank" || b === "blank") return "blank";
    if (e.op === "/") return b === 0 ? "blank" : a / b;
    return e.op === "*" ? a * b : e.op === "+" ? a + b : a - b;
  };
  const value = ev(p.expr!);
  return { value: value === "blank" ? "" : value, allBlank, problem };
}

function agrees(engine: Value, expected: Value): boolean {
  if (isBlank(expected)) return isBlank(engine);
  return typeof engine === "number" && typeof expected === "number" && sameNumber(engine, expected);
}

/** Check one planned write; returns the verdict and why. */
export function checkWrite(
  w: PlannedWrite,
  grid: SheetGrid,
  rows: NumberRow[],
  at: (r: number, c: number) => unknown
): Checked {
  const base = { sheet: w.sheet, address: w.address, rule: w.rule, engine: w.value };
  const nr = [...rows].reverse().find((x) => x.headerEnd < w.row);
  if (!nr)
    return {
      ...base,
      status: "unchecked",
      why: rows.length ? "above the column-number row" : "no column-number row",
    };
  if (isRataRow(grid, w.row)) {
    let start = w.row - 1;
    while (start > nr.headerEnd && !isRataRow(grid, start) && !isPredikatRow(grid, start)) start--;
    const vals: number[] = [];
    for (let r = start + 1; r < w.row; r++) {
      const v = at(r, w.col);
      if (typeof v === "number" && !isProgramRow(grid, r)) vals.push(v);
    }
    const mean = vals.length ? vals.reduce((s, x) => s + x, 0) / vals.length : "";
    return {
      ...base,
      independent: mean,
      status: agrees(w.value, mean) ? "agree" : "disagree",
      why: `mean of ${vals.length} rows ${start + 2}-${w.row}`,
    };
  }
  if (isPredikatRow(grid, w.row)) {
    let rr = w.row - 1;
    while (rr > nr.headerEnd && !isRataRow(grid, rr)) rr--;
    if (rr <= nr.headerEnd)
      return {
        ...base,
        independent: "",
        status: isBlank(w.value) ? "agree" : "disagree",
        why: "no rata-rata row above",
      };
    const v = asNumber(at(rr, w.col));
    const labels = typeof v === "number" ? predikatOf(v) : [""];
    const ok =
      labels.some((l) => text(w.value).toLowerCase() === l.toLowerCase()) ||
      (labels[0] === "" && isBlank(w.value));
    return {
      ...base,
      independent: labels[0],
      status: ok ? "agree" : "disagree",
      why: `predikat of ${show(at(rr, w.col))} in ${a1(rr, w.col)}`,
    };
  }
  const p = nr.numbers.find((q) => w.col >= q.span[0] && w.col <= q.span[1]);
  if (p && !p.formula) {
    // A realisation column right after the four quarter columns, with no stated formula: the
    // form's convention is the sum of the quarters (same kind).
    const qs = quartersBefore(grid, nr, p);
    if (qs) {
      const kind = nr.kindOf(w.col) === "rp" ? "rp" : "k";
      const cols = qs.map((q) => q[kind]);
      if (cols.some((c) => c === undefined))
        return { ...base, status: "disagree", why: "mixed kinds (quarter sum)" };
      const vals = cols.map((c) => asNumber(at(w.row, c as number)));
      const expected = vals.every((v) => v === "blank")
        ? ""
        : vals.reduce<number>((a, v) => a + (typeof v === "number" ? v : 0), 0);
      return {
        ...base,
        independent: expected,
        status: agrees(w.value, expected) ? "agree" : "disagree",
        why: `sum of quarters ${qs.map((q) => q.id).join("+")} (${kind.toUpperCase()})`,
      };
    }
  }
  if (!p?.formula)
    return {
      ...base,
      status: "unchecked",
      why: p ? `column ${p.id} has no stated formula` : "outside the numbered columns",
    };
  if (!p.expr)
    return { ...base, status: "unchecked", why: `stated formula not understood: ${p.formula}` };
  const kind = nr.kindOf(w.col) === "rp" ? "rp" : "k";
  if (p[kind] !== w.col)
    return {
      ...base,
      status: "unchecked",
      why: `not the ${kind.toUpperCase()} value column of ${p.id}`,
    };
  const r = evaluateStated(p, nr, w.row, kind, at);
  if (r.problem?.startsWith("mixed")) return { ...base, status: "disagree", why: r.problem };
  if (r.problem) return { ...base, status: "unchecked", why: r.problem };
  const ok = agrees(w.value, r.value) || (r.allBlank && isBlank(w.value));
  return {
    ...base,
    independent: r.value,
    status: ok ? "agree" : "disagree",
    why: `${p.id} = ${p.formula} (${kind.toUpperCase()})`,
  };
}

/** The four printed columns before p, when the header captions them I, II, III, IV (quarters). */
function quartersBefore(grid: SheetGrid, nr: NumberRow, p: PrintedNumber): PrintedNumber[] | null {
  const i = nr.numbers.indexOf(p);
  if (i < 4) return null;
  const qs = nr.numbers.slice(i - 4, i);
  const want = ["I", "II", "III", "IV"];
  const ok = qs.every((q, k) => {
    for (let r = Math.max(0, nr.row - 6); r < nr.row; r++) {
      for (let c = q.span[0]; c <= q.span[1]; c++) {
        const t = text(grid.cells[r]?.[c]?.value)
          .toUpperCase()
          .replace(/^(?:TRIWULAN|TW\.?)\s*/, "");
        if (t === want[k]) return true;
      }
    }
    return false;
  });
  return ok ? qs : null;
}

// ---------- indicator tables without a column-number row: their captions define the columns ----------
/** The header row at or above `row` that captions Target, Realisasi and Capaian (after the writes). */
function captionHeader(
  grid: SheetGrid,
  row: number,
  at: (r: number, c: number) => unknown
): { row: number; col: (re: RegExp) => number | undefined } | null {
  for (let r = row; r >= Math.max(0, row - 60); r--) {
    const width = Math.max(grid.cells[r]?.length ?? 0, 40);
    const caps: string[] = [];
    for (let c = 0; c < width; c++) caps.push(text(at(r, c)).toLowerCase());
    const col = (re: RegExp) => {
      const i = caps.findIndex((x) => re.test(x));
      return i < 0 ? undefined : i;
    };
    if (
      col(/^target/) !== undefined &&
      col(/^realisasi/) !== undefined &&
      col(/^capaian/) !== undefined
    )
      return { row: r, col };
  }
  return null;
}

/**
 * Capaian and predikat of a captioned indicator table, recomputed from the captions alone:
 * realisasi / target x 100, or (2 x target - realisasi) / target x 100 where the row's
 * Polarisasi / Arah says Minimize (domain.md, inverse indicators); predikat on the Permendagri
 * 86 bands of the row's capaian. Null when the write is not one of those columns.
 */
export function captionCheck(
  w: PlannedWrite,
  grid: SheetGrid,
  at: (r: number, c: number) => unknown
): { value: Value; why: string } | null {
  const h = captionHeader(grid, w.row, at);
  if (!h) return null;
  const [tc, rc, cc, pc] = [/^target/, /^realisasi/, /^capaian/, /^predikat/].map(h.col);
  if (w.row === h.row)
    return w.col === pc ? { value: "Predikat", why: "new Predikat caption" } : null;
  if (w.col === cc) {
    const t = asNumber(at(w.row, tc!));
    const r = asNumber(at(w.row, rc!));
    const dc = h.col(/^(polari|arah)/);
    const minimize =
      dc !== undefined && /^(minimi|turun|inverse|negatif)/i.test(text(at(w.row, dc)));
    const value =
      typeof t !== "number" || typeof r !== "number" || t === 0
        ? ""
        : ((minimize ? 2 * t - r : r) / t) * 100;
    return { value, why: `captions: ${minimize ? "(2T-R)/T" : "R/T"} x 100` };
  }
  if (w.col === pc && cc !== undefined) {
    const v = asNumber(at(w.row, cc));
    return {
      value: typeof v === "number" ? predikatOf(v)[0] : "",
      why: `predikat of ${show(at(w.row, cc))} in ${a1(w.row, cc)}`,
    };
  }
  return null;
}

/** Why a write changes an input: non-empty cell, input column, or inside a merged area. */
export function inputChangeReasons(w: PlannedWrite, grid: SheetGrid, rows: NumberRow[]): string[] {
  const reasons: string[] = [];
  const old = grid.cells[w.row]?.[w.col];
  if (hasContent(old))
    reasons.push(`overwrote ${old!.formula ? `=${old!.formula}` : show(old!.value)}`);
  const nr = [...rows].reverse().find((x) => x.headerEnd < w.row);
  const p = nr?.numbers.find((q) => w.col >= q.span[0] && w.col <= q.span[1]);
  if (
    nr &&
    p &&
    !p.formula &&
    !quartersBefore(grid, nr, p) &&
    nr.numbers.some((q) => q.expr && refsOf(q.expr).includes(p.id))
  ) {
    reasons.push(`input column ${p.id}`);
  }
  const m = mergeAt(grid, w.row, w.col);
  if (m && (m.top !== w.row || m.left !== w.col))
    reasons.push(`inside merged ${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`);
  return reasons;
}

// ---------- the sheet's own formulas in the same column (for forms without stated formulas) ----------
const REF_RE = /(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(])/g;
const colNumber = (letters: string) =>
  [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** A formula as offsets from its own cell: `I35/F35*100` in L35 -> `{c-3,r0}/{c-6,r0}*100`. */
function relativePattern(formula: string, r: number, c: number): string | null {
  if (/!|\[/.test(formula)) return null; // other sheets or workbooks: not a row pattern
  return formula.replace(REF_RE, (_m, ca: string, col: string, ra: string, row: string) => {
    const cc = ca ? `$${colNumber(col)}` : `c${colNumber(col) - c}`;
    const rr = ra ? `$${Number(row) - 1}` : `r${Number(row) - 1 - r}`;
    return `{${cc},${rr}}`;
  });
}
function instantiate(pattern: string, r: number, c: number): string {
  return pattern.replace(
    /\{(\$?)c?(-?\d+),(\$?)r?(-?\d+)\}/g,
    (_m, ca: string, cv: string, ra: string, rv: string) =>
      `${ca ? "$" : ""}${colLetter(ca ? Number(cv) : c + Number(cv))}${ra ? "$" : ""}${(ra ? Number(rv) : r + Number(rv)) + 1}`
  );
}
/** The column's dominant formula pattern among the sheet's own formulas (>= 3 uses, >= 60 %). */
function columnPattern(grid: SheetGrid, c: number): string | null {
  const counts = new Map<string, number>();
  let total = 0;
  for (let r = 0; r < grid.cells.length; r++) {
    const f = grid.cells[r]?.[c]?.formula;
    if (!f) continue;
    total++;
    const p = relativePattern(f.replace(/^=/, ""), r, c);
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 3 && best[1] >= 0.6 * total ? best[0] : null;
}
/** Evaluate each written cell with the column's own pattern, in a real spreadsheet engine. */
export function patternChecks(
  grid: SheetGrid,
  writes: PlannedWrite[],
  at: (r: number, c: number) => unknown
): Map<string, { value: Value; formula: string }> {
  const out = new Map<string, { value: Value; formula: string }>();
  const patterns = new Map<number, string | null>();
  for (const w of writes) if (!patterns.has(w.col)) patterns.set(w.col, columnPattern(grid, w.col));
  if (![...patterns.values()].some(Boolean)) return out;
  const width = Math.max(...grid.cells.map((r) => r?.length ?? 0), 1);
  const data = grid.cells.map((_row, r) =>
    Array.from({ length: width }, (_x, c) => {
      const v = at(r, c);
      return typeof v === "number" ||
        (typeof v === "string" && !v.startsWith("#") && !v.startsWith("="))
        ? v
        : null;
    })
  );
  const hf = HyperFormula.buildFromArray(data, { licenseKey: "gpl-v3" });
  try {
    for (const w of writes) {
      const p = patterns.get(w.col);
      if (!p) continue;
      const formula = instantiate(p, w.row, w.col);
      hf.setCellContents({ sheet: 0, row: w.row, col: w.col }, `=${formula}`);
      const v = hf.getCellValue({ sheet: 0, row: w.row, col: w.col });
      out.set(w.address, {
        value: typeof v === "number" || typeof v === "string" ? v : "",
        formula,
      });
      hf.setCellContents(
        { sheet: 0, row: w.row, col: w.col },
        typeof w.value === "number" || typeof w.value === "string" ? w.value : null
      );
    }
  } finally {
    hf.destroy();
  }
  return out;
}

// ---------- running one file ----------
function runCli(file: string, output: string): { exit: number | null; crash?: string } {
  const tsx = path.join(
    ROOT,
    "node_modules",
    ".bin",
    process.platform === "win32" ? "tsx.cmd" : "tsx"
  );
  const args = ["src/cli/main.ts", "evaluate", file, "-o", output, "--lang", "en"];
  const res = spawnSync(tsx, args, {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 1 << 28,
  });
  const exit = res.status;
  const noTable = exit === 2 && /No recognisable evaluation table/i.test(res.stderr ?? "");
  if (exit === 0 || noTable) return { exit };
  return {
    exit,
    crash: `CLI exit ${exit ?? res.signal ?? res.error?.message}: ${(res.stderr ?? "").trim().split("\n").slice(-3).join(" / ")}`,
  };
}

function describeKinds(kinds: string[]): string {
  const count = new Map<string, number>();
  for (const k of kinds) count.set(k, (count.get(k) ?? 0) + 1);
  return `${kinds.length}${kinds.length ? ": " : ""}${[...count].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(", ")}`;
}

async function runFile(file: string, outDir: string): Promise<FileResult> {
  const res: FileResult = {
    file: path.relative(CORPUS, file),
    tables: "-",
    cellsWritten: 0,
    agree: 0,
    checked: 0,
    unchecked: 0,
    findings: [],
    crashes: [],
    cliExit: null,
    checks: [],
    inputChanges: [],
  };
  try {
    const { grids } = await readWorkbookGrids(file);
    const kinds: string[] = [];
    for (const grid of grids) {
      try {
        const analysis = analyseSheet(grid, {});
        for (const t of analysis.tables) kinds.push(t.kind);
        for (const f of analysis.findings) res.findings.push(f);
        const writes = analysis.plan.writes;
        res.cellsWritten += writes.length;
        const rows = findNumberRows(grid);
        const at = sheetAfterWrites(grid, writes);
        const byPattern = patternChecks(grid, writes, at);
        for (const w of writes) {
          let c = checkWrite(w, grid, rows, at);
          const byCaption = c.status === "unchecked" ? captionCheck(w, grid, at) : null;
          if (byCaption) {
            const ok =
              agrees(w.value, byCaption.value) ||
              (typeof byCaption.value === "string" &&
                text(w.value).toLowerCase() === byCaption.value.toLowerCase());
            c = {
              ...c,
              independent: byCaption.value,
              status: ok ? "agree" : "disagree",
              why: byCaption.why,
            };
          }
          const own = byPattern.get(w.address);
          if (c.status === "unchecked" && own) {
            const ok =
              agrees(w.value, own.value) ||
              (typeof own.value === "string" && own.value.startsWith("#") && isBlank(w.value));
            c = {
              ...c,
              independent: own.value,
              status: ok ? "agree" : "disagree",
              why: `the column's own formula =${own.formula}`,
            };
          }
          res.checks.push(c);
          const reasons = inputChangeReasons(w, grid, rows);
          if (reasons.length)
            res.inputChanges.push({
              sheet: w.sheet,
              address: w.address,
              rule: w.rule,
              value: w.value,
              reasons,
            });
        }
      } catch (e) {
        res.crashes.push(
          `analyseSheet '${grid.name}': ${e instanceof Error ? e.stack?.split("\n").slice(0, 2).join(" ") : String(e)}`
        );
      }
    }
    res.tables = describeKinds(kinds);
  } catch (e) {
    res.crashes.push(`read: ${e instanceof Error ? e.message : String(e)}`);
  }
  res.agree = res.checks.filter((c) => c.status === "agree").length;
  res.checked = res.checks.filter((c) => c.status !== "unchecked").length;
  res.unchecked = res.checks.length - res.checked;
  const cli = runCli(file, path.join(outDir, path.basename(file).replace(/\.xlsx$/i, ".out.xlsx")));
  res.cliExit = cli.exit;
  if (cli.crash) res.crashes.push(cli.crash);
  return res;
}

// ---------- report ----------
function printTable(results: FileResult[]): void {
  console.log(
    "| file | tables | cells written | agree/checked | unchecked | findings | crashes | CLI exit | input cells changed |"
  );
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const cells = [
      r.file,
      r.tables,
      r.cellsWritten,
      `${r.agree}/${r.checked}`,
      r.unchecked,
      r.findings.length,
      r.crashes.length,
      r.cliExit ?? "-",
      r.inputChanges.length,
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}

function printCapped(title: string, lines: string[]): void {
  if (!lines.length) return;
  console.log(`- ${title} (${lines.length}):`);
  for (const l of lines.slice(0, CAP)) console.log(`  - ${l}`);
  if (lines.length > CAP) console.log(`  - … ${lines.length - CAP} more (see JSON)`);
}

function printDetails(r: FileResult): void {
  console.log(`\n### ${r.file}`);
  printCapped("crashes", r.crashes);
  printCapped(
    "disagreeing writes",
    r.checks
      .filter((c) => c.status === "disagree")
      .map(
        (c) =>
          `${c.sheet}!${c.address} [${c.rule}] engine ${show(c.engine)}, independent ${show(c.independent ?? null)} — ${c.why}`
      )
  );
  printCapped(
    "changed input cells",
    r.inputChanges.map(
      (c) => `${c.sheet}!${c.address} [${c.rule}] wrote ${show(c.value)}: ${c.reasons.join("; ")}`
    )
  );
  const byRule = new Map<string, Checked[]>();
  const counts = new Map<string, number>();
  for (const c of r.checks.filter((x) => x.status === "unchecked")) {
    const key = `${c.rule} — ${c.why}`;
    byRule.set(key, [...(byRule.get(key) ?? []), c].slice(0, 3)); // keep three examples
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const examples = (cs: Checked[]) =>
    cs.map((c) => `${c.sheet}!${c.address}=${show(c.engine)}`).join(", ");
  printCapped(
    "unchecked writes by rule",
    [...byRule].map(([k, cs]) => `${counts.get(k)}× ${k} (e.g. ${examples(cs)})`)
  );
  printCapped(
    "findings",
    r.findings.map((f) => `${f.sheet}!${f.address} [${f.rule}] ${f.message}`)
  );
}

/**
 * Every part of the input package compared with the output of `evaluate`: parts missing from the
 * output (lost), parts whose bytes changed (expected only for the sheets written, styles, comments,
 * content types, rels and workbook.xml), and parts added. Charts and external links are counted apart.
 */
function partsDiff(
  input: string,
  output: string
): {
  lost: string[];
  changed: string[];
  added: string[];
  charts: [number, number];
  links: [number, number];
} {
  const a = unzipSync(fs.readFileSync(input));
  const b = unzipSync(fs.readFileSync(output));
  const same = (x: Uint8Array, y: Uint8Array) =>
    x.length === y.length && Buffer.from(x).equals(Buffer.from(y));
  const isChart = (n: string) => /^xl\/charts\/chart\d*\.xml$/.test(n);
  const isLink = (n: string) => /^xl\/externalLinks\/externalLink\d*\.xml$/.test(n);
  const count = (z: Record<string, Uint8Array>, f: (n: string) => boolean) =>
    Object.keys(z).filter(f).length;
  return {
    lost: Object.keys(a).filter((n) => !(n in b)),
    changed: Object.keys(a).filter((n) => n in b && !same(a[n], b[n])),
    added: Object.keys(b).filter((n) => !(n in a)),
    charts: [count(a, isChart), count(b, isChart)],
    links: [count(a, isLink), count(b, isLink)],
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CORPUS)) {
    console.log(
      `corpus: ${CORPUS} not found; nothing to do (set MONEV_CORPUS to point elsewhere).`
    );
    return;
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "monev-corpus-"));
  const files = listXlsx(CORPUS);
  const results: FileResult[] = [];
  for (const f of files) {
    process.stderr.write(`corpus: ${path.relative(CORPUS, f)}…\n`);
    results.push(await runFile(f, outDir));
  }
  console.log(`# Monev corpus run: ${files.length} .xlsx files in ${CORPUS}\n`);
  printTable(results);
  console.log("\n## Details");
  for (const r of results) printDetails(r);
  const json = path.join(outDir, "corpus.json");
  fs.writeFileSync(
    json,
    JSON.stringify({ corpus: CORPUS, ranAt: new Date().toISOString(), results }, null, 1)
  );
  console.log("\n## Package parts kept by evaluate (input vs output, byte for byte)");
  console.log(
    "| file | parts lost | parts changed | parts added | charts in/out | external links in/out |"
  );
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const f of files) {
    const out = path.join(outDir, path.basename(f).replace(/\.xlsx$/i, ".out.xlsx"));
    if (!fs.existsSync(out)) {
      console.log(`| ${path.relative(CORPUS, f)} | no output | | | | |`);
      continue;
    }
    try {
      const d = partsDiff(f, out);
      console.log(
        `| ${path.relative(CORPUS, f)} | ${d.lost.length} | ${d.changed.length} | ${d.added.length} | ${d.charts.join("/")} | ${d.links.join("/")} |`
      );
      if (d.lost.length)
        console.log(
          `|  lost: ${d.lost.slice(0, 8).join(", ")}${d.lost.length > 8 ? ", …" : ""} | | | | | |`
        );
    } catch (e) {
      console.log(
        `| ${path.relative(CORPUS, f)} | cannot compare: ${e instanceof Error ? e.message : String(e)} | | | | |`
      );
    }
  }
  console.log(`\nJSON result: ${json}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
