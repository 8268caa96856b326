/**
 * LKjIP comparison tables of chapter III (Sibolga's Tabel 3.1.3 and 3.1.6 are the pattern):
 * - progress towards the Renstra end target ("kemajuan" = realisasi s.d. tahun ini / target akhir
 *   Renstra × 100, by the indicator's direction), and
 * - efficiency of resources: capaian kinerja, budget absorption (% = realisasi / anggaran × 100)
 *   and efficiency (Rp = anggaran − realisasi), with the JUMLAH row as sums over the rows.
 * A table with earlier years' realisation (3.1.2) is an indicator table: its capaian pairs the
 * target and realisation of the same year (rules/indikator.ts).
 */
import { efisiensi, efisiensiFormula, serapan, serapanFormula } from "../../anggaran";
import type { RowInfo } from "../types";
import { msg } from "../messages";
import { PCT, RP, RuleContext, cached, colsByRole, isEmptyValue } from "./context";
import { emitCapaian, emitMean, emitSum, rowArah } from "./common";
import type { Shape } from "./shape";

/** Rows of the table's indicators (a sasaran row carries its indicator's figures in these tables). */
const DATA_LEVELS = new Set<RowInfo["level"]>([
  "indikator",
  "sasaran",
  "program",
  "kegiatan",
  "subkegiatan",
]);
const TOTAL_LEVELS = new Set<RowInfo["level"]>(["jumlah", "total"]);

/** Kemajuan: the last realisation column left of the kemajuan column over the Renstra end target. */
function kemajuanRules(ctx: RuleContext): void {
  const { table } = ctx;
  const kem = colsByRole(table, "kemajuan")[0];
  const target =
    colsByRole(table, "target-renstra")
      .filter((c) => c.col < kem.col)
      .at(-1) ?? colsByRole(table, "target-renstra")[0];
  const real = colsByRole(table, "realisasi", "realisasi-k", "realisasi-total-k")
    .filter((c) => c.col < kem.col)
    .at(-1);
  if (!target || !real) {
    ctx.notes.push(msg("note.kemajuan-inputs-missing", { sheet: table.sheet }));
    return;
  }
  const arahCol = colsByRole(table, "arah")[0]?.col;
  const cells: [number, number][] = [];
  for (const row of table.rows) {
    if (!DATA_LEVELS.has(row.level)) continue;
    if (isEmptyValue(ctx.get(row.row, target.col)) || isEmptyValue(ctx.get(row.row, real.col)))
      continue;
    emitCapaian(
      ctx,
      row.row,
      target.col,
      real.col,
      kem.col,
      rowArah(ctx, row, arahCol),
      "kemajuan"
    );
    cells.push([row.row, kem.col]);
  }
  for (const row of table.rows) {
    if (row.level === "rata-rata" && cells.length > 0)
      emitMean(ctx, row.row, kem.col, cells, "kemajuan.rata-rata", "rata-rata kemajuan indikator");
  }
}

export const kemajuanShape: Shape = {
  kind: "lkjip-kemajuan",
  name: {
    id: "kemajuan terhadap target akhir Renstra (LKjIP)",
    en: "progress towards the Renstra end target (LKjIP)",
  },
  detect: (s) =>
    !s.quarters &&
    s.has("kemajuan") &&
    s.has("target-renstra") &&
    s.has("realisasi", "realisasi-k", "realisasi-total-k"),
  rules: kemajuanRules,
};

/** Serapan and efisiensi of one row from its anggaran and realisation cells. */
function emitBudget(
  ctx: RuleContext,
  r: number,
  a: number,
  x: number,
  ser: number | undefined,
  efi: number | undefined
): void {
  if (isEmptyValue(ctx.get(r, a)) || isEmptyValue(ctx.get(r, x))) return;
  const A = ctx.ref(r, a);
  const X = ctx.ref(r, x);
  if (ser !== undefined) {
    ctx.emit({
      row: r,
      col: ser,
      rule: "serapan",
      formula: serapanFormula(A, X),
      value: cached(serapan(ctx.get(r, a), ctx.get(r, x))),
      numFmt: PCT,
      description: `realisasi anggaran ${X} / anggaran ${A} × 100`,
      inputs: [
        [r, a],
        [r, x],
      ],
    });
  }
  if (efi !== undefined) {
    ctx.emit({
      row: r,
      col: efi,
      rule: "efisiensi",
      formula: efisiensiFormula(A, X),
      value: cached(efisiensi(ctx.get(r, a), ctx.get(r, x))),
      numFmt: RP,
      description: `anggaran ${A} − realisasi ${X}`,
      inputs: [
        [r, a],
        [r, x],
      ],
    });
  }
}

function efisiensiRules(ctx: RuleContext): void {
  const { table } = ctx;
  const a = colsByRole(table, "anggaran", "target-rp")[0]?.col;
  const x = colsByRole(table, "realisasi-rp").filter((c) => a === undefined || c.col > a)[0]?.col;
  const ser = colsByRole(table, "serapan")[0]?.col;
  const efi = colsByRole(table, "efisiensi")[0]?.col;
  const t = colsByRole(table, "target", "target-k")[0]?.col;
  const k = colsByRole(table, "realisasi", "realisasi-k").filter(
    (c) => t === undefined || c.col > t
  )[0]?.col;
  const cap = colsByRole(table, "capaian", "capaian-k")[0]?.col;
  const arahCol = colsByRole(table, "arah")[0]?.col;
  const data: number[] = [];
  for (const row of table.rows) {
    if (!DATA_LEVELS.has(row.level)) continue;
    data.push(row.row);
    if (t !== undefined && k !== undefined && cap !== undefined)
      emitCapaian(ctx, row.row, t, k, cap, rowArah(ctx, row, arahCol));
    if (a !== undefined && x !== undefined) emitBudget(ctx, row.row, a, x, ser, efi);
  }
  if (a === undefined || x === undefined) {
    ctx.notes.push(msg("note.efisiensi-inputs-missing", { sheet: table.sheet }));
    return;
  }
  // JUMLAH: sums of the money columns over the rows, then its own absorption and efficiency.
  for (const row of table.rows) {
    if (!TOTAL_LEVELS.has(row.level) || data.length === 0) continue;
    for (const c of [a, x]) {
      emitSum(
        ctx,
        row.row,
        c,
        data.map((r): [number, number] => [r, c]),
        "jumlah",
        "jumlah baris di atasnya (Rp)",
        { numFmt: RP }
      );
    }
    emitBudget(ctx, row.row, a, x, ser, efi);
  }
}

export const efisiensiShape: Shape = {
  kind: "lkjip-efisiensi",
  name: {
    id: "efisiensi penggunaan sumber daya (LKjIP)",
    en: "efficiency of resource use (LKjIP)",
  },
  detect: (s) =>
    !s.quarters &&
    s.has("anggaran", "target-rp") &&
    s.has("realisasi-rp") &&
    s.has("efisiensi", "serapan"),
  rules: efisiensiRules,
};
