/**
 * Building blocks shared by the per-kind rules: capaian, predikat, mean and sum cells, each
 * emitted with its native formula and the value of the same core rule.
 */
import { Arah, parseArah, suggestArah } from "../../arah";
import { capaian, capaianFormula } from "../../capaian";
import type { CellValue } from "../../errors";
import { isMonevError } from "../../errors";
import { Scale, getScale, predikat, predikatFormula, SCALES } from "../../predikat";
import { parseAngka } from "../../number";
import { rata } from "../../rata";
import type { ColumnInfo, QuarterType, RowInfo, TableModel } from "../types";
import { msg } from "../messages";
import { PCT, RuleContext, cached, isEmptyValue, refList, type Computation } from "./context";

// Compiled once: a regex literal in a function makes an object per call (these run per row).
const RP_RULE_RE = /-rp$/;
const SUM_WORDING_RE = /^(jumlah|banyaknya|total)\b/i;
const RATE_UNIT_RE = /^\s*(indeks|rasio)\s*$/i;
const NO_VALUE_RE = /^\s*[-\u2013\u2014]\s*$|^\s*nihil\s*$/i;

/** Direction of the indicator on a row: user override, arah cell, recogniser, then (auto) suggestion. */
export function rowArah(ctx: RuleContext, row: RowInfo, arahCol?: number): Arah {
  const o = ctx.opts.arahOverrides?.[row.row];
  if (o) return o;
  if (arahCol !== undefined) {
    const v = ctx.get(row.row, arahCol);
    if (!isEmptyValue(v)) {
      const a = parseArah(v);
      if (!isMonevError(a)) return a;
    }
  }
  if (row.arah) return row.arah;
  const suggestion = row.arahSuggestion ?? suggestArah(row.label);
  if (suggestion === "inverse") {
    if (ctx.opts.arah === "auto") {
      if (ctx.mode === "plan") {
        ctx.notes.push(
          msg("note.arah-inverse-auto", { row: row.row + 1, label: short(row.label) })
        );
      }
      return "inverse";
    }
    if (ctx.mode === "plan") {
      ctx.notes.push(
        msg("note.arah-inverse-suggested", { row: row.row + 1, label: short(row.label) })
      );
    }
  }
  return "normal";
}

export function short(s: string, n = 50): string {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return t.length > n ? t.slice(0, n - 3) + "..." : t;
}

/** capaian(target, realisasi) into (row, out). Skipped when either input is empty. */
export function emitCapaian(
  ctx: RuleContext,
  row: number,
  tCol: number,
  rCol: number,
  out: number,
  arah: Arah,
  rule = "capaian",
  tRow = row,
  rRow = row
): void {
  const t = ctx.get(tRow, tCol);
  const r = ctx.get(rRow, rCol);
  if (isEmptyValue(t) || isEmptyValue(r)) return;
  // The cap (batas) limits a performance capaian, never a budget absorption (rule ids ending in -rp).
  const cap = RP_RULE_RE.test(rule) ? undefined : ctx.opts.batas;
  const T = ctx.ref(tRow, tCol);
  const R = ctx.ref(rRow, rCol);
  const formula = capaianFormula(T, R, { arah, cap });
  const value = cached(capaian(t, r, { arah, cap }));
  // The description only for a printed cell (the audit reads none other): "" is no description.
  const description = !ctx.describes(row, out)
    ? ""
    : arah === "normal"
      ? `realisasi ${R} / target ${T} × 100`
      : `capaian arah ${arah} dari target ${T} dan realisasi ${R}`;
  ctx.emitFormula(row, out, rule, formula, value, PCT, description, [
    [tRow, tCol],
    [rRow, rCol],
  ]);
}

/** Predikat label of the value in (srcRow, srcCol) into (row, out). Skipped when the source is empty. */
export function emitPredikat(
  ctx: RuleContext,
  row: number,
  srcRow: number,
  srcCol: number,
  out: number,
  scale: Scale,
  form: "panjang" | "kode",
  rule = "predikat"
): void {
  const v = ctx.get(srcRow, srcCol);
  if (isEmptyValue(v)) return;
  const p = predikat(v, scale, form);
  const src = ctx.ref(srcRow, srcCol);
  const comp: Computation = {
    row,
    col: out,
    rule,
    formula: predikatFormula(src, scale, form),
    value: cached(p),
    inputs: [[srcRow, srcCol]],
    label: { scale, form },
  };
  if (ctx.describes(row, out)) comp.description = `predikat dari ${src} pada skala ${scale.name}`;
  ctx.emit(comp);
}

