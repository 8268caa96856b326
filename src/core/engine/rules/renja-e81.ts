/**
 * Renja evaluation, form E.81 (Permendagri 86/2017): 12 = 8+9+10+11, 13 = 12/7 × 100,
 * 14 = 6 + 12, 15 = 14/5 × 100, for K and Rp; rata-rata and predikat footer rows.
 * Faktor pendorong / penghambat / tindak lanjut rows are left to the user (a note says so).
 */
import type { ColumnInfo, RowInfo, TableModel } from "../types";
import { RP, RuleContext, colsByNumber, colsByRole, isRpColumn, splitKRp } from "./context";
import { emitCapaian, emitMean, emitPredikat, emitSum, resolveForm, resolveScale, rowArah } from "./common";

type Pair = { k?: number; rp?: number };

function pair(table: TableModel, n: number, roles: ColumnInfo["role"][], pick: "first" | "last" = "last"): Pair {
  const byNum = splitKRp(colsByNumber(table, n));
  if (byNum.k || byNum.rp) return { k: byNum.k?.col, rp: byNum.rp?.col };
  const cols = colsByRole(table, ...roles);
  const sel = (xs: ColumnInfo[]) => (pick === "first" ? xs[0] : xs.at(-1))?.col;
  return { k: sel(cols.filter((c) => !isRpColumn(c))), rp: sel(cols.filter((c) => isRpColumn(c))) };
}

export function e81Columns(table: TableModel) {
  const quarters: Pair[] = [8, 9, 10, 11].map((n, q) => {
    const byNum = splitKRp(colsByNumber(table, n));
    if (byNum.k || byNum.rp) return { k: byNum.k?.col, rp: byNum.rp?.col };
    const cols = table.columns.filter((c) => c.quarter === q + 1);
    return { k: cols.find((c) => !isRpColumn(c))?.col, rp: cols.find((c) => isRpColumn(c))?.col };
  });
  return {
    c5: pair(table, 5, ["target-renstra"]),
    c6: pair(table, 6, ["realisasi", "realisasi-k", "realisasi-rp"], "first"),
    c7: pair(table, 7, ["target", "target-k", "target-rp"]),
    quarters,
    c12: pair(table, 12, ["realisasi-total-k", "realisasi-total-rp"]),
    c13: pair(table, 13, ["capaian", "capaian-k", "capaian-rp"]),
    c14: pair(table, 14, []),
    c15: pair(table, 15, ["kemajuan"]),
    predikat: colsByRole(table, "predikat")[0]?.col,
    arah: colsByRole(table, "arah")[0]?.col,
  };
}

const DATA: RowInfo["level"][] = ["indikator", "sasaran", "program", "kegiatan", "subkegiatan"];

export function renjaE81Rules(ctx: RuleContext): void {
  const { table } = ctx;
  const C = e81Columns(table);
  const kinds: ("k" | "rp")[] = ["k", "rp"];
  const capCells: Record<"k" | "rp", [number, number][]> = { k: [], rp: [] };
  const kemCells: Record<"k" | "rp", [number, number][]> = { k: [], rp: [] };
  for (const row of table.rows) {
    if (!DATA.includes(row.level)) continue;
    for (const x of kinds) {
      const fmt = x === "rp" ? RP : undefined;
      const arah = x === "k" ? rowArah(ctx, row, C.arah) : "normal";
      const c12 = C.c12[x];
      const qs = C.quarters.map((q) => q[x]).filter((c): c is number => c !== undefined);
      if (c12 !== undefined && qs.length > 0 && qs.some((c) => ctx.has(row.row, c))) {
        emitSum(ctx, row.row, c12, qs.map((c) => [row.row, c]), "e81.jumlah-tw", "12 = 8 + 9 + 10 + 11", { numFmt: fmt });
      }
      const c7 = C.c7[x];
      const c13 = C.c13[x];
      if (c7 !== undefined && c12 !== undefined && c13 !== undefined) {
        emitCapaian(ctx, row.row, c7, c12, c13, arah, "e81.capaian");
        if (ctx.has(row.row, c13)) capCells[x].push([row.row, c13]);
      }
      const c6 = C.c6[x];
      const c14 = C.c14[x];
      if (c6 !== undefined && c12 !== undefined && c14 !== undefined && ctx.has(row.row, c12)) {
        emitSum(ctx, row.row, c14, [[row.row, c6], [row.row, c12]], "e81.realisasi-kumulatif", "14 = 6 + 12", { numFmt: fmt });
      }
      const c5 = C.c5[x];
      const c15 = C.c15[x];
      if (c5 !== undefined && c14 !== undefined && c15 !== undefined) {
        emitCapaian(ctx, row.row, c5, c14, c15, arah, "e81.kemajuan");
        if (ctx.has(row.row, c15)) kemCells[x].push([row.row, c15]);
      }
    }
  }
  const predCol = C.predikat;
  const scale = resolveScale(ctx, predCol, "permendagri86");
  const form = resolveForm(ctx, predCol, "panjang");
  let rataRow: number | undefined;
  for (const row of table.rows) {
    if (row.level === "rata-rata") {
      for (const x of kinds) {
        const c13 = C.c13[x];
        const c15 = C.c15[x];
        if (c13 !== undefined && capCells[x].length > 0) emitMean(ctx, row.row, c13, capCells[x], "e81.rata-rata", "rata-rata capaian (kolom 13)");
        if (c15 !== undefined && kemCells[x].length > 0) emitMean(ctx, row.row, c15, kemCells[x], "e81.rata-rata", "rata-rata capaian (kolom 15)");
      }
      rataRow = row.row;
    }
    if (row.level === "predikat" && rataRow !== undefined) {
      for (const x of kinds) {
        const c13 = C.c13[x];
        if (c13 === undefined) continue;
        emitPredikat(ctx, row.row, rataRow, c13, predCol ?? c13, scale, form, "e81.predikat");
        if (predCol !== undefined) break;
      }
    }
  }
  if (ctx.mode === "plan" && table.rows.some((r) => /pendorong|penghambat|tindak lanjut/i.test(r.label))) {
    ctx.notes.push("Baris faktor pendorong, faktor penghambat dan tindak lanjut diisi oleh pengguna.");
  }
}
