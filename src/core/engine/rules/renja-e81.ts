/**
 * Renja / RKPD evaluation against the RPJMD or Renstra (Permendagri 86/2017, form E.81 and its
 * kin): every data column as the form's column-number row defines it (`12 = 8+9+10+11`,
 * `13 = 12/7 × 100`, `14 = 6 + 12`, `15 = 14/5 × 100` in the seed numbering, any numbering in
 * practice), then the footer conventions: a "rata-rata capaian" row averages each capaian column
 * over the data rows of its group (since the previous rata-rata row), a "predikat" row rates the
 * rata-rata above it, and the "seluruh program" rows average the group averages.
 * Faktor pendorong / penghambat / tindak lanjut rows are left to the user (a note says so).
 */
import type { RowInfo } from "../types";
import { RuleContext, colsByRole } from "./context";
import { emitMean, emitPredikat, resolveForm, resolveScale } from "./common";
import { applyDataRules, dataRowFilter, dataRules, formColumns } from "./stated";
import { asPercentRatio } from "../recognise/definitions";

const PARENT_LEVELS = new Set<RowInfo["level"]>(["program", "urusan", "group", "total"]);

export function renjaE81Rules(ctx: RuleContext): void {
  const { table } = ctx;
  const rules = dataRules(table, ctx.notes);
  const F = formColumns(table, rules);
  const ids = new Map<number, string>();
  if (F.capaian.k !== undefined) ids.set(F.capaian.k, "e81.capaian");
  applyDataRules(ctx, rules, ids);

  // Capaian columns (K before Rp, left to right): the outputs of `a / b × 100` definitions.
  const capCols = rules
    .filter((r) => asPercentRatio(r.expr) !== undefined && (r.kind === "k" || r.kind === "rp" || r.kind === "value"))
    .map((r) => r.out)
    .sort((a, b) => a - b);
  if (capCols.length === 0) return;
  const applies = dataRowFilter(table);
  const predCol = colsByRole(table, "predikat")[0]?.col;
  const scale = resolveScale(ctx, predCol, "permendagri86");
  const form = resolveForm(ctx, predCol ?? capCols[0], "panjang");

  let groupRows: RowInfo[] = [];
  const groupAverages: number[] = [];
  let lastRata: { row: number; global: boolean } | undefined;
  for (const row of table.rows) {
    if (applies(row, "k")) {
      groupRows.push(row);
      continue;
    }
    const global = /seluruh|keseluruhan/i.test(row.label);
    if (row.level === "rata-rata") {
      // A program's own row is the parent of the rows averaged, not one of them (Sukabumi: AVERAGE(AC18:AC37)).
      const leaves = groupRows.filter((r) => !PARENT_LEVELS.has(r.level));
      const source = global ? groupAverages.map((r) => ({ row: r })) : leaves.length > 0 ? leaves : groupRows;
      for (const c of capCols) {
        const cells = source.map((r) => [r.row, c] as [number, number]).filter(([r, cc]) => ctx.has(r, cc));
        if (cells.length === 0) continue;
        emitMean(ctx, row.row, c, cells, global ? "e81.rata-rata-seluruh" : "e81.rata-rata", global ? "rata-rata dari rata-rata tiap program" : "rata-rata capaian baris data di atasnya");
      }
      if (!global) groupAverages.push(row.row);
      groupRows = [];
      lastRata = { row: row.row, global };
      continue;
    }
    if (row.level === "predikat" && lastRata !== undefined) {
      for (const c of capCols) {
        emitPredikat(ctx, row.row, lastRata.row, c, predCol ?? c, scale, form, "e81.predikat");
        if (predCol !== undefined) break;
      }
    }
  }
  if (ctx.mode === "plan" && table.rows.some((r) => /pendorong|penghambat|tindak lanjut/i.test(r.label))) {
    ctx.notes.push("Baris faktor pendorong, faktor penghambat dan tindak lanjut diisi oleh pengguna.");
  }
}