/** Plain mean (AVERAGE) of cells; skipped when none holds a number. */
export function emitMean(
  ctx: RuleContext,
  row: number,
  out: number,
  cells: [number, number][],
  rule: string,
  description: string,
  factor?: [number, number]
): void {
  const vals: CellValue[] = cells.map(([r, c]) => ctx.get(r, c));
  const m = rata(vals);
  if (isMonevError(m)) return;
  let value = m;
  const refs = refList(ctx, cells);
  let formula = `IFERROR(AVERAGE(${refs}),"")`;
  // The cells themselves are the inputs (emit reads them and keeps nothing).
  let inputs = cells;
  if (factor) {
    const f = ctx.num(factor[0], factor[1]);
    if (f === null) return;
    value = (f * m) / 100;
    const fr = ctx.ref(factor[0], factor[1]);
    formula = `IFERROR(${fr}*AVERAGE(${refs})/100,"")`;
    inputs = [...cells, factor];
  }
  ctx.emitFormula(row, out, rule, formula, value, PCT, description, inputs);
}

/** SUM of cells; skipped when none holds a number. */
export function emitSum(
  ctx: RuleContext,
  row: number,
  out: number,
  cells: [number, number][],
  rule: string,
  description: string,
  opts: { numFmt?: string; auditOnly?: boolean } = {}
): void {
  const s = sumCells(ctx, cells);
  if (s === null) return;
  ctx.emit({
    row,
    col: out,
    rule,
    // An audit-only check is never written: it needs no formula text.
    formula: opts.auditOnly ? undefined : `SUM(${refList(ctx, cells)})`,
    value: s,
    numFmt: opts.numFmt,
    description,
    inputs: cells,
    auditOnly: opts.auditOnly,
  });
}

/** sumValues of the cells' values as the formulas see them, without a list of the values. */
function sumCells(ctx: RuleContext, cells: [number, number][]): number | null {
  let s = 0;
  let n = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = ctx.get(cells[i][0], cells[i][1]);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) continue; // parseAngka: an error, skipped
      s += v;
      n++;
      continue;
    }
    const p = parseAngka(v);
    if (p === null || isMonevError(p)) continue;
    s += p.value;
    n++;
  }
  return n === 0 ? null : s;
}

/** The scale: opts.scale, else one guessed from printed labels, else the kind's default. */
export function resolveScale(
  ctx: RuleContext,
  labelCol: number | undefined,
  fallbackId: string
): Scale {
  if (ctx.opts.scale) {
    const s = getScale(ctx.opts.scale, ctx.opts.scales);
    if (!isMonevError(s)) return s;
  }
  if (labelCol !== undefined) {
    for (const r of ctx.table.rows) {
      const v = ctx.cell(r.row, labelCol)?.value;
      if (typeof v === "string" && /berhasi/i.test(v)) return SCALES.berhasil;
    }
  }
  const s = getScale(fallbackId);
  return isMonevError(s) ? SCALES.permendagri86 : s;
}

/** 'kode' when the printed labels are short codes (ST, T, SB), else 'panjang'. */
export function resolveForm(
  ctx: RuleContext,
  labelCol: number | undefined,
  fallback: "panjang" | "kode"
): "panjang" | "kode" {
  if (labelCol === undefined) return fallback;
  let codes = 0;
  let longs = 0;
  for (const r of ctx.table.rows) {
    const v = ctx.cell(r.row, labelCol)?.value;
    if (typeof v !== "string" || v.trim() === "") continue;
    if (/^[A-Z]{1,3}$/.test(v.trim())) codes++;
    else if (/[a-z]{3,}/i.test(v)) longs++;
  }
  if (codes === 0 && longs === 0) return fallback;
  return codes > longs ? "kode" : "panjang";
}

// ---------- realisation from quarters ----------

/**
 * Wordings of a state or rate, whose year value is the last quarter's: persentase, indeks, rasio,
 * tingkat (not a training level: "Tingkat Dasar"). A "%" unit alone does not decide: the RKPD seed
 * (000) adds up its "%" quarters (25+25+25+25 -> 100; 0+25+45+25 -> 95), i.e. progress per quarter.
 */
const LAST_QUARTER_RE =
  /\bpersen(tase)?\b|\bindeks\b|\bindex\b|\brasio\b|\btingkat\b(?!\s+(dasar|mahir|lanjut|lanjutan|menengah|terampil|ahli|pemula)\b)/i;

