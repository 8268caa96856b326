/**
 * Indicator tables (PK, IKU, LKjIP Tabel 3.1.1): capaian = capaian(target, realisasi, arah),
 * predikat from capaian, and the "rata-rata" row. Columns missing from the table (capaian,
 * predikat) are appended right of it, with header cells.
 */
import { cellAddress } from "../address";
import { msg } from "../messages";
import type { ColumnInfo } from "../types";
import { MONTH_RE } from "../recognise/header";
import { normalise } from "../recognise/cells";
import { Computation, RuleContext, colsByRole, isEmptyValue } from "./context";
import { emitCapaian, emitMean, emitPredikat, resolveForm, resolveScale, rowArah } from "./common";
import type { Shape } from "./shape";

const YEAR = /(?:19|20)\d\d/;

function year(c: ColumnInfo): string | undefined {
  return YEAR.exec(c.header)?.[0];
}

/** Target and realisation columns of the same year (the latest such year), else the last of each. */
export function pickTargetRealisasi(
  targets: ColumnInfo[],
  reals: ColumnInfo[]
): { t: ColumnInfo; r: ColumnInfo } | undefined {
  if (targets.length === 0 || reals.length === 0) return undefined;
  const ty = targets.filter((c) => year(c));
  const ry = reals.filter((c) => year(c));
  if (ty.length > 0 && ry.length > 0) {
    const years = ty.map((c) => year(c) as string).filter((y) => ry.some((c) => year(c) === y));
    if (years.length === 0) return undefined; // e.g. PK: realisasi of earlier years only
    const y = years.sort().at(-1) as string;
    return {
      t: ty.filter((c) => year(c) === y).at(-1) as ColumnInfo,
      r: ry.filter((c) => year(c) === y).at(-1) as ColumnInfo,
    };
  }
  return { t: targets.at(-1) as ColumnInfo, r: reals.at(-1) as ColumnInfo };
}

/** A period caption of a column group: a month, a quarter ("Triwulan II", "TW 2") or a half year. */
const PERIOD_RE = /^(?:(?:triwulan|tw|semester|smt)\.?\s*(?:[1-4]|i{1,3}|iv))$/;

/** The period a target or realisation column belongs to, from the captions above its own ("Januari / Target"). */
export function periodOf(c: ColumnInfo): string | undefined {
  const parts = c.header.split(" / ");
  for (const p of parts.slice(0, -1)) {
    const n = normalise(p);
    if (MONTH_RE.test(n) || PERIOD_RE.test(n)) return p.trim();
  }
  return undefined;
}

/**
 * Several target and realisation columns, one pair per period (Renaksi: "Januari / Target",
 * "Januari / Realisasi" … "Desember"), no year among them: the periods, in column order, when there
 * are at least two. Which period a capaian column appended right of the table would rate is then
 * anybody's guess.
 */
export function periodPairs(targets: ColumnInfo[], reals: ColumnInfo[]): string[] | undefined {
  if (targets.length < 2 || reals.length < 2) return undefined;
  if ([...targets, ...reals].some((c) => year(c))) return undefined;
  const periods = targets.map(periodOf);
  if (periods.some((p) => p === undefined) || new Set(periods).size !== periods.length)
    return undefined;
  if (!reals.every((c) => periods.includes(periodOf(c)))) return undefined;
  return periods as string[];
}

const CAPAIAN_HEADER = "Capaian (%)";
const PREDIKAT_HEADER = "Predikat";

/** Column right of the table whose header cell reads like `re` (an appended column from an earlier run). */
function appendedColumn(ctx: RuleContext, re: RegExp): number | undefined {
  const hr = ctx.table.headerRows.length > 0 ? ctx.table.headerRows : [ctx.table.top];
  const width = Math.max(...hr.map((r) => ctx.grid.cells[r]?.length ?? 0));
  for (let c = ctx.table.right + 1; c < width; c++) {
    for (const r of hr) {
      const v = ctx.cell(r, c)?.value;
      if (typeof v === "string" && re.test(v.trim())) return c;
    }
  }
  return undefined;
}

