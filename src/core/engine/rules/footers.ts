/**
 * Footer rows of the Permendagri 86 forms: a "Rata-rata capaian" row averages each capaian column
 * over the data rows of its group (since the previous rata-rata row), a "Predikat" row rates the
 * rata-rata above it, and "seluruh program" rows average the group averages.
 */
import type { RowInfo, TableModel } from "../types";
import { RuleContext, colsByRole } from "./context";
import { emitMean, emitPredikat, resolveForm, resolveScale } from "./common";
import { isDataRow, type DataRule } from "./stated";
import { asPercentRatio } from "../recognise/definitions";

/** "seluruh program": a row of the whole table (compiled once, tested per row). */
const GLOBAL_RE = /seluruh|keseluruhan/i;

/** The rating column of a form: an explicit predikat/kategori caption ("Ket." is the notes column there). */
export function formPredikatColumn(table: TableModel): number | undefined {
  return colsByRole(table, "predikat").find(
    (c) => !/^ket\.?$/i.test(c.header.split(" / ").at(-1)?.trim() ?? "")
  )?.col;
}

/**
 * `skip`: rata-rata rows another rule owns (the RKPD "Rata-rata Capaian Kinerja Kegiatan").
 * A group's rows are every data row since the previous rata-rata row, the program's own
 * indicator included (a blank capaian simply does not count).
 */
export function groupFooterRules(
  ctx: RuleContext,
  rules: DataRule[],
  skip: (row: RowInfo) => boolean = () => false
): void {
  const { table } = ctx;
  const capCols = rules
    .filter((r) => asPercentRatio(r.expr) !== undefined)
    .map((r) => r.out)
    .sort((a, b) => a - b);
  if (capCols.length === 0) return;
  const predCol = formPredikatColumn(table);
  const scale = resolveScale(ctx, predCol, "permendagri86");
  const form = resolveForm(ctx, predCol ?? capCols[0], "panjang");
  let groupRows: RowInfo[] = [];
  const groupAverages: number[] = [];
  let lastRata: number | undefined;
  for (const row of table.rows) {
    if (isDataRow(row)) {
      groupRows.push(row);
      continue;
    }
    if (row.level === "rata-rata") {
      const global = GLOBAL_RE.test(row.label);
      if (!skip(row)) {
        const source = global ? groupAverages : groupRows.map((r) => r.row);
        for (const c of capCols) {
          const cells = source
            .map((r) => [r, c] as [number, number])
            .filter(([r, cc]) => ctx.has(r, cc));
          if (cells.length === 0) continue;
          emitMean(
            ctx,
            row.row,
            c,
            cells,
            global ? "rata-rata-seluruh" : "rata-rata",
            global
              ? "rata-rata dari rata-rata tiap kelompok"
              : "rata-rata capaian baris data di atasnya"
          );
        }
        if (!global) groupAverages.push(row.row);
        lastRata = row.row;
      } else lastRata = undefined;
      groupRows = [];
      continue;
    }
    if (row.level === "predikat" && lastRata !== undefined) {
      for (const c of capCols) {
        emitPredikat(ctx, row.row, lastRata, c, predCol ?? c, scale, form, "predikat");
        if (predCol !== undefined) break;
      }
    }
  }
}