/** The quarter type a row's wording suggests: 'last' for a state or rate, else 'sum' ("jumlah ..." always sums). */
export function suggestQuarterType(unit: string, wording: string): QuarterType {
  const w = wording.trim();
  if (SUM_WORDING_RE.test(w)) return "sum";
  return LAST_QUARTER_RE.test(w) || RATE_UNIT_RE.test(unit) ? "last" : "sum";
}

/** The quarter type of a row: per-row option, the default option, else the suggestion and whether it was guessed. */
export function rowQuarterType(
  ctx: RuleContext,
  row: RowInfo
): { type: QuarterType; guessed: boolean } {
  const o = ctx.opts.quarterType;
  const set = o?.rows?.[row.row] ?? o?.default;
  if (set) return { type: set, guessed: false };
  const cols = wordingColumns(ctx.table);
  const textOf = (c: number | undefined) => {
    const v = c === undefined ? undefined : ctx.get(row.row, c);
    return typeof v === "string" ? v : "";
  };
  return {
    type: suggestQuarterType(textOf(cols.satuan), textOf(cols.indikator) || row.label),
    guessed: true,
  };
}

/** The satuan and indikator columns of a table, looked up once (not for every row). */
const wordingColumnsOf = new WeakMap<ColumnInfo[], { satuan?: number; indikator?: number }>();
function wordingColumns(table: TableModel): { satuan?: number; indikator?: number } {
  let cols = wordingColumnsOf.get(table.columns);
  if (cols === undefined) {
    cols = {
      satuan: table.columns.find((x) => x.role === "satuan")?.col,
      indikator: table.columns.find((x) => x.role === "indikator")?.col,
    };
    wordingColumnsOf.set(table.columns, cols);
  }
  return cols;
}

/**
 * A K realisation that a form defines as the sum of its quarters, on a row whose quarters are not
 * added up ('last' filled quarter, or their 'average'): the computation to emit instead of the
 * SUM, or undefined for a sum (or when `refs` are not all K quarter columns).
 */
/** The quarter columns (in quarter order) of a rule's operands, or null when they are not all K quarters. */
const quarterColumns = new WeakMap<number[], ColumnInfo[] | null>();

export function quarterRealisation(
  ctx: RuleContext,
  row: RowInfo,
  refs: number[],
  out: number,
  rule: string,
  numFmt: string | undefined
): Computation | undefined {
  let quarters = quarterColumns.get(refs);
  if (quarters === undefined) {
    // Once per rule (its refs), not per row: the same columns on every row.
    const cols = refs
      .map((c) => ctx.table.columns.find((x) => x.col === c))
      .filter((c): c is ColumnInfo => c !== undefined && c.role === "realisasi-tw-k");
    quarters =
      cols.length === refs.length && cols.length >= 2
        ? cols.sort((a, b) => (a.quarter ?? a.col) - (b.quarter ?? b.col))
        : null;
    quarterColumns.set(refs, quarters);
  }
  if (quarters === null) return undefined;
  const q = rowQuarterType(ctx, row);
  if (q.type === "sum") return undefined;
  // A guess is only suggested: every sheet seen so far (RKPD seed 000, the Jember pattern) adds up
  // even its persentase quarters (20+30+25+25 -> 100). The user or --triwulan decides.
  if (q.guessed) {
    if (ctx.mode === "plan") {
      ctx.notes.push(
        msg("note.quarter-last-suggested", { row: row.row + 1, label: short(row.label) })
      );
    }
    return undefined;
  }
  const nums: number[] = [];
  for (const c of quarters) {
    const v = ctx.get(row.row, c.col);
    if (typeof v === "number" && Number.isFinite(v)) nums.push(v);
    else if (!isEmptyValue(v) && !(typeof v === "string" && NO_VALUE_RE.test(v))) {
      const p = parseAngka(v);
      if (p === null || isMonevError(p)) return undefined;
      nums.push(p.value);
    }
  }
  if (nums.length === 0) return undefined;
  const refsText = quarters.map((c) => ctx.ref(row.row, c.col));
  let formula: string;
  let value: number;
  if (q.type === "last") {
    formula = '""';
    for (const r of refsText) formula = `IF(ISNUMBER(${r}),${r},${formula})`;
    value = nums[nums.length - 1];
  } else {
    formula = `IFERROR(AVERAGE(${refsText.join(",")}),"")`;
    value = nums.reduce((a, b) => a + b, 0) / nums.length;
  }
  const word = q.type === "last" ? "triwulan terakhir yang terisi" : "rata-rata triwulan";
  return {
    row: row.row,
    col: out,
    rule,
    formula,
    value,
    numFmt,
    description: `realisasi = ${word}`,
    inputs: quarters.map((c): [number, number] => [row.row, c.col]),
  };
}