export function indikatorRules(ctx: RuleContext): void {
  const { table } = ctx;
  const targets = colsByRole(table, "target", "target-k");
  const reals = colsByRole(table, "realisasi", "realisasi-k", "realisasi-total-k");
  const pair = pickTargetRealisasi(targets, reals);
  if (!pair) {
    ctx.notes.push(msg("note.no-target-realisasi-pair", { sheet: table.sheet }));
    return;
  }
  const arahCol = colsByRole(table, "arah")[0]?.col;
  let capCol =
    colsByRole(table, "capaian", "capaian-k").filter((c) => c.col > pair.r.col)[0]?.col ??
    colsByRole(table, "capaian", "capaian-k")[0]?.col;
  const periods = capCol === undefined ? periodPairs(targets, reals) : undefined;
  if (periods && appendedColumn(ctx, /^capaian/i) === undefined) {
    // One pair per period and no capaian column: appending one for the last period would rate a
    // month nobody chose. Nothing is written; the message says why.
    ctx.notes.push(
      msg("note.period-pairs", {
        sheet: table.sheet,
        count: periods.length,
        first: periods[0],
        last: periods[periods.length - 1],
      })
    );
    return;
  }
  let predCol = colsByRole(table, "predikat")[0]?.col;

  // Append missing columns right of the table (reusing ones appended by an earlier run).
  const headerRow = table.headerRows.length > 0 ? Math.max(...table.headerRows) : table.top;
  let next = table.right + 1;
  const headers: Computation[] = [];
  if (capCol === undefined) {
    capCol = appendedColumn(ctx, /^capaian/i) ?? next++;
    headers.push(headerCell(headerRow, capCol, CAPAIAN_HEADER));
  }
  if (predCol === undefined) {
    predCol = appendedColumn(ctx, /^(predikat|kategori)/i) ?? Math.max(next, capCol + 1);
    headers.push(headerCell(headerRow, predCol, PREDIKAT_HEADER));
  }
  for (const h of headers) ctx.emit(h);

  const scale = resolveScale(ctx, predCol, "permendagri86");
  const form = resolveForm(ctx, predCol, "panjang");
  const dataLevels = new Set(["indikator", "sasaran", "program", "kegiatan", "subkegiatan"]);
  const capCells: [number, number][] = [];
  for (const row of table.rows) {
    if (!dataLevels.has(row.level)) continue;
    if (isEmptyValue(ctx.get(row.row, pair.t.col)) || isEmptyValue(ctx.get(row.row, pair.r.col)))
      continue;
    const arah = rowArah(ctx, row, arahCol);
    emitCapaian(ctx, row.row, pair.t.col, pair.r.col, capCol, arah);
    capCells.push([row.row, capCol]);
    emitPredikat(ctx, row.row, row.row, capCol, predCol, scale, form);
  }
  for (const row of table.rows) {
    if (row.level !== "rata-rata" || capCells.length === 0) continue;
    emitMean(ctx, row.row, capCol, capCells, "rata-rata", "rata-rata capaian indikator");
    emitPredikat(ctx, row.row, row.row, capCol, predCol, scale, form);
  }
}

function headerCell(row: number, col: number, text: string): Computation {
  return {
    row,
    col,
    rule: "kolom-baru",
    value: text,
    isHeader: true,
    description: `judul kolom baru ${cellAddress(row, col)}`,
    numFmt: undefined,
  };
}

export const indikatorShape: Shape = {
  kind: "indikator",
  name: { id: "tabel indikator kinerja", en: "performance indicator table" },
  detect: (s) =>
    s.has("indikator") &&
    s.has(
      "target",
      "target-k",
      "realisasi",
      "realisasi-k",
      "capaian",
      "capaian-k",
      "target-renstra"
    ),
  rules: indikatorRules,
};
