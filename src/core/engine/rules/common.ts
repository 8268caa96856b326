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
import type { RowInfo } from "../types";
import { PCT, RuleContext, cached, isEmptyValue, refList } from "./context";

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
          `Baris ${row.row + 1} ('${short(row.label)}') dihitung dengan arah inverse ` +
            `(semakin rendah semakin baik) berdasarkan kata-katanya.`,
        );
      }
      return "inverse";
    }
    if (ctx.mode === "plan") {
      ctx.notes.push(
        `Baris ${row.row + 1} ('${short(row.label)}') tampaknya indikator 'semakin rendah semakin baik'; ` +
          `dihitung sebagai normal. Isi kolom arah dengan 'inverse' atau pilih arah otomatis bila sesuai.`,
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
  rRow = row,
): void {
  const t = ctx.get(tRow, tCol);
  const r = ctx.get(rRow, rCol);
  if (isEmptyValue(t) || isEmptyValue(r)) return;
  const formula = capaianFormula(ctx.ref(tRow, tCol), ctx.ref(rRow, rCol), { arah });
  const value = cached(capaian(t, r, { arah }));
  const desc =
    arah === "normal"
      ? `realisasi ${ctx.ref(rRow, rCol)} / target ${ctx.ref(tRow, tCol)} × 100`
      : `capaian arah ${arah} dari target ${ctx.ref(tRow, tCol)} dan realisasi ${ctx.ref(rRow, rCol)}`;
  ctx.emit({
    row,
    col: out,
    rule,
    formula,
    value,
    numFmt: PCT,
    description: desc,
    inputs: [
      [tRow, tCol],
      [rRow, rCol],
    ],
  });
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
  rule = "predikat",
): void {
  const v = ctx.get(srcRow, srcCol);
  if (isEmptyValue(v)) return;
  const p = predikat(v, scale, form);
  ctx.emit({
    row,
    col: out,
    rule,
    formula: predikatFormula(ctx.ref(srcRow, srcCol), scale, form),
    value: cached(p),
    description: `predikat dari ${ctx.ref(srcRow, srcCol)} pada skala ${scale.name}`,
    inputs: [[srcRow, srcCol]],
    label: { scale, form },
  });
}

/** Plain mean (AVERAGE) of cells; skipped when none holds a number. */
export function emitMean(
  ctx: RuleContext,
  row: number,
  out: number,
  cells: [number, number][],
  rule: string,
  description: string,
  factor?: [number, number],
): void {
  const vals: CellValue[] = cells.map(([r, c]) => ctx.get(r, c));
  const m = rata(vals);
  if (isMonevError(m)) return;
  let value = m;
  let formula = `IFERROR(AVERAGE(${refList(ctx, cells)}),"")`;
  const inputs = [...cells];
  if (factor) {
    const f = ctx.num(factor[0], factor[1]);
    if (f === null) return;
    value = (f * m) / 100;
    const fr = ctx.ref(factor[0], factor[1]);
    formula = `IFERROR(${fr}*AVERAGE(${refList(ctx, cells)})/100,"")`;
    inputs.push(factor);
  }
  ctx.emit({ row, col: out, rule, formula, value, numFmt: PCT, description, inputs });
}

/** SUM of cells; skipped when none holds a number. */
export function emitSum(
  ctx: RuleContext,
  row: number,
  out: number,
  cells: [number, number][],
  rule: string,
  description: string,
  opts: { numFmt?: string; auditOnly?: boolean } = {},
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
export function resolveScale(ctx: RuleContext, labelCol: number | undefined, fallbackId: string): Scale {
  if (ctx.opts.scale) {
    const s = getScale(ctx.opts.scale);
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
export function resolveForm(ctx: RuleContext, labelCol: number | undefined, fallback: "panjang" | "kode"): "panjang" | "kode" {
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
